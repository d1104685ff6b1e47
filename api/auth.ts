import type { RequestHandler, Response } from 'express';

export interface BearerAuthOptions {
  /** The name of the token's owner, or null for an unknown or revoked token. */
  verify: (token: string) => Promise<string | null>;
}

// The scheme is case-insensitive (RFC 7235); the token is one run of non-blank characters.
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function unauthorized(res: Response, message: string): void {
  res
    .status(401)
    .set('WWW-Authenticate', 'Bearer')
    .json({ error: { code: 'unauthorized', message, details: null } });
}

/**
 * Lets a request through only with `Authorization: Bearer <token>` of a live token, and records
 * who it is as `res.locals.actor` (`api:<name>`) for the audit log.
 */
export function bearerAuth(options: BearerAuthOptions): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined || header.trim() === '') {
      unauthorized(res, 'missing bearer token: send the header Authorization: Bearer <token>');
      return;
    }
    const match = BEARER.exec(header);
    if (!match) {
      unauthorized(res, 'malformed Authorization header: expected Bearer <token>');
      return;
    }
    let name: string | null;
    try {
      name = await options.verify(match[1]!);
    } catch (error) {
      // The store being down is a server fault (5xx), not the caller's: it must not read as 401.
      next(error);
      return;
    }
    if (name === null) {
      unauthorized(res, 'invalid or revoked bearer token');
      return;
    }
    res.locals.actor = `api:${name}`;
    next();
  };
}
