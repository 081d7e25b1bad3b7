// Batches that share a statement answer as if each had been inserted alone, in arrival order, and
// one batch the database refuses fails only its own caller.
import type { ActivationEvent } from '@inflow/contract';
import { expect, vi } from 'vitest';
import { onBackends } from '../test/both-stores.js';
import type { Db } from './db.js';
import { EventInserts, type Caller } from './event-inserts.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const event = (n: number, extra: Partial<ActivationEvent> = {}): ActivationEvent => ({
  id: id(n),
  name: 'session_start',
  at: '2026-12-01T10:00:00.000Z',
  ...extra,
});
const alice: Caller = { tenant: 'a', user: 'alice', team: 't1' };
const bob: Caller = { tenant: 'a', user: 'bob', team: null };
const carol: Caller = { tenant: 'b', user: 'carol', team: 't2' };

/** One statement at a time, the first held until the rest are queued: the rest share the next one. */
function grouped(db: Db): { inserts: EventInserts; statements: () => number } {
  const query = vi.fn(db.query.bind(db));
  return {
    inserts: new EventInserts({ query } as Pick<Db, 'query'>, 1),
    statements: () => query.mock.calls.length,
  };
}

onBackends('event_inserts', (test) => {
  test('concurrent batches in one statement are counted batch by batch, first arrival stored', async (db) => {
    const { inserts, statements } = grouped(db);
    const results = await Promise.all([
      inserts.insert(alice, [event(1)]),
      // Shares the second statement: a repeat of alice's event, one of its own, and a repeat within itself.
      inserts.insert(bob, [event(1), event(2), event(2)]),
      inserts.insert(bob, [event(2, { name: 'complete' }), event(3)]),
      // Another tenant may use the same id; upper case is the same uuid.
      inserts.insert(carol, [event(1), { ...event(3), id: id(3).toUpperCase() }]),
    ]);
    expect(statements()).toBe(2);
    expect(results).toEqual([
      { accepted: 1, duplicates: 0 },
      { accepted: 1, duplicates: 2 },
      { accepted: 1, duplicates: 1 },
      { accepted: 2, duplicates: 0 },
    ]);
    const rows = await db.query<{
      tenant: string;
      id: string;
      user: string;
      team: string | null;
      name: string;
    }>(`select tenant, id::text, "user", team, name from events order by tenant, id`);
    expect(rows).toEqual([
      { tenant: 'a', id: id(1), user: 'alice', team: 't1', name: 'session_start' },
      { tenant: 'a', id: id(2), user: 'bob', team: null, name: 'session_start' },
      { tenant: 'a', id: id(3), user: 'bob', team: null, name: 'session_start' },
      { tenant: 'b', id: id(1), user: 'carol', team: 't2', name: 'session_start' },
      { tenant: 'b', id: id(3), user: 'carol', team: 't2', name: 'session_start' },
    ]);
  });

  test('a batch the database refuses fails alone; the batches beside it are stored', async (db) => {
    const { inserts } = grouped(db);
    const first = inserts.insert(alice, [event(10)]);
    const [refused, fine] = await Promise.allSettled([
      // Past PostgreSQL's timestamptz range: only the database can refuse it.
      inserts.insert(bob, [event(11, { at: '294277-01-01T00:00:00.000Z' })]),
      inserts.insert(carol, [event(12)]),
    ]);
    await first;
    expect(refused.status).toBe('rejected');
    expect(fine).toEqual({ status: 'fulfilled', value: { accepted: 1, duplicates: 0 } });
    const ids = await db.query<{ id: string }>(`select id::text from events order by id`);
    expect(ids.map((r) => r.id)).toEqual([id(10), id(12)]);
  });
});
