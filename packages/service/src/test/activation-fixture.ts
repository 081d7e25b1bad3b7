/**
 * Test helper: the activation report's hand-built roster and event set (activation/metrics.test.ts
 * and its siblings), with the expected figures worked out in the comments of the tests.
 */
import type { Db } from '../store/db.js';
import { replaceAudience } from '../activation/audience.js';
import { activationSettings } from '../activation/settings.js';

export const T = 'acme';
export const RANGE = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-08T00:00:00Z') };
// The hand-built teams (4 and 2 people) are under the default minGroupSize: the figure tests
// show every team; the small-group tests (small-groups.test.ts) use the default.
export const defaults = activationSettings({ minGroupSize: 1 });
const sessionIds = new Map<string, string>();
export const sid = (name: string) => {
  if (!sessionIds.has(name)) sessionIds.set(name, crypto.randomUUID());
  return sessionIds.get(name)!;
};

export interface Ev {
  user: string;
  name: string;
  at: string;
  session?: string;
  source?: string;
  scenario?: string;
  props?: Record<string, unknown>;
  tenant?: string;
}

export async function insert(db: Db, events: Ev[]) {
  for (const e of events) {
    await db.query(
      `insert into events (tenant, id, name, at, "user", session_id, scenario, source, props)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        e.tenant ?? T,
        crypto.randomUUID(),
        e.name,
        e.at,
        e.user,
        e.session ? sid(e.session) : null,
        e.scenario ?? (e.session ? 'underperformance' : null),
        e.source ?? null,
        e.props ? JSON.stringify(e.props) : null,
      ],
    );
  }
}

/** A session's usual events, one minute apart from `start`. */
export function session(
  user: string,
  name: string,
  source: string,
  start: string,
  steps: string[],
  props: Record<string, Record<string, unknown>> = {},
): Ev[] {
  const t0 = new Date(start).getTime();
  return steps.map((step, i) => ({
    user,
    name: step,
    at: new Date(t0 + i * 60_000).toISOString(),
    session: name,
    source,
    ...(props[step] ? { props: props[step] } : {}),
  }));
}

/**
 * The fixture: team A = a1..a4, team B = b1, b2; x1 is not on the roster.
 *  a1 access 02-28 09:00; impression 03-01 09:00; embedded session s1: start 09:02, first 09:05,
 *     meaningful (3 turns) 09:10, complete 09:15; a second impression and a second meaningful
 *     session s2 on 03-02 (duplicates: still one user everywhere).
 *  a2 impression 03-02 10:00; campaign session s3, first 12:00, 3 turns  -> prompted only.
 *  a3 deep link s4 on 03-03 08:00, 2 turns, no impression, no access date -> not meaningful.
 *  a4 impression 03-04, one help, one error, nothing else.
 *  b1 impression 03-01 00:00; nudge session s5: first 06:00, completed after 1 turn (meaningful);
 *     also a campaign session s6 with 3 turns -> still activated (has an unprompted one).
 *  b2 only active before the range (02-20).
 *  x1 outside the roster: impression, embedded meaningful session s8, one error.
 */
export async function fixture(db: Db) {
  await replaceAudience(db, T, [
    { user: 'a1', team: 'A', accessAt: new Date('2026-02-28T09:00:00Z') },
    { user: 'a2', team: 'A', accessAt: null },
    { user: 'a3', team: 'A', accessAt: null },
    { user: 'a4', team: 'A', accessAt: null },
    { user: 'b1', team: 'B', accessAt: null },
    { user: 'b2', team: 'B', accessAt: null },
  ]);
  await insert(db, [
    { user: 'a1', name: 'impression', at: '2026-03-01T09:00:00Z' },
    { user: 'a1', name: 'open', at: '2026-03-01T09:01:00Z', source: 'embedded' },
    { user: 'a1', name: 'session_start', at: '2026-03-01T09:02:00Z', session: 's1', source: 'embedded' },
    {
      user: 'a1',
      name: 'first_interaction',
      at: '2026-03-01T09:05:00Z',
      session: 's1',
      source: 'embedded',
      props: { userTurns: 1 },
    },
    {
      user: 'a1',
      name: 'meaningful_interaction',
      at: '2026-03-01T09:10:00Z',
      session: 's1',
      source: 'embedded',
      props: { userTurns: 3 },
    },
    { user: 'a1', name: 'complete', at: '2026-03-01T09:15:00Z', session: 's1', source: 'embedded' },
    { user: 'a1', name: 'impression', at: '2026-03-02T09:00:00Z' },
    ...session('a1', 's2', 'embedded', '2026-03-02T09:01:00Z', [
      'open',
      'session_start',
      'first_interaction',
      'meaningful_interaction',
    ]),
    { user: 'a2', name: 'impression', at: '2026-03-02T10:00:00Z' },
    { user: 'a2', name: 'session_start', at: '2026-03-02T11:59:00Z', session: 's3', source: 'campaign' },
    {
      user: 'a2',
      name: 'first_interaction',
      at: '2026-03-02T12:00:00Z',
      session: 's3',
      source: 'campaign',
      props: { userTurns: 1 },
    },
    {
      user: 'a2',
      name: 'meaningful_interaction',
      at: '2026-03-02T12:05:00Z',
      session: 's3',
      source: 'campaign',
      props: { userTurns: 3 },
    },
    { user: 'a3', name: 'session_start', at: '2026-03-03T07:59:00Z', session: 's4', source: 'deeplink' },
    {
      user: 'a3',
      name: 'first_interaction',
      at: '2026-03-03T08:00:00Z',
      session: 's4',
      source: 'deeplink',
      props: { userTurns: 1 },
    },
    {
      user: 'a3',
      name: 'open',
      at: '2026-03-03T08:02:00Z',
      session: 's4',
      source: 'deeplink',
      props: { userTurns: 2 },
    },
    { user: 'a4', name: 'impression', at: '2026-03-04T10:00:00Z' },
    { user: 'a4', name: 'help', at: '2026-03-04T10:01:00Z' },
    { user: 'a4', name: 'error', at: '2026-03-04T10:02:00Z', props: { code: 'coach_unavailable' } },
    { user: 'b1', name: 'impression', at: '2026-03-01T00:00:00Z' },
    { user: 'b1', name: 'session_start', at: '2026-03-01T05:59:00Z', session: 's5', source: 'nudge' },
    {
      user: 'b1',
      name: 'first_interaction',
      at: '2026-03-01T06:00:00Z',
      session: 's5',
      source: 'nudge',
      props: { userTurns: 1 },
    },
    {
      user: 'b1',
      name: 'complete',
      at: '2026-03-01T06:03:00Z',
      session: 's5',
      source: 'nudge',
      props: { userTurns: 1 },
    },
    ...session(
      'b1',
      's6',
      'campaign',
      '2026-03-05T09:00:00Z',
      ['session_start', 'first_interaction', 'meaningful_interaction'],
      { meaningful_interaction: { userTurns: 3 } },
    ),
    ...session('b2', 's7', 'embedded', '2026-02-20T09:00:00Z', [
      'impression',
      'session_start',
      'first_interaction',
      'meaningful_interaction',
      'complete',
    ]),
    { user: 'x1', name: 'impression', at: '2026-03-02T09:00:00Z' },
    ...session('x1', 's8', 'embedded', '2026-03-02T09:01:00Z', [
      'session_start',
      'first_interaction',
      'complete',
    ]),
    { user: 'x1', name: 'error', at: '2026-03-02T09:30:00Z' },
    // Another tenant with the same user ids must not leak in.
    {
      user: 'a4',
      name: 'complete',
      at: '2026-03-02T09:00:00Z',
      session: 'other',
      source: 'embedded',
      tenant: 'globex',
    },
    { user: 'a4', name: 'error', at: '2026-03-02T09:00:00Z', tenant: 'globex' },
  ]);
}
