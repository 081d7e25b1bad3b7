import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay, retryDelay } from './backoff.js';
import { parseRetryAfter } from '../errors.js';

const almostOne = () => 0.999_999;

describe('full-jitter backoff', () => {
  it('stays within [0, min(cap, base·2^attempt)) for every attempt', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
      expect(backoffDelay(attempt, () => 0)).toBe(0);
      const top = backoffDelay(attempt, almostOne);
      expect(top).toBeLessThan(ceiling);
      expect(top).toBeGreaterThanOrEqual(ceiling - 1);
    }
  });

  it('doubles from 1 s and reaches the 5 min cap at attempt 9', () => {
    expect([0, 1, 2, 3, 8, 9, 30].map((a) => backoffDelay(a, () => 0.5))).toEqual([
      500, 1000, 2000, 4000, 128_000, 150_000, 150_000,
    ]);
  });

  it('spreads clients: 1,000 draws at attempt 5 cover the whole window', () => {
    const draws = Array.from({ length: 1000 }, () => backoffDelay(5));
    expect(Math.min(...draws)).toBeLessThan(3_200);
    expect(Math.max(...draws)).toBeGreaterThan(28_800);
    expect(Math.max(...draws)).toBeLessThan(32_000);
  });
});

describe('Retry-After', () => {
  it('is honoured as a minimum and capped at 5 minutes', () => {
    expect(retryDelay(0, 30, () => 0)).toBe(30_000);
    expect(retryDelay(0, 0.2, () => 0)).toBe(200);
    expect(retryDelay(0, 86_400, () => 0)).toBe(BACKOFF_CAP_MS);
    // The jittered backoff wins when it is longer (a tiny Retry-After must not synchronise clients).
    expect(retryDelay(8, 1, () => 0.5)).toBe(128_000);
    expect(retryDelay(3, undefined, () => 0.5)).toBe(4_000);
  });

  it('parses delta-seconds and HTTP dates, ignores garbage', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:45 GMT', now)).toBe(45);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
