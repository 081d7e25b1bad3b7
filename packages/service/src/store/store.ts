/**
 * Typed queries over the shared tables. Every query is scoped by tenant: a row of tenant A is
 * invisible to tenant B because B's id is part of every key and every WHERE clause.
 */
import type { ActivationEvent, EventName, EventsAccepted, Feedback, Source } from '@inflow/contract';
import type { TranscriptEntry } from '../coach/engine.js';
import { ScenarioStore } from '../scenarios/store.js';
import type { Db } from './db.js';
import { EventInserts, type Caller } from './event-inserts.js';
import { jsonb } from './jsonb.js';

export interface SessionRow {
  tenant: string;
  id: string;
  user: string;
  team: string | null;
  scenario: string;
  source: Source;
  locale: string | null;
  context: Record<string, string>;
  user_turns: number;
  transcript: TranscriptEntry[] | null;
  /** The feedback (without the session id); older rows lack the fields added since. */
  scores: StoredFeedback | null;
  /** The scenario version and judge the session started with (pinned: docs/scenarios.md). */
  scenario_version: number;
  judge_version: string | null;
  /** Totals of the feedback, kept as columns so attempts are one query. */
  score: number | null;
  max_score: number | null;
  passed: boolean | null;
  created_at: Date;
  completed_at: Date | null;
}

export type StoredFeedback = Omit<Feedback, 'sessionId'>;

/** One completed session of one user, as `GET /v1/me/sessions` lists it. */
export interface AttemptRow {
  id: string;
  scenario: string;
  scenario_version: number;
  completed_at: Date;
  score: number;
  max_score: number;
  passed: boolean;
}

/** An activation event as stored, with the server's receipt time. */
export interface StoredEvent {
  id: string;
  tenant: string;
  name: EventName;
  at: Date;
  receivedAt: Date;
  user: string;
  team: string | null;
  sessionId: string | null;
  scenario: string | null;
  source: Source | null;
  props: Record<string, unknown> | null;
}

export interface EventFilter {
  names?: EventName[];
  /** Absent: every tenant (test tooling such as @inflow/mocks reads the whole store). */
  tenant?: string;
  user?: string;
  sessionId?: string;
  scenario?: string;
  source?: Source;
}

export type { Caller };

/**
 * Event statements at once on PostgreSQL: 2 ingested the most over HTTP (1, 2, 4 and 10 measured,
 * docs/benchmarks.md §6). PGlite runs each batch as it comes: grouping there cost a third.
 */
const EVENT_STATEMENTS_IN_FLIGHT = { postgres: 2, pglite: Infinity } as const;

export class Store {
  /** Authored scenarios and their versions. */
  readonly scenarios: ScenarioStore;

  /** Where the session writes run: `db`, or the transaction of `within`. */
  readonly #q: Pick<Db, 'query'>;
  readonly #events: EventInserts;

  constructor(
    readonly db: Db,
    q: Pick<Db, 'query'> = db,
  ) {
    this.scenarios = new ScenarioStore(db);
    this.#q = q;
    this.#events = new EventInserts(q, EVENT_STATEMENTS_IN_FLIGHT[db.kind]);
  }

  /**
   * The same store with its session writes (create, turn, complete) in `tx`, so a write and the
   * deliveries it causes commit together (docs/integrations.md, Transactional enqueue).
   */
  within(tx: Pick<Db, 'query'>): Store {
    return new Store(this.db, tx);
  }

