/**
 * The outbound queue's SQL (docs/integrations.md). Jobs are rows of `deliveries`; a worker leases a
 * batch of due rows in one statement (`FOR UPDATE SKIP LOCKED`, so two processes on one
 * PostgreSQL never lease the same row), sends them with no transaction open, then settles each
 * row only if its lease is still the one it took. Every time is the caller's clock, passed in.
 */
import type { Db } from '../store/db.js';
import { jsonb } from '../store/jsonb.js';

/** The part of the store's `Db` the queue needs (a transaction handle works too). */
export type Queryable = Pick<Db, 'query'>;

export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'skipped';

export interface NewJob {
  tenant: string;
  kind: string;
  payload: unknown;
  /** Unique per tenant: enqueueing the same key twice stores one job. */
  idempotencyKey: string;
  /** First due then (a schedule); absent = now. */
  dueAt?: Date;
  /** Not sent while the tenant's job with this idempotency key is pending (ordered delivery). */
  after?: string;
  /** Stored as `skipped` with this reason, never sent (e.g. a nudge over the user's cap). */
  skipped?: string;
}

export interface Job {
  tenant: string;
  id: string;
  kind: string;
  payload: unknown;
  idempotencyKey: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** A job this worker holds: `leaseToken` must still match when it is settled. */
export interface LeasedJob extends Job {
  leaseToken: string;
}

/** The job's columns, as `Job` fields; `t` qualifies them (`d.`) where a join makes names ambiguous. */
const columns = (t = '') =>
  `${t}tenant, ${t}id::text as id, ${t}kind, ${t}payload, ${t}idempotency_key as "idempotencyKey", ${t}status,
   ${t}attempts, ${t}next_attempt_at as "nextAttemptAt", ${t}last_attempt_at as "lastAttemptAt",
   ${t}last_status as "lastStatus", ${t}last_error as "lastError", ${t}created_at as "createdAt",
   ${t}delivered_at as "deliveredAt"`;

type Row = Omit<Job, 'nextAttemptAt' | 'lastAttemptAt' | 'createdAt' | 'deliveredAt'> & {
  nextAttemptAt: Date | string;
  lastAttemptAt: Date | string | null;
  createdAt: Date | string;
  deliveredAt: Date | string | null;
};

const date = (v: Date | string) => new Date(v);
const maybeDate = (v: Date | string | null) => (v === null ? null : new Date(v));

function toJob(row: Row): Job {
  return {
    ...row,
    nextAttemptAt: date(row.nextAttemptAt),
    lastAttemptAt: maybeDate(row.lastAttemptAt),
    createdAt: date(row.createdAt),
    deliveredAt: maybeDate(row.deliveredAt),
  };
}

/** Stores a job (due at `dueAt`, else now); returns its id, or undefined when the tenant already has that key. */
export async function enqueue(db: Queryable, job: NewJob, now: Date): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>(
    `insert into deliveries (tenant, id, kind, payload, idempotency_key, next_attempt_at, created_at, after_key,
                             status, last_error)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, case when $9::text is null then 'pending' else 'skipped' end, $9)
     on conflict (tenant, idempotency_key) do nothing
     returning id::text`,
    [
      job.tenant,
      crypto.randomUUID(),
      job.kind,
      jsonb(job.payload),
      job.idempotencyKey,
      job.dueAt ?? now,
      now,
      job.after ?? null,
      job.skipped ?? null,
    ],
  );
  return rows[0]?.id;
}

/**
 * Leases up to `batch` due jobs for `leaseMs` and counts the attempt now, so a process killed
 * mid-delivery still used one: a receiver that crashes the sender cannot be retried forever.
 * An expired lease (its holder died) makes the job due again. A job whose `after` job is still
 * pending waits for it (delivered, dead or skipped all release it).
 */
export async function lease(db: Queryable, now: Date, batch: number, leaseMs: number): Promise<LeasedJob[]> {
  const token = crypto.randomUUID();
  const rows = await db.query<Row & { leaseToken: string }>(
    `update deliveries d
        set lease_token = $1, lease_until = $2::timestamptz + make_interval(secs => $3::double precision / 1000),
            attempts = d.attempts + 1, last_attempt_at = $2
       from (select tenant, id from deliveries c
              where status = 'pending' and next_attempt_at <= $2 and (lease_until is null or lease_until <= $2)
                and (after_key is null or not exists (
                  select 1 from deliveries p
                   where p.tenant = c.tenant and p.idempotency_key = c.after_key and p.status = 'pending'))
              order by next_attempt_at, id
              limit $4
              for update skip locked) due
      where d.tenant = due.tenant and d.id = due.id
      returning ${columns('d.')}, d.lease_token::text as "leaseToken"`,
    [token, now, leaseMs, batch],
  );
  return rows.map((row) => ({ ...toJob(row), leaseToken: row.leaseToken }));
}

