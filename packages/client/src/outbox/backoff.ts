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
export function retryDelay(attempt: number, retryAfterSeconds: number | undefined, random: () => number = Math.random): number {
  const jittered = backoffDelay(attempt, random);
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds)) return jittered;
  return Math.max(jittered, Math.min(BACKOFF_CAP_MS, Math.ceil(retryAfterSeconds * 1000)));
}
