// Store-level governance: the transcript purge follows each tenant's retention, and only the
// tenant it is run for.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openMemoryDb } from './pglite.js';
import { Store } from './store.js';

let db: Db;
let store: Store;

beforeAll(async () => {
  db = await openMemoryDb();
  expect(await migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.id));
  // Applying again is a no-op.
  expect(await migrate(db, MIGRATIONS)).toEqual([]);
  store = new Store(db);
});
afterAll(() => db.close());

async function session(tenant: string, id: string, createdDaysAgo: number, completedDaysAgo: number | null) {
  await store.createSession(
    { tenant, user: 'u', team: null },
    {
      id,
      scenario: 'goal-setting',
      scenarioVersion: 1,
      judgeVersion: 'rubric-1',
      source: 'embedded',
      locale: null,
      context: {},
      transcript: [{ role: 'coach', text: 'hi' }],
    },
  );
  await db.query(
    `update sessions set created_at = now() - make_interval(days => $2::int),
       completed_at = case when $3::int is null then null else now() - make_interval(days => $3::int) end
     where id = $1`,
    [id, createdDaysAgo, completedDaysAgo],
  );
}

const ids = ['00000000-0000-4000-8000-00000000000', '00000000-0000-4000-8000-00000000001'].flatMap((p) =>
  [0, 1, 2, 3].map((i) => `${p}${i}`),
);

test('purgeTranscripts keeps recent ones and deletes those past retention', async () => {
  await session('t1', ids[0]!, 40, 35); // completed 35 days ago
  await session('t1', ids[1]!, 10, 5); // completed 5 days ago
  await session('t1', ids[2]!, 40, null); // abandoned 40 days ago
  await session('t1', ids[3]!, 0, null); // in progress
  await session('t2', ids[4]!, 40, 35); // another tenant, same age

  expect(await store.purgeTranscripts('t1', 30)).toBe(2);
  const rows = await db.query<{ id: string; tenant: string; kept: boolean }>(
    `select id, tenant, transcript is not null as kept from sessions order by id`,
  );
  expect(rows.map((r) => r.kept)).toEqual([false, true, false, true, true]);

  // Retention 0: everything completed or idle for a day goes; the live session stays.
  expect(await store.purgeTranscripts('t1', 0)).toBe(1);
  expect((await store.getSession({ tenantId: 't1', user: 'u' }, ids[3]!))!.transcript).not.toBeNull();
});

const feedback = {
  scenario: 'goal-setting',
  scores: [],
  summary: '',
  nextStep: '',
  scenarioVersion: 1,
  judgeVersion: 'rubric-1',
  passed: false,
  passThreshold: 0.7,
};

test('appendTurn and completeSession refuse a completed session', async () => {
  const id = ids[5]!;
  await session('t1', id, 0, null);
  expect(await store.appendTurn('t1', id, 'u', 'c')).toBe(1);
  expect(await store.appendTurn('t2', id, 'u', 'c')).toBeUndefined(); // other tenant: no such session
  expect(await store.completeSession('t1', id, feedback, false)).toBe(true);
  expect(await store.completeSession('t1', id, feedback, false)).toBe(false);
  expect(await store.appendTurn('t1', id, 'u', 'c')).toBeUndefined();
  expect((await store.getSession({ tenantId: 't1', user: 'u' }, id))!.transcript).toBeNull();
});
