// A poisoned batch, end to end: real Chromium, the real service over HTTP, and the chaos proxy in
// front of it answering 500 to every event post carrying one chosen event (as the service did for a
// prop cut mid-emoji, issue 17). The outbox must isolate that event, quarantine and count it, and
// deliver every other event exactly once, through a reload while the bad batch is queued.
import { expect, test } from 'vitest';
import { emit, openTab, reload, sleep, stats } from './page-driver.js';
import { useChaosRig } from './rig.js';

const USER = 'poison-user';

const poisoned = new Set<string>();
const noOtherFaults = {
  p5xx: 0,
  burst429Until: 0,
  retryAfterSeconds: 1,
  expiredTokens: new Set<string>(),
  holdMs: 0,
};
const rig = useChaosRig({ ...noOtherFaults, poisoned }, Math.random, {
  user: USER,
  ttlSeconds: 600,
  issued: 0,
  minted: [],
});

test('one event the service keeps answering 500 is quarantined and counted; every other one is stored exactly once', async () => {
  const pageErrors: string[] = [];
  const started = Date.now();
  const tab = await openTab(rig.context, rig.pages.url, rig.proxy.url, 'P', pageErrors);
  const storedRows = () =>
    rig.service.query<{ id: string; n: number }>(
      `select id::text as id, count(*)::int as n from events where tenant = 'demo' and "user" = $1 group by id`,
      [USER],
    );

  // The case: the bad event first, five more behind it in the same batch.
  const [bad] = await emit(tab, 1);
  poisoned.add(bad!);
  const good = await emit(tab, 5);
  // Reload while they are all queued (the unload flush carries the bad one too).
  await reload(tab);
  // The page goes on tracking while the bad one is narrowed down.
  for (let i = 0; i < 10; i++) {
    good.push(...(await emit(tab, 2)));
    await sleep(500);
  }
  await expect
    .poll(async () => (await stats(tab)).quarantined.length, { timeout: 60_000, interval: 250 })
    .toBe(1);
  await expect.poll(async () => (await stats(tab)).queued, { timeout: 30_000, interval: 250 }).toBe(0);

  const rows = await storedRows();
  const final = await stats(tab);
  const report = {
    seconds: Math.round((Date.now() - started) / 1000),
    good: good.length,
    storedDistinct: rows.length,
    storedMoreThanOnce: rows.filter((r) => r.n > 1).length,
    eventPosts: rig.proxy.counters.eventPosts,
    refused500: rig.proxy.counters.refusedPoisoned,
    quarantined: final.quarantined,
    dropped: final.dropped,
  };
  console.log(`[poison] ${JSON.stringify(report)}`);

  const have = new Map(rows.map((r) => [r.id, r.n]));
  expect(good.filter((id) => have.get(id) !== 1)).toEqual([]);
  expect(have.has(bad!)).toBe(false);
  expect(rows.length).toBe(good.length); // nothing else stored
  expect(final.quarantined).toEqual([{ id: bad, name: 'impression', status: 500, code: 'internal' }]);
  expect(final.dropped).toEqual({ capacity: 0, invalid: 0, rejected: 1, quota: 0 });
  expect(rig.proxy.counters.refusedPoisoned).toBeGreaterThanOrEqual(4);
  expect(pageErrors).toEqual([]);
});
