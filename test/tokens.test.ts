import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { bearerAuth } from '../api/auth';
import { createToken, listTokens, revokeToken, TokenError, verifyToken } from '../core/auth/tokens';
import { formatTokens, runTokensCreate, runTokensRevoke } from '../cli/commands/tokens';
import { UserError } from '../cli/user-error';
import type { Config } from '../core/config/config';
import { freshDeployment } from './helpers/fresh-deployment';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { sharedStackConfig } from './helpers/shared-stack';

const isTokenError = (pattern: RegExp) => (error: unknown) =>
  error instanceof TokenError && pattern.test(error.message);

describe('API bearer tokens', () => {
  let base: Config;
  let d: FreshDeployment;

  before(async () => {
    base = await sharedStackConfig();
    d = await freshDeployment(base);
  });
  after(() => d.close());

  it('verifies a new token by its name and stores only its sha256', async () => {
    const { name, token } = await createToken(d.db, 'ci-bot');
    assert.equal(name, 'ci-bot');
    assert.match(token, /^rk_[A-Za-z0-9_-]{43}$/);
    assert.equal(await verifyToken(d.db, token), 'ci-bot');

    const rows = await d.db.selectFrom('api_tokens').selectAll().execute();
    assert.equal(rows.length, 1);
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes(token), 'the plaintext token is in the table');
    assert.ok(!stored.includes(token.slice(3)), 'the token body is in the table');
    assert.equal(rows[0]!.token_sha256, createHash('sha256').update(token).digest('hex'));
    assert.equal(rows[0]!.revoked_at, null);
  });

  it('refuses a wrong token', async () => {
    const { token } = await createToken(d.db, 'wrong-token-owner');
    assert.equal(await verifyToken(d.db, `${token}x`), null);
    assert.equal(await verifyToken(d.db, 'rk_nothing'), null);
    assert.equal(await verifyToken(d.db, ''), null);
  });

  it('refuses a token from the moment it is revoked', async () => {
    const { token } = await createToken(d.db, 'revoked.soon');
    assert.equal(await verifyToken(d.db, token), 'revoked.soon');
    await revokeToken(d.db, 'revoked.soon');
    assert.equal(await verifyToken(d.db, token), null);
    const listed = (await listTokens(d.db)).find((t) => t.name === 'revoked.soon');
    assert.ok(listed?.revokedAt instanceof Date);
    await assert.rejects(revokeToken(d.db, 'revoked.soon'), isTokenError(/already revoked/));
  });

  it('refuses a duplicate name, a bad name and revoking an unknown name', async () => {
    const first = await createToken(d.db, 'dup');
    await assert.rejects(createToken(d.db, 'dup'), isTokenError(/already exists/));
    assert.equal(await verifyToken(d.db, first.token), 'dup', 'the refusal replaced the token');
    for (const bad of ['', 'a b', 'x/y', 'é', 'a'.repeat(65)]) {
      await assert.rejects(createToken(d.db, bad), isTokenError(/bad token name/), bad);
    }
    await createToken(d.db, 'a'.repeat(64));
    await assert.rejects(revokeToken(d.db, 'nobody'), isTokenError(/no token named/));
    await assert.rejects(createToken(d.db, 'dup'), (e: unknown) => {
      assert.ok(e instanceof TokenError);
      assert.equal(e.name, 'TokenError');
      return true;
    });
  });

  it('re-creates a revoked name with a new token, the old one staying dead', async () => {
    const old = await createToken(d.db, 'rotate');
    await revokeToken(d.db, 'rotate');
    const fresh = await createToken(d.db, 'rotate');
    assert.notEqual(fresh.token, old.token);
    assert.equal(await verifyToken(d.db, fresh.token), 'rotate');
    assert.equal(await verifyToken(d.db, old.token), null);
    const listed = (await listTokens(d.db)).filter((t) => t.name === 'rotate');
    assert.deepEqual(
      listed.map((t) => t.revokedAt),
      [null],
    );
  });

  describe('bearerAuth middleware', () => {
    let server: Server;
    let url: string;
    let failVerify = false;

    before(async () => {
      const app = express();
      app.get(
        '/ops',
        bearerAuth({
          verify: (token) =>
            failVerify ? Promise.reject(new Error('db down')) : verifyToken(d.db, token),
        }),
        (_req, res) => {
          res.json({ actor: res.locals.actor as unknown });
        },
      );
      app.use((error: unknown, _req: express.Request, res: express.Response, _next: unknown) => {
        res.status(500).json({ error: error instanceof Error ? error.message : 'unknown' });
      });
      server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ops`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const get = (authorization?: string) =>
      fetch(url, { headers: authorization === undefined ? {} : { authorization } });

    async function assertUnauthorized(response: Response, message: RegExp): Promise<void> {
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      const body = (await response.json()) as {
        error: { code: string; message: string; details: unknown };
      };
      assert.deepEqual(Object.keys(body), ['error']);
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'details', 'message']);
      assert.equal(body.error.code, 'unauthorized');
      assert.equal(body.error.details, null);
      assert.match(body.error.message, message);
    }

    it('answers 401 without the header, or with a malformed one', async () => {
      await assertUnauthorized(await get(), /missing bearer token/);
      await assertUnauthorized(await get(''), /missing bearer token/);
      await assertUnauthorized(await get('Basic dXNlcjpwYXNz'), /malformed/);
      await assertUnauthorized(await get('Bearer'), /malformed/);
    });

    it('answers 401 with a wrong token', async () => {
      await assertUnauthorized(await get('Bearer rk_not-a-token'), /invalid or revoked/);
    });

    it('lets a valid token through as api:<name>, then refuses it once revoked', async () => {
      const { token } = await createToken(d.db, 'http-client');
      const ok = await get(`Bearer ${token}`);
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { actor: 'api:http-client' });
      const lowerCase = await get(`bearer ${token}`);
      assert.equal(lowerCase.status, 200);

      await revokeToken(d.db, 'http-client');
      await assertUnauthorized(await get(`Bearer ${token}`), /invalid or revoked/);
    });

    it('passes a failing verify on to the error handler, not as 401', async () => {
      failVerify = true;
      try {
        const response = await get('Bearer rk_anything');
        assert.equal(response.status, 500);
        assert.deepEqual(await response.json(), { error: 'db down' });
      } finally {
        failVerify = false;
      }
    });
  });

  describe('CLI run functions', () => {
    const saved: Record<string, string | undefined> = {};
    before(() => {
      for (const [key, value] of Object.entries(d.env)) {
        saved[key] = process.env[key];
        process.env[key] = value;
      }
    });
    after(() => {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    });

    it('turn a refusal into a UserError of one line', async () => {
      await assert.rejects(
        runTokensRevoke('nobody-here'),
        (e: unknown) => e instanceof UserError && /no token named/.test(e.message),
      );
      await assert.rejects(
        runTokensCreate('bad name'),
        (e: unknown) => e instanceof UserError && /bad token name/.test(e.message),
      );
    });

    it('lists tokens as a table', () => {
      const at = new Date('2025-01-02T03:04:05.000Z');
      const text = formatTokens([
        { name: 'a', createdAt: at, revokedAt: null },
        { name: 'long-name', createdAt: at, revokedAt: at },
      ]);
      assert.match(text, /^name {7}created {19}state\n/);
      assert.match(text, /\na {10}2025-01-02T03:04:05\.000Z {2}active\n/);
      assert.match(text, /long-name {2}2025-01-02T03:04:05\.000Z {2}revoked 2025-01-02/);
      assert.match(formatTokens([]), /no tokens yet/);
    });
  });
});
