/**
 * The outbound worker (docs/integrations.md): every `intervalMs` it leases a bounded batch of due
 * jobs, sends them concurrently with no transaction open, and settles each one. It runs beside
 * the request path, never in it: a slow or failing receiver delays only its own deliveries.
 * Started and stopped by createService (node.ts); it leases nothing once a drain has begun.
 */
import type { Logger } from '../ops/logger.js';
import type { Db } from '../store/db.js';
import type { TenantConfig, TenantRegistry } from '../tenants.js';
import { sweepAbandoned } from './abandoned.js';
import { attempt } from './attempt.js';
import { retryDelayMs, type BackoffPolicy } from './backoff.js';
import { NotConfiguredError, type KindRegistry } from './kinds.js';
import { lease, settle, type LeasedJob, type Outcome } from './queue.js';
import { withIntegrations } from './settings-store.js';

export interface WorkerPolicy extends BackoffPolicy {
  /** Attempts before a job is dead, the first included. */
  maxAttempts: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Jobs leased per tick. */
  batch: number;
  /** How long a lease holds; longer than `timeoutMs`, so a live worker never loses its lease. */
  leaseMs: number;
  intervalMs: number;
  /**
   * The share of the process's time a backlog may take: after a full batch that took t ms, the
   * next starts t × (1 − share) / share later, not at once. The worker runs in the service's own
   * process, so a backlog draining flat out would slow ingest, turns and `complete`.
   */
  busyShare: number;
  /** How often a round also sweeps for abandoned sessions (abandoned.ts). */
  sweepIntervalMs: number;
}

export const DEFAULT_WORKER_POLICY: WorkerPolicy = {
  maxAttempts: 8,
  baseMs: 1000,
  capMs: 15 * 60 * 1000,
  maxRetryAfterMs: 24 * 60 * 60 * 1000,
  timeoutMs: 10_000,
  batch: 20,
  leaseMs: 60_000,
  intervalMs: 1000,
  busyShare: 0.25,
  sweepIntervalMs: 60_000,
};

/**
 * When the next round starts: a full batch means more may be due, so soon, but leaving the process
 * the rest of its time (`busyShare`), and never later than a normal interval; otherwise after one.
 */
export function nextRoundDelay(
  leased: number,
  roundMs: number,
  policy: Pick<WorkerPolicy, 'batch' | 'busyShare' | 'intervalMs'>,
): number {
  if (leased < policy.batch) return policy.intervalMs;
  const share = Math.min(1, Math.max(0.01, policy.busyShare));
  return Math.min((roundMs * (1 - share)) / share, policy.intervalMs);
}

export interface WorkerOptions {
  db: Db;
  tenants: TenantRegistry;
  kinds: KindRegistry;
  policy?: Partial<WorkerPolicy>;
  logger?: Logger;
  /** Clock, fetch and randomness, injectable for tests. */
  now?: () => Date;
  fetch?: typeof fetch;
  random?: () => number;
  /** True once the process drains: nothing new is leased. */
  draining?: () => boolean;
}

export class OutboundWorker {
  readonly policy: WorkerPolicy;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<number> | undefined;
  #stopped = false;
  #lastSweepMs = -Infinity;

  constructor(private readonly o: WorkerOptions) {
    this.policy = { ...DEFAULT_WORKER_POLICY, ...o.policy };
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(this.policy.intervalMs);
  }

