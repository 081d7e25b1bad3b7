import type { ActivationEvent } from '@inflow/contract';
import { describe, expect, it } from 'vitest';
import {
  halves,
  isPoison,
  onRejection,
  POISON_STRIKES,
  ownedBy,
  QUARANTINE_KEEP,
  quarantined,
  toBatches,
  unloadBatch,
} from './batches.js';
import { sizeOf } from './event.js';
import type { QueuedEvent } from './types.js';

const item = (n: number, owner?: string, props?: ActivationEvent['props']): QueuedEvent => ({
  event: {
    id: `0000-${String(n).padStart(4, '0')}`,
    name: 'impression',
    at: '2026-01-01T00:00:00.000Z',
    ...(props ? { props } : {}),
  },
  ...(owner ? { owner } : {}),
});
const ids = (batches: QueuedEvent[][]) => batches.map((b) => b.map((i) => i.event.id.slice(-2)));

describe('ownedBy', () => {
  it("keeps this user's and ownerless events, and everything when the token has no owner", () => {
    const items = [item(1, 'iss/a'), item(2, 'iss/b'), item(3)];
    expect(ownedBy(items, 'iss/a').map((i) => i.event.id)).toEqual([items[0]!.event.id, items[2]!.event.id]);
    expect(ownedBy(items, undefined)).toHaveLength(3);
  });
});

describe('toBatches', () => {
  it('cuts at the event count, in order', () => {
    const items = Array.from({ length: 5 }, (_, i) => item(i + 1));
    expect(ids(toBatches(items, 2, 1_000_000))).toEqual([['01', '02'], ['03', '04'], ['05']]);
  });

  it('cuts at the byte budget, counting the envelope and commas', () => {
    const items = Array.from({ length: 4 }, (_, i) => item(i + 1));
    const one = sizeOf(items[0]!.event) + 1;
    // The envelope (16) plus two events fit; a third would not.
    const batches = toBatches(items, 50, 16 + 2 * one);
    expect(ids(batches)).toEqual([
      ['01', '02'],
      ['03', '04'],
    ]);
  });

  it('puts an event larger than the budget alone rather than dropping it', () => {
    const big = item(2, undefined, { note: 'x'.repeat(500) });
    expect(ids(toBatches([item(1), big, item(3)], 50, 200))).toEqual([['01'], ['02'], ['03']]);
  });

  it('returns no batch for no events', () => {
    expect(toBatches([], 50, 1000)).toEqual([]);
  });
});

describe('onRejection and halves', () => {
  it('splits a bad payload (400, 413, 422) until one event stands alone, then quarantines it', () => {
    for (const status of [400, 413, 422]) {
      expect(onRejection([item(1), item(2)], status)).toBe('split');
      expect(onRejection([item(1)], status)).toBe('quarantine');
    }
  });

  it('retries everything else: network, 401, 408, 429, 5xx', () => {
    for (const status of [0, 401, 403, 408, 429, 500, 503])
      expect(onRejection([item(1)], status)).toBe('retry');
  });

  it('counts only a 500 without Retry-After as poison', () => {
    expect(isPoison(500, undefined)).toBe(true);
    for (const status of [0, 408, 429, 501, 502, 503, 504, 599])
      expect(isPoison(status, undefined)).toBe(false);
    expect(isPoison(500, 1)).toBe(false);
  });

  it(`splits a poisoned batch after ${POISON_STRIKES} 500s, quarantines a lone event after ${POISON_STRIKES} proven ones`, () => {
    const two = [item(1), item(2)];
    expect(onRejection(two, 500, { fails: POISON_STRIKES - 1, proven: 0 })).toBe('retry');
    expect(onRejection(two, 500, { fails: POISON_STRIKES, proven: 0 })).toBe('split');
    // Alone: the raw count is not enough, only 500s answered while other posts got through.
    expect(onRejection([item(1)], 500, { fails: 50, proven: POISON_STRIKES - 1 })).toBe('retry');
    expect(onRejection([item(1)], 500, { fails: 50, proven: POISON_STRIKES })).toBe('quarantine');
  });

  it('puts the least suspected events in the first half', () => {
    const fails: Record<number, number> = { 1: 5, 2: 5, 3: 3, 4: 0 };
    expect(halves([1, 2, 3, 4], (n) => fails[n]!)).toEqual([
      [4, 3],
      [1, 2],
    ]);
  });

  it('halves with the larger half first', () => {
    expect(halves([1, 2, 3, 4, 5])).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(halves([1])).toEqual([[1], []]);
  });
});

describe('quarantined', () => {
  it(`keeps the newest ${QUARANTINE_KEEP}`, () => {
    let list: ReturnType<typeof quarantined> = [];
    for (let i = 0; i < QUARANTINE_KEEP + 5; i++)
      list = quarantined(list, { id: `e${i}`, name: 'impression', status: 422, code: 'validation_failed' });
    expect(list).toHaveLength(QUARANTINE_KEEP);
    expect(list[0]!.id).toBe('e5');
    expect(list.at(-1)!.id).toBe(`e${QUARANTINE_KEEP + 4}`);
  });
});

describe('unloadBatch', () => {
  it("sends this user's unsent events, oldest first, within the budget", () => {
    const items = [item(3, 'iss/a'), item(1, 'iss/a'), item(2, 'iss/b'), item(4, 'iss/a')];
    const batch = unloadBatch(items, 'iss/a', new Set([item(4).event.id]), 50, 1_000_000);
    expect(batch?.map((i) => i.event.id.slice(-2))).toEqual(['01', '03']);
  });

  it('returns undefined when nothing is left to send', () => {
    expect(unloadBatch([item(1)], undefined, new Set([item(1).event.id]), 50, 1000)).toBeUndefined();
  });
});
