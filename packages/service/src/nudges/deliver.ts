/**
 * Delivery with retries. A chat webhook that is briefly down or throttling should not lose the
 * nudge, but a permanent refusal (Slack's 404 `no_service`, 410 `channel_is_archived`, a 400
 * `invalid_payload`) must not be hammered either. So:
 *
 * - retry network errors, timeouts, 408, 429 and 5xx (and 2xx answers that hide a throttle);
 * - full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff And Jitter"),
 *   at least as long as `Retry-After` asks; give up early when `Retry-After` exceeds the cap;
 * - every attempt is reported through `onAttempt` as it happens, so the delivery log is honest
 *   even if the process dies mid-retry.
 */
import type { NudgeChannel, OutgoingRequest } from './channels.js';
import { hiddenFailure } from './channels.js';

export interface DeliveryAttempt {
  attempt: number;
  /** ISO time the attempt started. */
  at: string;
  /** HTTP status, or null when no response arrived. */
  status: number | null;
  ok: boolean;
  error?: string;
}

export interface RetryPolicy {
  /** Attempts in total, including the first. */
  maxAttempts: number;
  /** Backoff ceiling grows as base·2^(attempt-1), capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  timeoutMs: 5000,
};

export interface DeliverOptions {
  fetch?: typeof fetch;
  policy?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onAttempt?: (attempt: DeliveryAttempt) => void | Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Longest response body text kept in an error message (receivers sometimes echo large pages). */
const ERROR_TEXT_CHARS = 200;

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export async function deliver(
  channel: NudgeChannel,
  buildAttempt: (nowMs: number) => Promise<OutgoingRequest>,
  options: DeliverOptions = {},
): Promise<DeliveryAttempt[]> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const attempts: DeliveryAttempt[] = [];

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const started = now();
    const record: DeliveryAttempt = { attempt, at: new Date(started).toISOString(), status: null, ok: false };
    let retry = false;
    let retryAfterMs: number | undefined;
    try {
      const request = await buildAttempt(started);
      const response = await doFetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'error', // a webhook that redirects is misconfigured; never re-post elsewhere
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      record.status = response.status;
      const text = (await response.text()).slice(0, ERROR_TEXT_CHARS);
      if (response.ok) {
        const hidden = hiddenFailure(channel, text);
        if (hidden) {
          record.error = hidden;
          retry = true;
        } else {
          record.ok = true;
        }
      } else {
        record.error = `HTTP ${response.status}${text ? `: ${text}` : ''}`;
        retry = retryable(response.status);
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
      }
    } catch (error) {
      // Network failure, DNS, refused connection, timeout. Never include the URL: it is a secret.
      const name = error instanceof Error ? error.name : 'Error';
      record.error =
        name === 'TimeoutError'
          ? `timed out after ${policy.timeoutMs} ms`
          : `network error (${describe(error)})`;
      retry = true;
    }
    let delay: number | undefined;
    if (!record.ok && retry && attempt < policy.maxAttempts) {
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      delay = Math.max(Math.floor(random() * ceiling), retryAfterMs ?? 0);
      if (delay > policy.maxDelayMs) {
        // The receiver asked for a longer wait than a request may be held open: stop, and say why.
        record.error += `; Retry-After ${Math.ceil(delay / 1000)} s exceeds the retry window, not retried`;
        delay = undefined;
      }
    }
    attempts.push(record);
    await options.onAttempt?.(record);
    if (delay === undefined) break;
    await sleep(delay);
  }
  return attempts;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici wraps the socket error in `cause` (ECONNREFUSED, ECONNRESET…); that is the useful part.
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