  /** Stops leasing and waits for the deliveries in flight (each bounded by `timeoutMs`). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  /** One round: lease a batch, deliver it, settle it. Returns the number of jobs leased. */
  tick(): Promise<number> {
    this.#running ??= this.#tick().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Queues `terminated` for abandoned sessions now (also run by the rounds, every `sweepIntervalMs`). */
  sweep(): Promise<number> {
    const now = this.o.now?.() ?? new Date();
    this.#lastSweepMs = now.getTime();
    return sweepAbandoned(this.o.db, this.o.tenants, now);
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      const started = performance.now();
      this.tick().then(
        (n) => this.#schedule(nextRoundDelay(n, performance.now() - started, this.policy)),
        (error: unknown) => {
          this.o.logger?.error({ err: error }, 'outbound worker tick failed');
          this.#schedule(this.policy.intervalMs);
        },
      );
    }, ms);
    this.#timer.unref?.();
  }

  async #tick(): Promise<number> {
    if (this.#stopped || this.o.draining?.()) return 0;
    const now = this.o.now ?? (() => new Date());
    if (now().getTime() - this.#lastSweepMs >= this.policy.sweepIntervalMs)
      await this.sweep().catch((error: unknown) =>
        this.o.logger?.error({ err: error }, 'abandonment sweep failed'),
      );
    const jobs = await lease(this.o.db, now(), this.policy.batch, this.policy.leaseMs);
    // Each tenant's settings read once per round (settings-store.ts), not once per job.
    const configs = new Map<string, Promise<TenantConfig | undefined>>();
    const configOf = (id: string) => {
      if (!configs.has(id)) {
        const tenant = this.o.tenants.get(id);
        configs.set(id, tenant ? withIntegrations(this.o.db, tenant) : Promise.resolve(undefined));
      }
      return configs.get(id)!;
    };
    await Promise.all(jobs.map(async (job) => this.#deliver(job, await configOf(job.tenant), now)));
    return jobs.length;
  }

  async #deliver(job: LeasedJob, tenant: TenantConfig | undefined, now: () => Date): Promise<void> {
    const outcome = await this.#outcome(job, tenant, now);
    const kept = await settle(this.o.db, job, outcome);
    if (!kept)
      this.o.logger?.warn({ tenant: job.tenant, delivery: job.id }, 'delivery lease lost; not settled');
    else if (outcome.kind === 'dead')
      this.o.logger?.warn(
        {
          tenant: job.tenant,
          delivery: job.id,
          kind: job.kind,
          attempts: job.attempts,
          status: outcome.status,
        },
        'delivery dead',
      );
  }

  async #outcome(job: LeasedJob, tenant: TenantConfig | undefined, now: () => Date): Promise<Outcome> {
    const handler = this.o.kinds[job.kind];
    if (!handler) return { kind: 'dead', status: null, error: `no handler for kind "${job.kind}"` };
    const started = now().getTime();
    let request;
    try {
      const reason = await handler.skip?.(job, tenant, this.o.db);
      if (reason !== undefined) return { kind: 'skipped', reason };
      request = await handler.build(job, tenant, started);
    } catch (error) {
      if (error instanceof NotConfiguredError) return { kind: 'dead', status: null, error: error.message };
      // A bug, not the receiver: keep the job and try again later rather than hold its lease.
      const reason = `could not build the request (${error instanceof Error ? error.name : 'error'})`;
      if (job.attempts >= this.policy.maxAttempts) return { kind: 'dead', status: null, error: reason };
      return { kind: 'retry', status: null, error: reason, at: new Date(started + this.policy.capMs) };
    }
    // Receivers dedupe on this key: at-least-once delivery may send a job twice (docs/integrations.md).
    request.headers = { ...request.headers, 'idempotency-key': job.idempotencyKey };
    const result = await attempt(request, {
      fetch: this.o.fetch ?? fetch,
      timeoutMs: this.policy.timeoutMs,
      nowMs: started,
      ...(handler.hiddenFailure
        ? { hiddenFailure: (text: string) => handler.hiddenFailure!(job, text) }
        : {}),
    });
    const at = now();
    if (result.ok) return { kind: 'delivered', status: result.status, at };
    if (!result.retryable)
      return { kind: 'dead', status: result.status, error: `${result.error} (not retried)` };
    if (job.attempts >= this.policy.maxAttempts)
      return {
        kind: 'dead',
        status: result.status,
        error: `${result.error} (gave up after ${job.attempts} attempts)`,
      };
    const delay = retryDelayMs(job.attempts, result.retryAfterMs, this.policy, this.o.random ?? Math.random);
    return { kind: 'retry', status: result.status, error: result.error, at: new Date(at.getTime() + delay) };
  }
}
