import { errorFromResponse, InflowApiError } from './errors.js';
import type { TokenManager } from './token.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** JSON-serialised unless it is a string (sent as is with `contentType`). */
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal | undefined;
}

/** The transport every call shares: base URL, token, one retry after a token refresh on 401. */
export class Http {
  constructor(
    readonly apiBase: string,
    readonly tokens: TokenManager,
    readonly fetchImpl: FetchLike,
  ) {}

  url(path: string): string {
    return this.apiBase.replace(/\/+$/, '') + path;
  }

  /** Sends an authenticated request; returns the 2xx response or throws InflowApiError. */
  async send(path: string, options: RequestOptions = {}): Promise<Response> {
    let response = await this.attempt(path, options, await this.tokens.get());
    if (response.status === 401 && this.tokens.canRefresh) {
      // One refresh per 401 (shared with any concurrent caller), then one retry.
      // Release the 401's body without waiting on it (some fetch stubs never settle a cancel).
      void response.body?.cancel().catch(() => undefined);
      response = await this.attempt(path, options, await this.tokens.refresh());
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(path, { accept: 'application/json', ...options });
    try {
      return (await response.json()) as T;
    } catch {
      throw new InflowApiError(response.status, 'bad_response', `Expected JSON from ${path}`);
    }
  }

  private async attempt(path: string, options: RequestOptions, token: string): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (options.accept) headers.accept = options.accept;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    try {
      return await this.fetchImpl(this.url(path), {
        method: options.method ?? 'GET',
        headers,
        body,
        signal: options.signal,
        // Tokens travel in the Authorization header only; no cookies are involved.
        credentials: 'omit',
      });
    } catch (cause) {
      if ((cause as Error)?.name === 'AbortError') throw cause;
      const timedOut = (cause as Error)?.name === 'TimeoutError';
      throw new InflowApiError(
        0,
        timedOut ? 'timeout' : 'network',
        `${timedOut ? 'Timed out' : 'Network error'}: ${String((cause as Error)?.message ?? cause)}`,
      );
    }
  }
}
