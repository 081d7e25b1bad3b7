/** Retry timing of the outbox (AWS "full jitter": sleep = random(0, min(cap, base · 2^attempt))). */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** Delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Delay when the service sent `Retry-After` (seconds): honoured, but capped so a bad header
 * cannot park the outbox for a day, and never shorter than the jittered backoff would be.
 */
export function retryDelay(
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random,
): number {
  const jittered = backoffDelay(attempt, random);
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds)) return jittered;
  return Math.max(jittered, Math.min(BACKOFF_CAP_MS, Math.ceil(retryAfterSeconds * 1000)));
}

/**
 * The outbox's retry state: the attempt count and when the next retry is due, shared with the
 * other tabs through localStorage, so a tab that takes over the flush does not hammer the service.
 */
export class SharedBackoff {
  readonly #key: string;
  readonly #random: () => number;
  #attempt = 0;
  #retryAt = 0;

  constructor(key: string, random: () => number = Math.random) {
    this.#key = key;
    this.#random = random;
  }

  /** The earliest time (ms since epoch) a flush may run, this tab's or another's backoff. */
  get until(): number {
    return Math.max(this.#retryAt, this.#readShared());
  }

  /** A delivery failed: counts the attempt and returns the delay before the next one. */
  failed(retryAfterSeconds: number | undefined): number {
    const delay = retryDelay(this.#attempt++, retryAfterSeconds, this.#random);
    this.#retryAt = Date.now() + delay;
    this.#writeShared(this.#retryAt);
    return delay;
  }

  /** Delivered, or back online (the backoff was about the network): no more waiting. */
  reset(): void {
    this.#attempt = 0;
    this.#retryAt = 0;
    this.#writeShared(0);
  }

  #readShared(): number {
    try {
      return Number(globalThis.localStorage?.getItem(this.#key) ?? 0) || 0;
    } catch {
      return 0;
    }
  }

  #writeShared(at: number): void {
    try {
      if (at > 0) globalThis.localStorage?.setItem(this.#key, String(at));
      else globalThis.localStorage?.removeItem(this.#key);
    } catch {
      // storage disabled: per-tab backoff only
    }
  }
}
