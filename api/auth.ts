import type { RequestHandler, Response } from 'express';
import { grants, scopesGranting } from '../core/auth/scopes';
import type { Scope } from '../core/auth/scopes';
import type { TokenCheck } from '../core/auth/tokens';
import type { Auth } from './route';

/** Who sent the request, as its token says. */
export interface Caller {
  name: string;
  scope: Scope;
}

export type VerifyToken = (token: string) => Promise<TokenCheck>;

export interface BearerAuthOptions {
  verify: VerifyToken;
  /** The scope the token must grant; without it a token is optional, read only when sent. */
  require?: Scope;
}

// The scheme is case-insensitive (RFC 7235); the token is one run of non-blank characters.
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

const REFUSED: Record<Exclude<TokenCheck, { ok: true }>['reason'], string> = {
  unknown: 'invalid bearer token',
  revoked: 'this bearer token is revoked',
  expired: 'this bearer token has expired: ask for a new one',
};

function refuse(
  res: Response,
  status: 401 | 403,
  challenge: string,
  code: string,
  message: string,
): void {
  res
    .status(status)
    .set('WWW-Authenticate', challenge)
    .json({ error: { code, message, details: null } });
}

/**
 * Checks `Authorization: Bearer <token>` against the token table (RFC 6750's answers: 401 for a
 * missing, malformed, unknown, revoked or expired token; 403 for a scope too low), and records
 * the caller as `res.locals.caller` and `res.locals.actor` (`api:<name>`, for the audit log).
 */
export function bearerAuth({ verify, require }: BearerAuthOptions): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined || header.trim() === '') {
      if (!require) {
        next();
        return;
      }
      refuse(
        res,
        401,
        'Bearer',
        'unauthorized',
        'missing bearer token: send the header Authorization: Bearer <token>',
      );
      return;
    }
    const match = BEARER.exec(header);
    if (!match) {
      refuse(
        res,
        401,
        'Bearer error="invalid_request"',
        'unauthorized',
        'malformed Authorization header: expected Bearer <token>',
      );
      return;
    }
    let check: TokenCheck;
    try {
      check = await verify(match[1]!);
    } catch (error) {
      // The store being down is a server fault (5xx), not the caller's: it must not read as 401.
      next(error);
      return;
    }
    if (!check.ok) {
      refuse(res, 401, 'Bearer error="invalid_token"', 'unauthorized', REFUSED[check.reason]);
      return;
    }
    if (require && !grants(check.scope, require)) {
      refuse(
        res,
        403,
        `Bearer error="insufficient_scope", scope="${require}"`,
        'forbidden',
        `this operation needs a token of scope ${scopesGranting(require).join(' or ')}; token ${check.name} has scope ${check.scope}`,
      );
      return;
    }
    res.locals.caller = { name: check.name, scope: check.scope } satisfies Caller;
    res.locals.actor = `api:${check.name}`;
    next();
  };
}

/** The check a route's `auth` asks for, or none where the route is open to anyone. */
export function authGuard(
  auth: Auth,
  options: { verify: VerifyToken; predictRequireToken: boolean },
): RequestHandler | undefined {
  if (auth === 'none') return undefined;
  if ('reveals' in auth) return bearerAuth({ verify: options.verify });
  if (auth.onlyIf === 'predictRequireToken' && !options.predictRequireToken) return undefined;
  return bearerAuth({ verify: options.verify, require: auth.scope });
}

/** Whether the request came with a live token granting `scope`. */
export function callerMay(res: Response, scope: Scope): boolean {
  const caller = res.locals.caller as Caller | undefined;
  return caller !== undefined && grants(caller.scope, scope);
}

/** The audit log's actor of a request that passed a token check: `api:<token name>`. */
export function actorOf(res: Response): string {
  const actor = res.locals.actor as string | undefined;
  // A route that records an actor must be guarded: an anonymous change is a bug, not a default.
  if (actor === undefined) throw new Error('no authenticated caller on a guarded route');
  return actor;
}
