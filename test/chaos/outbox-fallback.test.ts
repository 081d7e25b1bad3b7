// The outbox's fallbacks in real Chromium: localStorage instead of IndexedDB and a localStorage
// lease instead of Web Locks, through the same faults (30 % 5xx, half after the batch was stored;
// an offline period) with two tabs and 10 reloads. The lease is not atomic (docs/client.md), so
// this run checks only what matters: every emitted id stored exactly once, nothing else.
import { expect, test } from 'vitest';
// The service's seeded PRNG: a failing run replays with the printed seed.
import { prng } from '../../packages/service/src/seed/generate.js';
import type { Faults } from './fault-proxy.js';
import { emit, hasLocks, openTab, reload, sleep, stats } from './page-driver.js';
import { useChaosRig } from './rig.js';

const USER = 'fallback-user';
const faults: Faults = {
  p5xx: 0.3,
  burst429Until: 0,
  retryAfterSeconds: 1,
  expiredTokens: new Set(),
  holdMs: 0,
};

const rig = useChaosRig(faults, prng(Number(process.env.CHAOS_SEED ?? 7)), {
  user: USER,
  ttlSeconds: 60,
  issued: 0,
  minted: [],
});

test('localStorage store + lease lock: every emitted id stored exactly once through 5xx, offline and reloads', async () => {
  const errors: string[] = [];
  const query = 'storage=localstorage&nolocks=1';
  const tabA = await openTab(rig.context, rig.pages.url, rig.proxy.url, 'A', errors, query);
  const tabB = await openTab(rig.context, rig.pages.url, rig.proxy.url, 'B', errors, query);
  const emitted = new Set<string>();
  const add = (ids: string[]) => ids.forEach((id) => emitted.add(id));
  let reloadsWithQueued = 0;

  for (let round = 0; round < 10; round++) {
    add(await emit(tabB, 3));
    add(await emit(tabA, 5));
    if (round === 4) {
      await rig.context.setOffline(true);
      add(await emit(tabA, 5));
      add(await emit(tabB, 5));
      await sleep(2_000);
      await rig.context.setOffline(false);
    }
    if ((await stats(tabA)).queued > 0) reloadsWithQueued++;
    await reload(tabA);
    await sleep(500);
  }
  faults.p5xx = 0;

  const ids = [...emitted];
  const rows = async () =>
    rig.service.query<{ id: string; n: number }>(
      `select id::text as id, count(*)::int as n from events where tenant = 'demo' and "user" = $1 group by id`,
      [USER],
    );
  await expect
    .poll(
      async () => {
        const have = new Set((await rows()).map((r) => r.id));
        return ids.filter((id) => !have.has(id)).length;
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe(0);

  const stored = await rows();
  const statsB = await stats(tabB);
  const report = {
    storage: statsB.storage,
    webLocks: await hasLocks(tabB),
    emitted: emitted.size,
    storedDistinct: stored.length,
    storedNotEmitted: stored.filter((r) => !emitted.has(r.id)).length,
    reloadsWithQueued,
    injected5xx: rig.proxy.counters.injected5xxBefore + rig.proxy.counters.injected5xxAfter,
    duplicatesDeduped: rig.proxy.counters.duplicatesReported,
    unloadKeepalivePosts: rig.proxy.counters.unloadPosts,
  };
  console.log(`[chaos:fallback] ${JSON.stringify(report)}`);
  expect(report.storage).toBe('localstorage');
  expect(report.webLocks).toBe(false);
  expect(report.storedDistinct).toBe(emitted.size);
  expect(stored.every((r) => r.n === 1)).toBe(true);
  expect(report.storedNotEmitted).toBe(0);
  expect(reloadsWithQueued).toBeGreaterThanOrEqual(8);
  expect(report.injected5xx).toBeGreaterThan(0);
  expect(statsB.dropped).toEqual({ capacity: 0, invalid: 0, rejected: 0, quota: 0 });
  expect(errors).toEqual([]);
});