  async createSession(
    caller: Caller,
    s: {
      id: string;
      scenario: string;
      scenarioVersion: number;
      judgeVersion: string;
      source: Source;
      locale: string | null;
      context: Record<string, string>;
      transcript: TranscriptEntry[];
    },
  ): Promise<SessionRow> {
    const rows = await this.#q.query<SessionRow>(
      `insert into sessions (tenant, id, "user", team, scenario, scenario_version, judge_version, source, locale, context, transcript)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb) returning *`,
      [
        caller.tenant,
        s.id,
        caller.user,
        caller.team,
        s.scenario,
        s.scenarioVersion,
        s.judgeVersion,
        s.source,
        s.locale,
        jsonb(s.context),
        jsonb(s.transcript),
      ],
    );
    return rows[0]!;
  }

  /**
   * The caller's own session, or undefined: another user's session (of this tenant or another)
   * reads exactly like an unknown id, since a transcript and its scores are the user's alone.
   */
  async getSession(owner: { tenantId: string; user: string }, id: string): Promise<SessionRow | undefined> {
    const rows = await this.db.query<SessionRow>(
      `select * from sessions where tenant = $1 and "user" = $2 and id = $3`,
      [owner.tenantId, owner.user, id],
    );
    return rows[0];
  }

  /**
   * Appends a user turn and the coach reply; returns the new user-turn count, or undefined when
   * the session is gone, completed, or (with `expectedTurns`) another turn was stored meanwhile —
   * the reply was then written for a transcript that no longer exists.
   */
  async appendTurn(
    tenant: string,
    id: string,
    user: string,
    coach: string,
    expectedTurns?: number,
  ): Promise<number | undefined> {
    const entries = jsonb([
      { role: 'user', text: user },
      { role: 'coach', text: coach },
    ]);
    const rows = await this.#q.query<{ user_turns: number }>(
      `update sessions set user_turns = user_turns + 1, last_active_at = now(), transcript = coalesce(transcript, '[]'::jsonb) || $3::jsonb
       where tenant = $1 and id = $2 and completed_at is null and ($4::int is null or user_turns = $4::int)
       returning user_turns`,
      [tenant, id, entries, expectedTurns ?? null],
    );
    return rows[0]?.user_turns;
  }

  /**
   * Marks the session complete with its scores. The transcript is cleared in the same statement
   * unless the tenant keeps transcripts, so there is no window where it outlives the policy.
   */
  async completeSession(
    tenant: string,
    id: string,
    feedback: StoredFeedback,
    keepTranscript: boolean,
  ): Promise<boolean> {
    const score = feedback.scores.reduce((sum, x) => sum + x.score, 0);
    const max = feedback.scores.reduce((sum, x) => sum + x.max, 0);
    const rows = await this.#q.query(
      `update sessions set completed_at = now(), scores = $3::jsonb, score = $5, max_score = $6, passed = $7,
         transcript = case when $4::boolean then transcript else null end
       where tenant = $1 and id = $2 and completed_at is null returning id`,
      [tenant, id, jsonb(feedback), keepTranscript, score, max, feedback.passed],
    );
    return rows.length === 1;
  }

  /** The user's own completed sessions of one scenario, oldest first (one indexed query). */
  async listAttempts(tenant: string, user: string, scenario: string): Promise<AttemptRow[]> {
    return this.db.query<AttemptRow>(
      `select id, scenario, scenario_version, completed_at, score, max_score, passed from sessions
        where tenant = $1 and "user" = $2 and scenario = $3 and completed_at is not null and score is not null
        order by completed_at, id`,
      [tenant, user, scenario],
    );
  }

  /**
   * Deletes transcripts past the tenant's retention: completed sessions older than `days`, and
   * abandoned sessions (never completed) idle for more than `max(days, 1)` days.
   */
  async purgeTranscripts(tenant: string, days: number): Promise<number> {
    const rows = await this.db.query(
      `update sessions set transcript = null
       where tenant = $1 and transcript is not null and (
         (completed_at is not null and completed_at <= now() - make_interval(days => $2::int))
         or (completed_at is null and created_at <= now() - make_interval(days => greatest($2::int, 1))))
       returning id`,
      [tenant, days],
    );
    return rows.length;
  }

  /**
   * Stores events idempotently: a repeated id (same tenant) is skipped, never counted twice.
   * Concurrent batches share a statement (event-inserts.ts).
   */
  insertEvents(caller: Caller, events: ActivationEvent[]): Promise<EventsAccepted> {
    return this.#events.insert(caller, events);
  }

  /** Stored events matching every given filter, oldest first. */
  async listEvents(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const rows = await this.db.query<StoredEvent>(
      `select id::text, tenant, name, at, received_at as "receivedAt", "user", team, session_id::text as "sessionId", scenario, source, props
         from events
        where ($1::text[] is null or name = any($1::text[])) and ($2::text is null or tenant = $2) and ($3::text is null or "user" = $3)
          and ($4::uuid is null or session_id = $4::uuid) and ($5::text is null or scenario = $5) and ($6::text is null or source = $6)
        order by at, id`,
      [
        filter.names ?? null,
        filter.tenant ?? null,
        filter.user ?? null,
        filter.sessionId ?? null,
        filter.scenario ?? null,
        filter.source ?? null,
      ],
    );
    return rows;
  }
}
