/**
 * API stability from real traffic, on PGlite and PostgreSQL: the report's percentiles on
 * hand-built rows (worked out in the comments), and the recording hook on the real app, which
 * must answer a turn whether the row's write is slow or fails.
 */
import { expect } from 'vitest';
import { createApp } from '../app.js';
import type { CoachEngine } from '../coach/engine.js';
import { scriptedEngine } from '../coach/scripted.js';
import type { LogFields } from '../ops/logger.js';
import type { Db } from '../store/db.js';
import { token } from '../test/harness.js';
import { DEMO_TENANT, tenantRegistry } from '../tenants.js';
import { computeActivation } from './metrics.js';
import { activationSettings } from './settings.js';
import { onBackends } from '../test/both-stores.js';

const T = 'acme';
const RANGE = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') };

async function turn(
  db: Db,
  at: string,
  first: number | null,
  total: number | null,
  error: string | null,
  tenant = T,
) {
  await db.query(
    `insert into turn_metrics (tenant, session_id, at, first_delta_ms, turn_ms, error) values ($1, $2, $3, $4, $5, $6)`,
    [tenant, crypto.randomUUID(), at, first, total, error],
  );
}

/** A session the service saw start (the report's session count). */
async function session(db: Db, at: string) {
  await db.query(
    `insert into sessions (tenant, id, "user", scenario, source, created_at) values ($1, $2, 'u1', 's', 'embedded', $3)`,
    [T, crypto.randomUUID(), at],
  );
}

