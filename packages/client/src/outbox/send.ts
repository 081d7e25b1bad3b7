/**
 * One flush's sending (docs/client.md, "The event outbox"): batches posted in
 * order; a refused one split until the event at fault stands alone and is quarantined; a batch
 * answered 500 counted against its events while the other batches go on.
 */
import type { EventsAccepted } from '@inflow/contract';
import { InflowApiError } from '../errors.js';
import { halves, isPoison, onRejection, type Suspicion } from './batches.js';
import type { SharedStrikes } from './strikes.js';
import type { QueuedEvent } from './types.js';

/**
 * `hard`: the flush stops (network, the service unavailable, a status that concerns every batch);
 * otherwise only the events of a batch answered 500 wait, and the other batches go on.
 * `progress`: the flush delivered something before it gave up.
 */
export type Outcome =
  { retry: false } | { retry: true; retryAfter: number | undefined; hard: boolean; progress?: boolean };
export const OK: Outcome = { retry: false };
const WAIT = { retry: true, retryAfter: undefined, hard: false } as const;

/**
 * Posts answered 500 in a row, with nothing acknowledged in between, after which a flush stops:
 * while the service answers 500 to everything, a flush costs at most two posts.
 */
const DRY_POSTS = 2;

/** What a flush needs from the outbox. */
export interface SendDeps {
  post(batch: QueuedEvent[]): Promise<Partial<EventsAccepted>>;
  strikes: SharedStrikes;
  /** Records the error as the last one seen; returns its HTTP status (0: network). */
  noteError(error: unknown): number;
  /** A 2xx: the batch is stored by the service. */
  delivered(batch: QueuedEvent[], body: Partial<EventsAccepted>): Promise<void>;
  quarantine(item: QueuedEvent, error: InflowApiError): Promise<void>;
}

/** One flush's way through the queue. */
interface Run {
  deps: SendDeps;
  /** Posts answered 500 since the last acknowledged one. */
  dry: number;
  delivered: boolean;
  /** Some events wait for a later flush (their batch was answered 500). */
  waiting: boolean;
}

/** Sends `batches` in order; stops at the first failure that concerns every batch. */
export async function sendBatches(batches: QueuedEvent[][], deps: SendDeps): Promise<Outcome> {
  const run: Run = { deps, dry: 0, delivered: false, waiting: false };
  for (const batch of batches) {
    const outcome = await sendBatch(batch, run, true);
    if (outcome.retry && outcome.hard) return outcome;
  }
  return run.waiting ? { ...WAIT, progress: run.delivered } : OK;
}

/** `top`: a batch as cut from the queue (not a half), which is split at once if it holds a suspect. */
async function sendBatch(batch: QueuedEvent[], run: Run, top = false): Promise<Outcome> {
  if (run.dry >= DRY_POSTS) {
    run.waiting = true;
    return WAIT;
  }
  if (top && batch.length > 1 && batch.some((b) => run.deps.strikes.suspect(b.event.id)))
    return sendHalves(batch, run);
  let body: Partial<EventsAccepted>;
  try {
    body = await run.deps.post(batch);
  } catch (error) {
    const status = run.deps.noteError(error);
    const retryAfter = error instanceof InflowApiError ? error.retryAfter : undefined;
    const poison = isPoison(status, retryAfter) ? strikeOut(batch, run) : undefined;
    const action = onRejection(batch, status, poison);
    if (action === 'quarantine') {
      await run.deps.quarantine(batch[0]!, error as InflowApiError);
      return OK;
    }
    if (action === 'split') return sendHalves(batch, run);
    if (poison) {
      run.waiting = true;
      return WAIT;
    }
    return { retry: true, retryAfter, hard: true };
  }
  run.dry = 0;
  run.delivered = true;
  await run.deps.delivered(batch, body);
  return OK;
}

/** Halves until the event that keeps failing stands alone; the rest goes through. */
async function sendHalves(batch: QueuedEvent[], run: Run): Promise<Outcome> {
  for (const half of halves(batch, (b) => run.deps.strikes.fails(b.event.id))) {
    const outcome = await sendBatch(half, run);
    if (outcome.retry && outcome.hard) return outcome;
  }
  return OK;
}

/** Counts a 500 against every event of `batch`; returns how the batch now stands. */
function strikeOut(batch: QueuedEvent[], run: Run): Suspicion {
  run.dry++;
  const ids = batch.map((b) => b.event.id);
  run.deps.strikes.failed(ids, Date.now());
  return {
    fails: Math.max(...ids.map((id) => run.deps.strikes.fails(id))),
    proven: run.deps.strikes.proven(ids[0]!),
  };
}
