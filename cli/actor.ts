import os from 'node:os';

/**
 * Who a CLI change is recorded as, in the audit log: `cli:<user>`, the login of the user this
 * process runs as (not $USER, which anyone can set), made to fit the actor shape the workflows
 * accept (core/contracts/fields.ts): characters outside A-Z a-z 0-9 . _ @ - become `_`, and it
 * is cut to 64.
 */
export function cliActor(): string {
  let user: string | undefined;
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the variables are the only source left.
    user = process.env.USER ?? process.env.USERNAME;
  }
  const name = (user ?? '').replace(/[^A-Za-z0-9._@-]/g, '_').slice(0, 64);
  return `cli:${name || 'unknown'}`;
}
