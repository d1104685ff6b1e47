import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { Migrator, sql } from 'kysely';
import { bearerAuth } from '../api/auth';
import type { Caller } from '../api/auth';
import { grants, SCOPES, scopesGranting } from '../core/auth/scopes';
import type { Scope } from '../core/auth/scopes';
import { createToken, listTokens, revokeToken, TokenError, verifyToken } from '../core/auth/tokens';
import {
  formatTokens,
  parseLifetime,
  runTokensCreate,
  runTokensRevoke,
} from '../cli/commands/tokens';
import { UserError } from '../cli/user-error';
import type { Config } from '../core/config/config';
import { createDb } from '../core/db/connect';
import { migrations } from '../core/db/migrations';
import { cleanEnv, runCli } from './helpers/cli';
import { freshDeployment } from './helpers/fresh-deployment';
import type { FreshDeployment } from './helpers/fresh-deployment';
import { sharedStackConfig } from './helpers/shared-stack';

const isTokenError = (pattern: RegExp) => (error: unknown) =>
  error instanceof TokenError && pattern.test(error.message);

const operate = { scope: 'operate' } as const;

/** The name a live token verifies as, or the reason it is refused. */
async function whoIs(db: FreshDeployment['db'], token: string): Promise<string> {
  const check = await verifyToken(db, token);
  return check.ok ? `${check.name}:${check.scope}` : check.reason;
}

describe('token scopes', () => {
  it('are a ladder, predict < operate < admin, each granting those below it', () => {
    assert.deepEqual(SCOPES, ['predict', 'operate', 'admin']);
    const table = SCOPES.map((held) => SCOPES.map((needed) => (grants(held, needed) ? 1 : 0)));
    assert.deepEqual(table, [
      [1, 0, 0],
      [1, 1, 0],
      [1, 1, 1],
    ]);
    assert.deepEqual(scopesGranting('operate'), ['operate', 'admin']);
    assert.deepEqual(scopesGranting('predict'), ['predict', 'operate', 'admin']);
  });
});

