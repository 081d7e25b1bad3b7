/**
 * Writes the generated demo dataset into a tenant: the roster (`audience`), the events, the
 * scored sessions, the turn timings and HR's campaign email (`nudges`), in
 * batches of one `insert … select from unnest(…)` each (fast on PGlite and PostgreSQL alike).
 */
import type { Db } from '../store/db.js';
import { jsonb } from '../store/jsonb.js';
import { replaceAudience } from '../activation/audience.js';
import { buildDeepLink } from '../nudges/link.js';
import {
  generateDemoData,
  type SeedAttempt,
  type SeedCampaignSend,
  type SeedEvent,
  type SeedTurn,
  type SeedOptions,
} from './generate.js';

export interface SeedResult {
  seeded: boolean;
  members: number;
  events: number;
  range: { from: string; to: string };
}

const BATCH = 5000;
/** The vendor's page the seeded campaign email links to. */
const DEMO_REVIEW_PAGE = 'https://lms.example.com/review';

export async function insertEvents(
  db: Pick<Db, 'query'>,
  tenant: string,
  events: SeedEvent[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    const chunk = events.slice(i, i + BATCH);
    const rows = await db.query<{ n: number }>(
      `with ins as (
         insert into events (tenant, id, name, at, "user", team, session_id, scenario, source, props)
         select $1, * from unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::jsonb[])
         on conflict (tenant, id) do nothing
         returning 1
       ) select count(*)::int as n from ins`,
      [
        tenant,
        chunk.map((e) => e.id),
        chunk.map((e) => e.name),
        chunk.map((e) => e.at.toISOString()),
        chunk.map((e) => e.user),
        chunk.map((e) => e.team),
        chunk.map((e) => e.sessionId),
        chunk.map((e) => e.scenario),
        chunk.map((e) => e.source),
        chunk.map((e) => (e.props ? jsonb(e.props) : null)),
      ],
    );
    inserted += rows[0]?.n ?? 0;
  }
  return inserted;
}

/** The service's records of the completed sessions, with their scores (ids are the events' session ids). */
export async function insertAttempts(db: Pick<Db, 'query'>, tenant: string, attempts: SeedAttempt[]) {
  for (let i = 0; i < attempts.length; i += BATCH) {
    const chunk = attempts.slice(i, i + BATCH);
    await db.query(
      `insert into sessions (tenant, id, "user", team, scenario, source, user_turns, created_at, completed_at, score, max_score, passed)
       select $1, * from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::timestamptz[], $9::timestamptz[], $10::int[], $11::int[], $12::bool[])
       on conflict (tenant, id) do nothing`,
      [
        tenant,
        ...(['id', 'user', 'team', 'scenario', 'source', 'userTurns'] as const).map((k) =>
          chunk.map((a) => a[k]),
        ),
        chunk.map((a) => a.createdAt.toISOString()),
        chunk.map((a) => a.completedAt.toISOString()),
        ...(['score', 'maxScore', 'passed'] as const).map((k) => chunk.map((a) => a[k])),
      ],
    );
  }
}

/** The service's per-turn timings and coach errors. Deterministic, but not keyed: seed once. */
export async function insertTurns(db: Pick<Db, 'query'>, tenant: string, turns: SeedTurn[]) {
  for (let i = 0; i < turns.length; i += BATCH) {
    const chunk = turns.slice(i, i + BATCH);
    await db.query(
      `insert into turn_metrics (tenant, session_id, at, first_delta_ms, turn_ms, error)
       select $1, * from unnest($2::uuid[], $3::timestamptz[], $4::int[], $5::int[], $6::text[])`,
      [
        tenant,
        chunk.map((t) => t.sessionId),
        chunk.map((t) => t.at.toISOString()),
        chunk.map((t) => t.firstDeltaMs),
        chunk.map((t) => t.turnMs),
        chunk.map((t) => t.error),
      ],
    );
  }
}

/**
 * HR's campaign nudges, as delivered, on the `webhook` channel (the vendor's own mailer takes them
 * from there). `on conflict do nothing`: a forced reseed repeats the ids.
 */
export async function insertCampaignSends(db: Pick<Db, 'query'>, tenant: string, sends: SeedCampaignSend[]) {
  for (let i = 0; i < sends.length; i += BATCH) {
    const chunk = sends.slice(i, i + BATCH);
    await db.query(
      `insert into nudges (tenant, id, user_id, scenario, channel, link, campaign, delivered, created_at, send_at)
       select $1, id, user_id, scenario, 'webhook', link, true, true, at, at
       from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[]) as t(id, user_id, scenario, link, at)
       on conflict do nothing`,
      [
        tenant,
        chunk.map((n) => n.id),
        chunk.map((n) => n.user),
        chunk.map((n) => n.scenario),
        chunk.map((n) => buildDeepLink(DEMO_REVIEW_PAGE, n.scenario, 'email')),
        chunk.map((n) => n.at.toISOString()),
      ],
    );
  }
}

/**
 * Seeds `tenant` unless it already has events (so restarting `serve --demo` on the same data
 * directory neither duplicates nor shifts the demo data). `force` seeds anyway; ids are
 * deterministic, so the same day's dataset is never inserted twice.
 */
export async function seedDemo(
  db: Pick<Db, 'query'>,
  tenant = 'demo',
  options: SeedOptions & { force?: boolean } = {},
): Promise<SeedResult> {
  const data = generateDemoData(options);
  const range = { from: data.range.from.toISOString(), to: data.range.to.toISOString() };
  if (!options.force) {
    const [row] = await db.query<{ any: boolean }>(
      `select exists (select 1 from events where tenant = $1) as any`,
      [tenant],
    );
    if (row?.any) return { seeded: false, members: 0, events: 0, range };
  }
  await replaceAudience(db, tenant, data.members);
  const events = await insertEvents(db, tenant, data.events);
  await insertAttempts(db, tenant, data.attempts);
  await insertCampaignSends(db, tenant, data.campaignSends);
  // A forced reseed inserts no event again (ids are deterministic), nor then the timings.
  if (events > 0) await insertTurns(db, tenant, data.turns);
  return { seeded: true, members: data.members.length, events, range };
}
