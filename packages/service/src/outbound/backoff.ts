/**
 * When a failed delivery is tried again: full-jitter exponential backoff (AWS Architecture Blog,
 * "Exponential Backoff And Jitter": a uniform draw in [0, min(cap, base·2^(n-1)))), so retries of
 * many jobs failing together spread out instead of arriving in waves; never sooner than the
 * receiver's `Retry-After`, which is honoured up to `maxRetryAfterMs`.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  maxRetryAfterMs: number;
}

export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy,
  random: () => number,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  const jitter = Math.floor(random() * ceiling);
  return Math.max(jitter, Math.min(retryAfterMs ?? 0, policy.maxRetryAfterMs));
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
