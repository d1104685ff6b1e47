/**
 * What a token may do. Today the scopes are a ladder, predict < operate < admin, but each one
 * lists what it grants rather than taking a rank, so that a scope beside the ladder (a `label`
 * scope for feedback, say) can be added without granting it to everything above some rung.
 */
export const SCOPES = ['predict', 'operate', 'admin'] as const;

export type Scope = (typeof SCOPES)[number];

const GRANTS: Readonly<Record<Scope, readonly Scope[]>> = {
  predict: ['predict'],
  operate: ['predict', 'operate'],
  admin: ['predict', 'operate', 'admin'],
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Whether a token of scope `held` may do what needs `needed`. */
export function grants(held: Scope, needed: Scope): boolean {
  return GRANTS[held].includes(needed);
}

/** The scopes that may do what needs `needed`, lowest first: for messages and the document. */
export function scopesGranting(needed: Scope): Scope[] {
  return SCOPES.filter((s) => grants(s, needed));
}
