// The worker's pacing (worker.ts, nextRoundDelay): a backlog takes at most `busyShare` of the
// process's time, so the service's own requests keep the rest (docs/integrations.md, The queue).
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKER_POLICY, nextRoundDelay } from './worker.js';

const policy = { batch: 20, busyShare: 0.25, intervalMs: 1000 };

describe('nextRoundDelay', () => {
  it('after a full batch, waits three times the round at a quarter share', () => {
    expect(nextRoundDelay(20, 40, policy)).toBe(120);
    expect(nextRoundDelay(20, 40, { ...policy, busyShare: 0.5 })).toBe(40);
    expect(nextRoundDelay(20, 40, { ...policy, busyShare: 1 })).toBe(0);
  });

  it('never waits longer than an interval, and waits one after a batch that was not full', () => {
    expect(nextRoundDelay(20, 900, policy)).toBe(1000);
    expect(nextRoundDelay(19, 5, policy)).toBe(1000);
    expect(nextRoundDelay(0, 0, policy)).toBe(1000);
  });

  it('keeps a share of 0 or less from stopping the worker, and the default gives requests 3/4', () => {
    expect(nextRoundDelay(20, 10, { ...policy, busyShare: 0 })).toBe(990);
    expect(DEFAULT_WORKER_POLICY.busyShare).toBe(0.25);
  });
});