/** The real app on `db`, the scripted coach unless given; `warnings` collects the log's warnings. */
function app(db: Db, coach: CoachEngine = scriptedEngine()) {
  const warnings: [LogFields, string | undefined][] = [];
  const logger = {
    info: () => undefined,
    error: () => undefined,
    warn: (f: LogFields, m?: string) => warnings.push([f, m]),
  };
  const hono = createApp({ db, tenants: tenantRegistry([DEMO_TENANT]), coach, rateLimit: false, logger });
  const call = async (path: string, body: unknown, t: string) =>
    hono.fetch(
      new Request(`http://inflow.test/v1/sessions${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${t}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
      }),
    );
  return { call, warnings };
}

const rows = (db: Db) =>
  db.query<{ first_delta_ms: number | null; turn_ms: number | null; error: string | null }>(
    `select first_delta_ms, turn_ms, error from turn_metrics order by at`,
  );

onBackends('stability', (test) => {
  test('p50 / p95 time to first delta, p95 turn time and coach errors per 100 sessions, judged by go / no-go', async (db) => {
    // Four answered turns in the range, one reply and one feedback error, four sessions; a turn
    // before the range and another tenant's are left out.
    for (const [first, total] of [
      [100, 1000],
      [400, 3000],
      [200, 1500],
      [300, 2000],
    ] as const)
      await turn(db, '2026-03-02T10:00:00Z', first, total, null);
    await turn(db, '2026-03-03T10:00:00Z', null, null, 'reply');
    await turn(db, '2026-03-04T10:00:00Z', null, null, 'feedback');
    await turn(db, '2026-02-20T10:00:00Z', 9000, 9000, null);
    await turn(db, '2026-03-02T10:00:00Z', 9000, 9000, 'reply', 'globex');
    for (const day of ['02', '03', '04', '05']) await session(db, `2026-03-${day}T09:00:00Z`);
    const r = await computeActivation(db, T, RANGE, 'team', activationSettings({ minGroupSize: 1 }));
    // p50 of 100..400 = 250; p95 at position 0.95 × 3 = 2.85: 300 + 0.85 × 100 = 385;
    // turns 1000 1500 2000 3000: 2000 + 0.85 × 1000 = 2850. 2 errors × 100 ÷ 4 sessions = 50.
    expect(r.stability.turnP95Ms).toBeCloseTo(2850, 6);
    expect(r.stability).toEqual({
      turns: 4,
      firstDeltaP50Ms: 250,
      firstDeltaP95Ms: 385,
      turnP95Ms: r.stability.turnP95Ms,
      coachErrors: 2,
      coachErrorsPer100Sessions: 50,
    });
    const c = Object.fromEntries(r.goNoGo.criteria.map((x) => [x.metric, x]));
    expect(c.turnP95Ms).toMatchObject({ comparator: '<=', threshold: 2000, pass: false });
    expect(c.coachErrorsPer100Sessions).toMatchObject({ threshold: 1, value: 50, pass: false });
    // A tenant's own thresholds.
    const own = await computeActivation(
      db,
      T,
      RANGE,
      'team',
      activationSettings({ minGroupSize: 1, goNoGo: { turnP95Ms: 3000, coachErrorsPer100Sessions: 60 } }),
    );
    const o = Object.fromEntries(own.goNoGo.criteria.map((x) => [x.metric, x.pass]));
    expect([o.turnP95Ms, o.coachErrorsPer100Sessions]).toEqual([true, true]);
  });

  test('without turns the figures are null and both criteria fail as unmeasured', async (db) => {
    const r = await computeActivation(db, T, RANGE, 'team', activationSettings(undefined));
    expect(r.stability).toEqual({
      turns: 0,
      firstDeltaP50Ms: null,
      firstDeltaP95Ms: null,
      turnP95Ms: null,
      coachErrors: 0,
      coachErrorsPer100Sessions: null,
    });
    for (const m of ['turnP95Ms', 'coachErrorsPer100Sessions'])
      expect(r.goNoGo.criteria.find((x) => x.metric === m)).toMatchObject({ value: null, pass: false });
  });

  test('the app records each answered turn and each coach error, ids and milliseconds only', async (db) => {
    const t = await token({ sub: 'stab-1' });
    const { call } = app(db);
    const s = (await (await call('', { scenario: 'goal-setting', source: 'embedded' }, t)).json()) as {
      id: string;
    };
    expect((await call(`/${s.id}/turns`, { text: 'What would you like to work on?' }, t)).status).toBe(200);
    await expect.poll(async () => (await rows(db)).length).toBe(1);
    const [row] = await rows(db);
    expect(row!.error).toBe(null);
    expect(row!.first_delta_ms).toBeGreaterThanOrEqual(0);
    expect(row!.turn_ms).toBeGreaterThanOrEqual(row!.first_delta_ms!);
    const [stored] = await db.query<Record<string, unknown>>(`select * from turn_metrics`);
    expect(Object.keys(stored!).sort()).toEqual([
      'at',
      'error',
      'first_delta_ms',
      'session_id',
      'tenant',
      'turn_ms',
    ]);

    const failing: CoachEngine = {
      ...scriptedEngine(),
      // eslint-disable-next-line require-yield
      async *reply() {
        throw new Error('model down');
      },
    };
    const broken = app(db, failing);
    const s2 = (await (
      await broken.call('', { scenario: 'goal-setting', source: 'embedded' }, t)
    ).json()) as {
      id: string;
    };
    expect((await broken.call(`/${s2.id}/turns`, { text: 'Hello?' }, t)).status).toBe(502);
    await expect.poll(async () => (await rows(db)).map((r) => r.error)).toEqual([null, 'reply']);
  });

  test('a turn is answered while its row is still being written, and when the write fails', async (db) => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let fail = false;
    // The same database, with the turn_metrics insert held at a gate (or failing).
    const slow: Db = {
      ...db,
      kind: db.kind,
      query: async <R>(sql: string, params?: unknown[]) => {
        if (sql.includes('insert into turn_metrics')) {
          if (fail) throw new Error('disk full');
          await gate;
        }
        return db.query<R>(sql, params);
      },
      exec: (s) => db.exec(s),
      transaction: (fn) => db.transaction(fn),
      close: () => db.close(),
    };
    const t = await token({ sub: 'stab-2' });
    const { call, warnings } = app(slow);
    const s = (await (await call('', { scenario: 'goal-setting', source: 'embedded' }, t)).json()) as {
      id: string;
    };
    const answered = await call(`/${s.id}/turns`, { text: 'What would you like to work on?' }, t);
    expect(answered.status).toBe(200);
    expect(await rows(db)).toEqual([]);
    release();
    await expect.poll(async () => (await rows(db)).length).toBe(1);

    fail = true;
    expect((await call(`/${s.id}/turns`, { text: 'And then?' }, t)).status).toBe(200);
    await expect.poll(() => warnings.map(([, m]) => m)).toContain('turn metrics not recorded');
    expect(JSON.stringify(warnings)).not.toContain('And then?');
  });
});