describe('API bearer tokens', () => {
  let base: Config;
  let d: FreshDeployment;

  before(async () => {
    base = await sharedStackConfig();
    d = await freshDeployment(base);
  });
  after(() => d.close());

  it('verifies a new token by its name and stores only its sha256', async () => {
    const { name, token, scope, expiresAt } = await createToken(d.db, 'ci-bot', operate);
    assert.equal(name, 'ci-bot');
    assert.equal(scope, 'operate');
    assert.equal(expiresAt, null);
    assert.match(token, /^rk_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(await verifyToken(d.db, token), {
      ok: true,
      name: 'ci-bot',
      scope: 'operate',
    });

    const rows = await d.db.selectFrom('api_tokens').selectAll().execute();
    assert.equal(rows.length, 1);
    const stored = JSON.stringify(rows);
    assert.ok(!stored.includes(token), 'the plaintext token is in the table');
    assert.ok(!stored.includes(token.slice(3)), 'the token body is in the table');
    assert.equal(rows[0]!.token_sha256, createHash('sha256').update(token).digest('hex'));
    assert.equal(rows[0]!.revoked_at, null);
    assert.equal(rows[0]!.scope, 'operate');
    assert.equal(rows[0]!.expires_at, null);
  });

  it('refuses a wrong token', async () => {
    const { token } = await createToken(d.db, 'wrong-token-owner', operate);
    assert.equal(await whoIs(d.db, `${token}x`), 'unknown');
    assert.equal(await whoIs(d.db, `${token.slice(0, -1)}A`), 'unknown');
    assert.equal(await whoIs(d.db, 'rk_nothing'), 'unknown');
    assert.equal(await whoIs(d.db, ''), 'unknown');
  });

  it('refuses a token from the moment it is revoked', async () => {
    const { token } = await createToken(d.db, 'revoked.soon', operate);
    assert.equal(await whoIs(d.db, token), 'revoked.soon:operate');
    await revokeToken(d.db, 'revoked.soon');
    assert.equal(await whoIs(d.db, token), 'revoked');
    const listed = (await listTokens(d.db)).find((t) => t.name === 'revoked.soon');
    assert.ok(listed?.revokedAt instanceof Date);
    await assert.rejects(revokeToken(d.db, 'revoked.soon'), isTokenError(/already revoked/));
  });

  it('refuses a duplicate name, a bad name and revoking an unknown name', async () => {
    const first = await createToken(d.db, 'dup', operate);
    await assert.rejects(createToken(d.db, 'dup', operate), isTokenError(/already exists/));
    assert.equal(await whoIs(d.db, first.token), 'dup:operate', 'the refusal replaced the token');
    for (const bad of ['', 'a b', 'x/y', 'é', 'a'.repeat(65)]) {
      await assert.rejects(createToken(d.db, bad, operate), isTokenError(/bad token name/), bad);
    }
    await createToken(d.db, 'a'.repeat(64), operate);
    await assert.rejects(revokeToken(d.db, 'nobody'), isTokenError(/no token named/));
    await assert.rejects(createToken(d.db, 'dup', operate), (e: unknown) => {
      assert.ok(e instanceof TokenError);
      assert.equal(e.name, 'TokenError');
      return true;
    });
  });

  it('re-creates a revoked name with a new token, the old one staying dead', async () => {
    const old = await createToken(d.db, 'rotate', operate);
    await revokeToken(d.db, 'rotate');
    const fresh = await createToken(d.db, 'rotate', { scope: 'predict' });
    assert.notEqual(fresh.token, old.token);
    assert.equal(await whoIs(d.db, fresh.token), 'rotate:predict', 'the new scope holds');
    assert.equal(await whoIs(d.db, old.token), 'unknown');
    const listed = (await listTokens(d.db)).filter((t) => t.name === 'rotate');
    assert.deepEqual(
      listed.map((t) => [t.revokedAt, t.scope]),
      [[null, 'predict']],
    );
  });

  it('stores the scope and expiry, and refuses a token from the moment it expires', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000);
    const { token } = await createToken(d.db, 'short-lived', {
      scope: 'predict',
      expiresAt: inAnHour,
    });
    assert.equal(await whoIs(d.db, token), 'short-lived:predict');
    const listed = (await listTokens(d.db)).find((t) => t.name === 'short-lived');
    assert.equal(listed?.scope, 'predict');
    assert.equal(listed?.expiresAt?.getTime(), inAnHour.getTime());
    // Time passes: the database's clock is the judge.
    await d.db
      .updateTable('api_tokens')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('name', '=', 'short-lived')
      .execute();
    assert.equal(await whoIs(d.db, token), 'expired');
    // Revoked wins over expired: both refuse, and the revocation is what was done to it.
    await revokeToken(d.db, 'short-lived');
    assert.equal(await whoIs(d.db, token), 'revoked');
  });

  it('refuses an unknown scope and an expiry in the past, in code and in the table', async () => {
    await assert.rejects(
      createToken(d.db, 'bad-scope', { scope: 'root' as Scope }),
      isTokenError(/bad scope "root": use one of predict, operate, admin/),
    );
    await assert.rejects(
      createToken(d.db, 'past', { scope: 'predict', expiresAt: new Date(Date.now() - 1000) }),
      isTokenError(/not in the future/),
    );
    await assert.rejects(
      sql`INSERT INTO api_tokens (name, token_sha256, scope) VALUES ('x', 'y', 'root')`.execute(
        d.db,
      ),
      /api_tokens_scope_check/,
    );
    await assert.rejects(
      sql`INSERT INTO api_tokens (name, token_sha256) VALUES ('x', 'y')`.execute(d.db),
      /null value in column "scope"/,
      'a new token states its scope: the column has no default',
    );
  });

  it('gives the tokens made before scopes existed the scope operate, and no expiry', async () => {
    const name = `${d.config.deployment}_m`;
    const admin = createDb(base.postgres.url, { max: 1 });
    await sql.raw(`CREATE DATABASE ${name}`).execute(admin);
    await admin.destroy();
    const url = new URL(base.postgres.url);
    url.pathname = `/${name}`;
    const db = createDb(url.toString());
    try {
      const migrator = new Migrator({
        db,
        provider: { getMigrations: () => Promise.resolve(migrations) },
      });
      const names = Object.keys(migrations);
      const before = names[names.indexOf('0009_token_scopes') - 1]!;
      assert.equal((await migrator.migrateTo(before)).error, undefined);
      await sql`INSERT INTO api_tokens (name, token_sha256) VALUES ('old-bot', 'abc')`.execute(db);
      const { error } = await migrator.migrateToLatest();
      assert.equal(error, undefined);
      const { rows } = await sql<{
        scope: string;
        expires_at: Date | null;
      }>`SELECT scope, expires_at FROM api_tokens WHERE name = 'old-bot'`.execute(db);
      assert.deepEqual(rows, [{ scope: 'operate', expires_at: null }]);
    } finally {
      await db.destroy();
    }
  });

  describe('bearerAuth middleware', () => {
    let server: Server;
    let url: string;
    let failVerify = false;

    before(async () => {
      const app = express();
      const verify = (token: string) =>
        failVerify ? Promise.reject(new Error('db down')) : verifyToken(d.db, token);
      const answer: express.RequestHandler = (_req, res) => {
        res.json({
          actor: (res.locals.actor as unknown) ?? null,
          caller: (res.locals.caller as Caller | undefined) ?? null,
        });
      };
      app.get('/ops', bearerAuth({ verify, require: 'operate' }), answer);
      app.get('/open', bearerAuth({ verify }), answer);
      app.use((error: unknown, _req: express.Request, res: express.Response, _next: unknown) => {
        res.status(500).json({ error: error instanceof Error ? error.message : 'unknown' });
      });
      server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const get = (authorization?: string, path = '/ops') =>
      fetch(url + path, { headers: authorization === undefined ? {} : { authorization } });

    async function assertUnauthorized(
      response: Response,
      message: RegExp,
      challenge = 'Bearer error="invalid_token"',
    ): Promise<void> {
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), challenge);
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
      await assertUnauthorized(await get(), /missing bearer token/, 'Bearer');
      await assertUnauthorized(await get(''), /missing bearer token/, 'Bearer');
      const malformed = 'Bearer error="invalid_request"';
      await assertUnauthorized(await get('Basic dXNlcjpwYXNz'), /malformed/, malformed);
      await assertUnauthorized(await get('Bearer'), /malformed/, malformed);
    });

    it('answers 401 with a wrong token', async () => {
      await assertUnauthorized(await get('Bearer rk_not-a-token'), /invalid bearer token/);
    });

    it('lets a valid token through as api:<name>, then refuses it once revoked', async () => {
      const { token } = await createToken(d.db, 'http-client', operate);
      const ok = await get(`Bearer ${token}`);
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), {
        actor: 'api:http-client',
        caller: { name: 'http-client', scope: 'operate' },
      });
      const lowerCase = await get(`bearer ${token}`);
      assert.equal(lowerCase.status, 200);

      await revokeToken(d.db, 'http-client');
      await assertUnauthorized(await get(`Bearer ${token}`), /revoked/);
    });

    it('answers 403 to a token whose scope is too low, and lets a higher one through', async () => {
      const predict = await createToken(d.db, 'predictor', { scope: 'predict' });
      const refused = await get(`Bearer ${predict.token}`);
      assert.equal(refused.status, 403);
      assert.equal(
        refused.headers.get('www-authenticate'),
        'Bearer error="insufficient_scope", scope="operate"',
      );
      const body = (await refused.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'forbidden');
      assert.match(body.error.message, /needs a token of scope operate or admin/);
      assert.match(body.error.message, /token predictor has scope predict/);

      const admin = await createToken(d.db, 'root-ish', { scope: 'admin' });
      const ok = await get(`Bearer ${admin.token}`);
      assert.equal(ok.status, 200);
      assert.deepEqual(((await ok.json()) as { caller: Caller }).caller, {
        name: 'root-ish',
        scope: 'admin',
      });
    });

    it('answers 401 to an expired token', async () => {
      const { token } = await createToken(d.db, 'expiring', {
        scope: 'admin',
        expiresAt: new Date(Date.now() + 60_000),
      });
      assert.equal((await get(`Bearer ${token}`)).status, 200);
      await d.db
        .updateTable('api_tokens')
        .set({ expires_at: sql<Date>`now()` })
        .where('name', '=', 'expiring')
        .execute();
      await assertUnauthorized(await get(`Bearer ${token}`), /expired/);
    });

    it('on an open route, reads a token only when one is sent, and refuses a dead one', async () => {
      const anonymous = await get(undefined, '/open');
      assert.equal(anonymous.status, 200);
      assert.deepEqual(await anonymous.json(), { actor: null, caller: null });
      const { token } = await createToken(d.db, 'reader', { scope: 'predict' });
      const known = await get(`Bearer ${token}`, '/open');
      assert.deepEqual(((await known.json()) as { caller: Caller }).caller, {
        name: 'reader',
        scope: 'predict',
      });
      await assertUnauthorized(await get('Bearer rk_forged', '/open'), /invalid bearer token/);
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
        runTokensCreate('bad name', { scope: 'predict' }),
        (e: unknown) => e instanceof UserError && /bad token name/.test(e.message),
      );
      await assert.rejects(
        runTokensCreate('bad-expiry', { scope: 'predict', expires: '30 days' }),
        (e: unknown) => e instanceof UserError && /bad --expires "30 days"/.test(e.message),
      );
    });

    it('read a lifetime in hours, days or weeks, and nothing else', () => {
      assert.equal(parseLifetime('12h'), 12 * 3_600_000);
      assert.equal(parseLifetime('30d'), 30 * 86_400_000);
      assert.equal(parseLifetime('52w'), 52 * 7 * 86_400_000);
      for (const bad of ['0d', '-1d', '30', 'd', '1.5d', '30m', '1y', '99999w', '']) {
        assert.throws(() => parseLifetime(bad), UserError, bad);
      }
    });

    it('list tokens as a table with their scope, expiry and state', () => {
      const at = new Date('2025-01-02T03:04:05.000Z');
      const later = new Date('2025-02-01T03:04:05.000Z');
      const text = formatTokens(
        [
          { name: 'a', scope: 'predict', createdAt: at, expiresAt: null, revokedAt: null },
          { name: 'long-name', scope: 'admin', createdAt: at, expiresAt: null, revokedAt: at },
          { name: 'old', scope: 'operate', createdAt: at, expiresAt: at, revokedAt: null },
          { name: 'soon', scope: 'operate', createdAt: at, expiresAt: later, revokedAt: null },
        ],
        new Date('2025-01-10T00:00:00.000Z'),
      );
      const lines = text.trimEnd().split('\n');
      assert.match(lines[0]!, /^name {7}scope {4}created {19}expires {19}state$/);
      assert.match(lines[1]!, /^a {10}predict {2}2025-01-02T03:04:05\.000Z {2}never {21}active$/);
      assert.match(lines[2]!, /^long-name {2}admin {4}\S+ {2}never {21}revoked 2025-01-02/);
      assert.match(lines[3]!, /^old {8}operate {2}\S+ {2}2025-01-02T03:04:05\.000Z {2}expired$/);
      assert.match(lines[4]!, /^soon {7}operate {2}\S+ {2}2025-02-01T03:04:05\.000Z {2}active$/);
      assert.match(formatTokens([]), /no tokens yet/);
    });

    it('rakuten tokens create needs --scope, takes --expires, and list shows both', async () => {
      const env = cleanEnv(d.env);
      const missing = await runCli(['tokens', 'create', 'cli-noscope'], env);
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /--scope/);
      const wrong = await runCli(['tokens', 'create', 'cli-x', '--scope', 'root'], env);
      assert.notEqual(wrong.code, 0);
      assert.match(wrong.stderr, /predict, operate, admin/);

      const started = Date.now();
      const made = await runCli(
        ['tokens', 'create', 'cli-month', '--scope', 'predict', '--expires', '30d'],
        env,
      );
      assert.equal(made.code, 0, made.stderr);
      assert.match(made.stdout, /^rk_[A-Za-z0-9_-]{43}\n$/);
      assert.match(made.stderr, /scope predict, expires \d{4}-/);
      assert.equal(await whoIs(d.db, made.stdout.trim()), 'cli-month:predict');

      const listed = await runCli(['tokens', 'list', '--json'], env);
      assert.equal(listed.code, 0, listed.stderr);
      const month = (
        JSON.parse(listed.stdout) as { name: string; scope: string; expiresAt: string | null }[]
      ).find((t) => t.name === 'cli-month');
      assert.equal(month?.scope, 'predict');
      const lifetime = new Date(month.expiresAt!).getTime() - started;
      assert.ok(Math.abs(lifetime - 30 * 86_400_000) < 120_000, `${lifetime} ms`);
      const table = await runCli(['tokens', 'list'], env);
      assert.match(table.stdout, /\ncli-month +predict +\S+ +\d{4}-\S+ +active\n/);
    });
  });
});
