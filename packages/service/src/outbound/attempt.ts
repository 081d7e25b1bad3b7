/**
 * One HTTP attempt of one delivery, classified: delivered, worth retrying (network error,
 * timeout, 408, 429, 5xx; with the receiver's `Retry-After`), or permanent (any other answer,
 * redirects included: a receiver that redirects is misconfigured and is never re-posted elsewhere).
 * Error texts never carry the URL, which is a secret.
 */
import type { OutgoingRequest } from '../nudges/channels.js';
import { parseRetryAfter } from './backoff.js';

export type AttemptResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; retryable: boolean; retryAfterMs?: number };

/** Longest response text kept in an error (receivers sometimes echo whole pages). */
const ERROR_TEXT_CHARS = 200;

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici wraps the socket error in `cause` (ECONNREFUSED, ECONNRESET…): that is the useful part.
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

export async function attempt(
  request: OutgoingRequest,
  options: {
    fetch: typeof fetch;
    timeoutMs: number;
    nowMs: number;
    /** A reason when a 2xx body reports a failure (retried), e.g. Teams' "HTTP error 429". */
    hiddenFailure?: (bodyText: string) => string | undefined;
  },
): Promise<AttemptResult> {
  let response: Response;
  try {
    response = await options.fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      ok: false,
      status: null,
      error: timedOut ? `timed out after ${options.timeoutMs} ms` : `network error (${describe(error)})`,
      retryable: true,
    };
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 200 && response.status < 300) {
    const hidden = options.hiddenFailure?.(text.slice(0, ERROR_TEXT_CHARS));
    if (hidden === undefined) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: hidden, retryable: true };
  }
  if (response.status >= 300 && response.status < 400)
    return {
      ok: false,
      status: response.status,
      error: `HTTP ${response.status}: redirect refused`,
      retryable: false,
    };
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.nowMs);
  return {
    ok: false,
    status: response.status,
    error: `HTTP ${response.status}${text ? `: ${text.slice(0, ERROR_TEXT_CHARS)}` : ''}`,
    retryable: retryable(response.status),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
