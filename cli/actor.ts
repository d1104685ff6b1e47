import os from 'node:os';

/** Who a CLI change is recorded as, in the audit log: `cli:<user>`. */
export function cliActor(): string {
  let user = process.env.USER ?? process.env.USERNAME;
  try {
    user ??= os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the variables were the only source.
  }
  return `cli:${user ?? 'unknown'}`;
}