export type Outcome =
  | { kind: 'delivered'; status: number; at: Date }
  | { kind: 'retry'; status: number | null; error: string; at: Date }
  | { kind: 'dead'; status: number | null; error: string }
  /** Nothing was sent: the kind decided not to (its reason is kept in `last_error`). */
  | { kind: 'skipped'; reason: string };

const STATUS_OF: Record<Outcome['kind'], DeliveryStatus> = {
  delivered: 'delivered',
  retry: 'pending',
  dead: 'dead',
  skipped: 'skipped',
};

/**
 * Records an attempt's outcome and appends it to `delivery_attempts` (a skip is no attempt: it
 * is not logged and not counted), in one statement; false when the lease was lost meanwhile.
 */
export async function settle(db: Queryable, job: LeasedJob, outcome: Outcome): Promise<boolean> {
  const skipped = outcome.kind === 'skipped';
  const rows = await db.query<{ n: number }>(
    `with s as (
       update deliveries
          set status = $3, last_status = $4, last_error = $5,
              next_attempt_at = coalesce($6::timestamptz, next_attempt_at), delivered_at = $7::timestamptz,
              attempts = attempts - $9::int, lease_token = null, lease_until = null
        where tenant = $1 and id = $2 and lease_token = $8::uuid
        returning tenant, id, last_attempt_at),
     logged as (
       insert into delivery_attempts (tenant, delivery_id, n, at, status, ok, error)
       select s.tenant, s.id,
              (select coalesce(max(a.n), 0) + 1 from delivery_attempts a where a.tenant = s.tenant and a.delivery_id = s.id),
              s.last_attempt_at, $4, $3 = 'delivered', $5
         from s where $9::int = 0
       returning 1)
     select count(*)::int as n from s`,
    [
      job.tenant,
      job.id,
      STATUS_OF[outcome.kind],
      'status' in outcome ? outcome.status : null,
      outcome.kind === 'delivered' ? null : skipped ? outcome.reason : outcome.error,
      outcome.kind === 'retry' ? outcome.at : null,
      outcome.kind === 'delivered' ? outcome.at : null,
      job.leaseToken,
      skipped ? 1 : 0,
    ],
  );
  return rows[0]?.n === 1;
}

export interface AttemptRow {
  /** 1, 2, … over the job's whole life (an admin retry goes on counting). */
  n: number;
  at: Date;
  status: number | null;
  ok: boolean;
  error: string | null;
}

/** Every recorded attempt of one job, in order. */
export async function listAttempts(db: Queryable, tenant: string, id: string): Promise<AttemptRow[]> {
  const rows = await db.query<Omit<AttemptRow, 'at'> & { at: Date | string }>(
    `select n, at, status, ok, error from delivery_attempts where tenant = $1 and delivery_id = $2 order by n`,
    [tenant, id],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

/** The tenant's jobs, newest first; only this tenant's (tenant isolation). */
export async function listJobs(
  db: Queryable,
  tenant: string,
  status: DeliveryStatus | undefined,
  limit = 100,
): Promise<Job[]> {
  const rows = await db.query<Row>(
    `select ${columns()} from deliveries
      where tenant = $1 and ($2::text is null or status = $2)
      order by created_at desc, id desc limit $3`,
    [tenant, status ?? null, limit],
  );
  return rows.map(toJob);
}

export async function getJob(db: Queryable, tenant: string, id: string): Promise<Job | undefined> {
  const rows = await db.query<Row>(`select ${columns()} from deliveries where tenant = $1 and id = $2`, [
    tenant,
    id,
  ]);
  return rows[0] ? toJob(rows[0]) : undefined;
}

/**
 * Makes a dead or pending job due now with a fresh set of attempts (its last error is kept until
 * the next attempt). Undefined when the tenant has no such job or it was already delivered.
 */
export async function retryJob(
  db: Queryable,
  tenant: string,
  id: string,
  now: Date,
): Promise<Job | undefined> {
  const rows = await db.query<Row>(
    `update deliveries set status = 'pending', attempts = 0, next_attempt_at = $3, lease_token = null, lease_until = null
      where tenant = $1 and id = $2 and status <> 'delivered'
      returning ${columns()}`,
    [tenant, id, now],
  );
  return rows[0] ? toJob(rows[0]) : undefined;
}

/** Jobs waiting to be sent and dead letters, over every tenant (the operator's `/metrics` gauge). */
export async function queueDepth(db: Queryable): Promise<{ pending: number; dead: number }> {
  const rows = await db.query<{ status: 'pending' | 'dead'; n: number }>(
    `select status, count(*)::int as n from deliveries where status in ('pending', 'dead') group by status`,
  );
  const depth = { pending: 0, dead: 0 };
  for (const r of rows) depth[r.status] = r.n;
  return depth;
}
