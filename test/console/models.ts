import assert from 'node:assert/strict';
import { it } from 'node:test';
import { seriousA11yViolations } from '../helpers/browser';
import type { ConsoleFixture } from '../helpers/console-fixture';
import { until } from '../helpers/until';

interface VersionPage {
  total: number;
  offset: number;
  limit: number;
  items: { version: string; status: string; gold_weighted_f1: number | null; family: string }[];
}

/** The registry pages: Models and Compare, and their JSON twins. */
export function modelsTests(f: () => ConsoleFixture): void {
  const get = async (path: string, token?: string) => {
    const res = await fetch(`${f().base}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: await res.json() };
  };
  const versions = async (query: string) => (await get(`/versions?${query}`)).body as VersionPage;
  const champion = () => f().champion.modelVersion;
  const challenger = () => f().challenger.modelVersion;

  // Other areas' tests may train more versions first: only the fixture's two are relied on.
  it('lists versions paged, sorted and filtered by the database', async () => {
    const all = await versions('limit=200');
    const order = all.items.map((v) => v.version);
    assert.ok(order.indexOf(challenger()) < order.indexOf(champion()), 'newest first by default');
    const statusOf = (v: string) => all.items.find((i) => i.version === v)?.status;
    assert.equal(statusOf(challenger()), 'rejected');
    const byF1 = await versions('sort=gold_weighted_f1&order=asc&limit=200');
    const scores = byF1.items.flatMap((v) =>
      v.gold_weighted_f1 === null ? [] : [v.gold_weighted_f1],
    );
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => a - b),
    );
    const ascending = await versions('sort=version&order=asc&limit=200');
    const first = await versions('limit=1&offset=0&sort=version&order=asc');
    const second = await versions('limit=1&offset=1&sort=version&order=asc');
    assert.equal(second.total, all.total);
    assert.deepEqual(
      [...first.items, ...second.items].map((v) => v.version),
      ascending.items.slice(0, 2).map((v) => v.version),
    );
    const champions = (await versions('status=champion')).items;
    assert.equal(champions.length, 1);
    assert.equal(
      champions[0]!.version,
      ((await get('/models/active')).body as { version: string }).version,
    );
    assert.deepEqual(
      (await versions(`q=${challenger().slice(-6)}`)).items.map((v) => v.version),
      [challenger()],
    );
    const family = all.items[0]!.family;
    const sameFamily = await versions(`family=${encodeURIComponent(family)}`);
    assert.ok(sameFamily.total >= 1 && sameFamily.items.every((v) => v.family === family));
    assert.equal((await versions('family=nope')).total, 0);
    for (const bad of ['sort=nope', 'order=up', 'status=best', 'limit=0', 'limit=201']) {
      assert.equal((await get(`/versions?${bad}`)).status, 400, bad);
    }
  });

  it('gives the F1 history with the champion, and who was champion when', async () => {
    const history = (await get('/versions/f1-history')).body as {
      points: { version: string }[];
      champion: { version: string };
    };
    const points = history.points.map((p) => p.version);
    assert.ok(points.indexOf(champion()) >= 0);
    assert.ok(points.indexOf(champion()) < points.indexOf(challenger()), 'oldest first');
    const last = (await get('/versions/f1-history?limit=1')).body as { points: unknown[] };
    assert.equal(last.points.length, 1);
    const periods = (await get('/champion-history?limit=200')).body as {
      total: number;
      items: { version: string; to: string | null; change: string }[];
    };
    const current = periods.items[0]!;
    assert.equal(current.to, null);
    assert.equal(current.version, history.champion.version);
    const oldest = periods.items.at(-1)!;
    assert.deepEqual(
      { version: oldest.version, change: oldest.change },
      { version: champion(), change: 'promoted_by_gate' },
    );
    assert.equal((await get('/champion-history?offset=-1')).status, 400);
  });

  it('compares two versions, and refuses an unknown or the same one', async () => {
    const { status, body } = await get(`/compare?a=${champion()}&b=${challenger()}`);
    assert.equal(status, 200);
    const c = body as {
      metrics: { metric: string; a: number; b: number; diff: number }[];
      per_class_f1: { code: number }[];
      confusion: { codes: number[]; diff: number[][] };
      parameters: { key: string }[];
      shadow: unknown;
    };
    const weighted = c.metrics.find((m) => m.metric === 'gold weighted F1')!;
    assert.ok(Math.abs(weighted.diff - (weighted.b - weighted.a)) < 1e-12);
    assert.ok(c.per_class_f1.length > 0);
    assert.equal(c.confusion.diff.length, c.confusion.codes.length);
    // Seeds 1 and 2: the seed at least differs.
    assert.ok(c.parameters.some((p) => p.key === 'seed'));
    assert.equal(c.shadow, null);
    // Three requests the champion served with the challenger shadowing, one the other way round:
    // they agree on three of the four.
    const row = (served: string, shadow: string, code: number, shadowCode: number) => ({
      at: new Date(),
      model_version: served,
      input_sha256: 'console-test',
      title_length: 5,
      description_length: 0,
      predicted_code: code,
      confidence: 0.5,
      latency_ms: 1,
      shadow_version: shadow,
      shadow_code: shadowCode,
      shadow_confidence: 0.5,
    });
    const logged = await f()
      .d.db.insertInto('prediction_log')
      .values([
        row(champion(), challenger(), 10, 10),
        row(champion(), challenger(), 40, 40),
        row(champion(), challenger(), 50, 60),
        row(challenger(), champion(), 10, 10),
      ])
      .returning('id')
      .execute();
    try {
      const shared = (await get(`/compare?a=${champion()}&b=${challenger()}`)).body as {
        shadow: { n: number; agreement: number; served_by_a: number };
      };
      assert.deepEqual(shared.shadow, { n: 4, agreement: 0.75, served_by_a: 3 });
      const { page, problems } = await f().open(`/ui/compare?a=${champion()}&b=${challenger()}`);
      try {
        assert.match(await page.locator('#shadow-agreement').innerText(), /On 4 requests.*75\.0%/);
        assert.deepEqual(problems.list, []);
      } finally {
        await page.close();
      }
    } finally {
      await f()
        .d.db.deleteFrom('prediction_log')
        .where(
          'id',
          'in',
          logged.map((l) => l.id),
        )
        .execute();
    }
    assert.equal((await get(`/compare?a=${champion()}&b=m-19990101-0001`)).status, 404);
    assert.equal((await get(`/compare?a=${champion()}&b=${champion()}`)).status, 400);
    assert.equal((await get(`/compare?a=${champion()}`)).status, 400);
    const stale = await fetch(`${f().base}/ui/compare?a=m-19990101-0001&b=${champion()}`);
    assert.equal(stale.status, 404);
    assert.match(await stale.text(), /m-19990101-0001/, 'the page names the unknown version');
  });

  for (const viewport of ['desktop', 'phone'] as const) {
    for (const path of ['/ui/models', '/ui/compare']) {
      it(`renders ${path} at ${viewport} width without a problem`, async () => {
        const { page, problems } = await f().open(path, viewport);
        try {
          await page.locator('canvas').first().waitFor();
          assert.deepEqual(await seriousA11yViolations(page), []);
          assert.deepEqual(problems.list, []);
        } finally {
          await page.close();
        }
      });
    }
  }

  it('sorts and filters the versions table through its links and form', async () => {
    const { page, problems } = await f().open('/ui/models?sort=version&order=asc');
    try {
      const rows = async () =>
        Promise.all(
          (await page.locator('#versions-table tbody tr[data-version]').all()).map(
            async (tr) => (await tr.getAttribute('data-version')) ?? '',
          ),
        );
      const before = (list: string[]) => list.indexOf(champion()) < list.indexOf(challenger());
      assert.ok(before(await rows()));
      assert.equal(
        await page.locator('#versions-table th[aria-sort]').getAttribute('aria-sort'),
        'ascending',
      );
      await page.locator('#versions-table th', { hasText: 'Version' }).locator('a').click();
      await until('the table sorted descending', async () => !before(await rows()));
      assert.equal(
        await page.locator('#versions-table th[aria-sort]').getAttribute('aria-sort'),
        'descending',
      );
      await page.locator('select[name=status]').selectOption('rejected');
      await page.locator('#versions form.filters button[type=submit]').click();
      await until('the table filtered', () =>
        Promise.resolve(page.url().includes('status=rejected')),
      );
      await until('only rejected versions', async () => {
        const statuses = await page
          .locator('#versions-table tbody .models-status .badge')
          .allTextContents();
        return statuses.length > 0 && statuses.every((s) => s === 'rejected');
      });
      assert.ok((await rows()).includes(challenger()));
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it('hides promote and roll back without a token, with a hint instead', async () => {
    const { page, problems } = await f().open('/ui/models');
    try {
      await page.locator('#token-status', { hasText: 'no token' }).waitFor();
      assert.equal(await page.locator('#rollback-form').isVisible(), false);
      assert.equal((await page.locator('form[data-operation$="/promote"]').count()) > 0, true);
      for (const form of await page.locator('form[data-operation$="/promote"]').all()) {
        assert.equal(await form.isVisible(), false);
      }
      assert.equal(await page.locator('[data-needs-none=operate]').isVisible(), true);
      // A token of scope predict grants no operation either.
      await f().useToken(page, f().predictToken);
      assert.equal(await page.locator('#rollback-form').isVisible(), false);
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  it("shows both versions' per-class F1 as their cards record it", async () => {
    const { page, problems } = await f().open(`/ui/compare?a=${champion()}&b=${challenger()}`);
    try {
      for (const [side, version] of [
        ['a', champion()],
        ['b', challenger()],
      ] as const) {
        const detail = (await get(`/models/${version}`, f().operateToken)).body as {
          card: { holdout: { perClass: { code: number; f1: number }[] } };
        };
        const expected = Object.fromEntries(
          detail.card.holdout.perClass.map((c) => [String(c.code), c.f1.toFixed(4)]),
        );
        const shown = Object.fromEntries(
          await Promise.all(
            (await page.locator('#per-class-table tbody tr').all()).map(
              async (tr): Promise<[string, string]> => [
                (await tr.getAttribute('data-code')) ?? '',
                ((await tr.locator(`td[data-side="${side}"]`).textContent()) ?? '').trim(),
              ],
            ),
          ),
        );
        assert.deepEqual(shown, expected, version);
      }
      assert.equal((await page.locator('#confusion-diff tbody tr').count()) > 0, true);
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });

  // Last: it changes the champion, and puts it back, for the tests that follow.
  it('promotes the challenger and rolls back through the page, with a token and a reason', async () => {
    const active = async () => ((await get('/models/active')).body as { version: string }).version;
    const before = await active();
    assert.notEqual(before, challenger());
    const { page, problems } = await f().open('/ui/models');
    try {
      await f().useToken(page, f().operateToken);
      const row = page.locator(`#versions-table tr[data-version="${challenger()}"]`);
      await row.locator('summary').click();
      await row.locator('input[name=reason]').fill('console test: try the challenger');
      await row.locator('button[type=submit]').click();
      await until('the challenger to be served', async () => (await active()) === challenger(), {
        ms: 60_000,
      });
      // The page reloads to show the change; the token stays for the session.
      await page
        .locator(`#versions-table tr[data-version="${challenger()}"] .badge.champion`)
        .waitFor();
      await page.locator('#rollback-form').waitFor();
      await page.locator('#rollback-form input[name=reason]').fill('console test: back again');
      await page.locator('#rollback-form button[type=submit]').click();
      await until('the champion to be served again', async () => (await active()) === before, {
        ms: 60_000,
      });
      await page.locator(`#versions-table tr[data-version="${before}"] .badge.champion`).waitFor();
      const periods = (await get('/champion-history')).body as {
        items: {
          version: string;
          change: string;
          actor: string;
          reason: string;
          to: string | null;
        }[];
      };
      assert.deepEqual(
        periods.items
          .slice(0, 2)
          .map((p) => [p.version, p.change, p.actor, p.reason, p.to === null]),
        [
          [before, 'rolled_back', 'api:console-operator', 'console test: back again', true],
          [
            challenger(),
            'promoted',
            'api:console-operator',
            'console test: try the challenger',
            false,
          ],
        ],
      );
      assert.deepEqual(problems.list, []);
    } finally {
      await page.close();
    }
  });
}
