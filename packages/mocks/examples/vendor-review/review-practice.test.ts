// The vendor's Vitest test, as docs/testing-with-mocks.md shows it: the Inflow service runs
// in-process behind msw (no server, no network), the test drives the vendor's code and then reads
// the activation events the service stored.
import { setupInflowServer, type InflowServer } from '@inflow/mocks/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createReviewPractice } from './review-practice.js';

let inflow: InflowServer;

beforeAll(async () => {
  inflow = await setupInflowServer();
});
afterEach(() => inflow.service.reset());
afterAll(() => inflow.close());

function practice(user: string) {
  return createReviewPractice({
    apiBase: inflow.service.apiBase,
    // In production this calls the vendor's backend, which signs the token with the tenant secret.
    fetchToken: () => inflow.service.token({ user, team: 'Engineering' }),
  });
}

test('a practice from the review screen records open → session_start → first_interaction → complete, once each', async () => {
  const p = practice('manager-1');
  const session = await p.start('underperformance');
  expect(await p.reply(session, 'Can we talk about the last two sprints?')).not.toBe('');
  await p.reply(session, 'What would help you hit the next deadline?');
  const feedback = await p.finish(session);
  expect(feedback.scores.length).toBeGreaterThan(0);
  p.dispose();

  const events = await inflow.service.events({ user: 'manager-1' });
  expect(events.map((e) => e.name)).toEqual(['open', 'session_start', 'first_interaction', 'complete']);
  expect(
    events.every(
      (e) => e.scenario === 'underperformance' && e.source === 'embedded' && e.team === 'Engineering',
    ),
  ).toBe(true);
  expect(events.filter((e) => e.sessionId === session.id)).toHaveLength(3);
});

test('a flaky network (503s, a 429, a dropped connection) loses no event and counts none twice', async () => {
  const p = practice('manager-2');
  inflow.service.faults.serverErrors({ match: '/v1/events', times: 2 });
  inflow.service.faults.rateLimit({ match: '/v1/events', times: 1, retryAfterSeconds: 1 });
  inflow.service.faults.offline({ match: '/v1/events', times: 1 });
  const session = await p.start('critical-feedback');
  await p.reply(session, 'I want to share some feedback on the launch.');
  await p.finish(session);
  // The SDK retries with backoff; flush() skips the wait, so the test needs no timers.
  const delivered = async () => {
    await p.client.flush();
    return inflow.service.eventCounts({ user: 'manager-2' });
  };
  await expect.poll(delivered, { timeout: 20_000, interval: 100 }).toEqual({
    open: 1,
    session_start: 1,
    first_interaction: 1,
    complete: 1,
  });
  // Every injected fault was really hit on the way.
  expect(inflow.service.faults.stats()).toMatchObject({ serverErrors: 2, rateLimited: 1, offline: 1 });
  p.dispose();
});

test('an expired token mid-practice is refreshed without the user noticing', async () => {
  const p = practice('manager-3');
  const session = await p.start('goal-setting');
  inflow.service.expireTokens();
  expect(await p.reply(session, 'Let us set goals for next quarter.')).not.toBe('');
  await p.finish(session);
  await expect
    .poll(() => inflow.service.eventCounts({ user: 'manager-3' }), { timeout: 10_000 })
    .toMatchObject({ first_interaction: 1, complete: 1 });
  p.dispose();
});
