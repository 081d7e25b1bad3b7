/**
 * The one error type the client throws for API failures. Callers branch on `code` (stable, from
 * the contract's ERROR_CODES, plus the client-side codes below), never on `message`.
 *
 * Client-side codes (status 0): `network` (fetch rejected), `token_unavailable` (fetchToken
 * failed or returned nothing), `stream_interrupted` (the SSE stream ended before `done`),
 * `bad_response` (a 2xx whose body was not the JSON we expect).
 */
export class InflowApiError extends Error {
  override readonly name = 'InflowApiError';
  constructor(
    /** HTTP status, or 0 when no response was received. */
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait, from `Retry-After` (429/503), when the service sent one. */
    readonly retryAfter?: number,
    readonly details?: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

/** Parses `Retry-After` (delta-seconds or an HTTP date) into seconds; undefined if absent/invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}

/** Builds an InflowApiError from a non-2xx response, reading `{error:{code,message}}` when present. */
export async function errorFromResponse(response: Response): Promise<InflowApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  let code = `http_${response.status}`;
  let message = response.statusText || `HTTP ${response.status}`;
  let details: InflowApiError['details'];
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; details?: unknown };
    };
    if (body?.error && typeof body.error.code === 'string') {
      code = body.error.code;
      if (typeof body.error.message === 'string') message = body.error.message;
      if (Array.isArray(body.error.details)) details = body.error.details as InflowApiError['details'];
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): keep the status-derived code.
  }
  return new InflowApiError(response.status, code, message, retryAfter, details);
}
