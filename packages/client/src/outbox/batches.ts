/**
 * The pure parts of delivery: which queued events this token may send, how they are cut into
 * request bodies, how a rejected batch is split, and the quarantine list. No I/O, no clock.
 */
import { sizeOf } from './event.js';
import type { QuarantinedEvent, QueuedEvent } from './types.js';

/** `{"events":[]}` and the commas, roughly. */
const ENVELOPE_BYTES = 16;
/** Statuses that mean "this payload is bad": split the batch until the bad event stands alone. */
const PAYLOAD_REJECTED = new Set([400, 413, 422]);
/** How many rejected events `stats().quarantined` lists. */
export const QUARANTINE_KEEP = 20;

/** Events tracked under another user's token wait for that user (shared devices). */
export function ownedBy(items: readonly QueuedEvent[], owner: string | undefined): QueuedEvent[] {
  return items.filter((i) => !i.owner || !owner || i.owner === owner);
}

/** Cuts `items` (in order) into request bodies of ≤ `maxEvents` events and ≤ `maxBytes` bytes. */
export function toBatches(
  items: readonly QueuedEvent[],
  maxEvents: number,
  maxBytes: number,
): QueuedEvent[][] {
  const out: QueuedEvent[][] = [];
  let current: QueuedEvent[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const item of items) {
    const size = sizeOf(item.event) + 1;
    if (current.length > 0 && (current.length >= maxEvents || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Poison rule (docs/client.md): a 500 without `Retry-After` is the one answer in which the
 * service says handling *this request* failed. After this many in a row for a batch it is split;
 * a lone event is quarantined once this many more came while the service acknowledged other posts.
 */
export const POISON_STRIKES = 3;

/** Does this failed answer count against the events in the post? Network, 429, 503, 502, 504 and any `Retry-After` never do. */
export function isPoison(status: number, retryAfter: number | undefined): boolean {
  return status === 500 && retryAfter === undefined;
}

/** How the events of a refused batch stand: the most 500s in a row any of them had, and (alone) the proven ones. */
export interface Suspicion {
  fails: number;
  proven: number;
}

/**
 * What to do with a batch the service refused with `status`: `retry` keeps it for later
 * (network, 5xx, 408, 429, a 401 that survived a refresh, any other status); `split` halves it;
 * `quarantine` drops its one event for good. `poison` is given for an answer `isPoison` counts.
 */
export function onRejection(
  batch: readonly QueuedEvent[],
  status: number,
  poison?: Suspicion,
): 'retry' | 'split' | 'quarantine' {
  if (poison) {
    if (batch.length > 1) return poison.fails >= POISON_STRIKES ? 'split' : 'retry';
    return poison.proven >= POISON_STRIKES ? 'quarantine' : 'retry';
  }
  if (!PAYLOAD_REJECTED.has(status)) return 'retry';
  return batch.length === 1 ? 'quarantine' : 'split';
}

/**
 * The two halves a rejected batch is sent again as (the first one the larger). With `fails`, the
 * least suspected events go first, so events that joined later get through while the old suspects
 * are narrowed down.
 */
export function halves<T>(batch: readonly T[], fails?: (item: T) => number): [T[], T[]] {
  const ordered = fails ? [...batch].sort((a, b) => fails(a) - fails(b)) : batch;
  const mid = Math.ceil(ordered.length / 2);
  return [ordered.slice(0, mid), ordered.slice(mid)];
}

/** The quarantine list with `entry` added, keeping the newest `QUARANTINE_KEEP`. */
export function quarantined(list: readonly QuarantinedEvent[], entry: QuarantinedEvent): QuarantinedEvent[] {
  return [...list, entry].slice(-QUARANTINE_KEEP);
}

/**
 * The one batch an unload flush sends: this token's events not in `skip` (sent since the page was
 * last visible, or poison suspects), oldest first, within `maxBytes` (browsers cap in-flight
 * keepalive bodies).
 */
export function unloadBatch(
  items: Iterable<QueuedEvent>,
  owner: string | undefined,
  skip: Pick<ReadonlySet<string>, 'has'>,
  maxEvents: number,
  maxBytes: number,
): QueuedEvent[] | undefined {
  const waiting = ownedBy([...items], owner)
    .filter((i) => !skip.has(i.event.id))
    .sort((a, b) => (a.event.id < b.event.id ? -1 : 1));
  const batch = toBatches(waiting, maxEvents, maxBytes)[0];
  return batch?.length ? batch : undefined;
}
