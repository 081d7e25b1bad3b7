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
