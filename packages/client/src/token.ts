import { InflowApiError } from './errors.js';
import { decodeJwtPayload } from './jwt.js';

/**
 * Refresh this long before `exp` (a fifth of the lifetime for short tokens, at least 5 s), so a
 * request never leaves with a token about to lapse.
 */
const REFRESH_BEFORE_EXP_MS = 60_000;
const MIN_REFRESH_AHEAD_MS = 5_000;

/** The claims the client reads from a JWT, unverified (the service verifies); {} if unreadable. */
export function tokenClaims(token: string): { exp?: number; iss?: string; sub?: string } {
  const claims = decodeJwtPayload(token) ?? {};
  return {
    ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
    ...(typeof claims.iss === 'string' ? { iss: claims.iss } : {}),
    ...(typeof claims.sub === 'string' ? { sub: claims.sub } : {}),
  };
}

/** `exp` in ms since the epoch, if the token has one. */
export function tokenExpiry(token: string): number | undefined {
  const { exp } = tokenClaims(token);
  return exp === undefined ? undefined : exp * 1000;
}

/** `iss/sub`: whose events a token may carry. */
export function tokenOwner(token: string): string | undefined {
  const { iss, sub } = tokenClaims(token);
  return iss !== undefined && sub !== undefined ? `${iss}/${sub}` : undefined;
}

export interface TokenSource {
  token?: string | undefined;
  fetchToken?: (() => Promise<string>) | undefined;
}

/**
 * Holds the embed token. `get()` returns a token valid for at least a minute more, calling
 * `fetchToken` when there is none yet or it is about to expire; `refresh()` is for a 401.
 * Both are single-flight: concurrent callers share one `fetchToken` call.
 * A timer also refreshes shortly before `exp`, but only if the client was used since the last
 * fetch, so an idle tab does not call the vendor's backend every quarter of an hour.
 */
export class TokenManager {
  #current: string | undefined;
  #expiresAt: number | undefined;
  #refreshAhead = REFRESH_BEFORE_EXP_MS;
  #inflight: Promise<string> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #usedSinceFetch = false;
  #disposed = false;

  readonly #source: TokenSource;

  constructor(source: TokenSource) {
    this.#source = source;
    if (source.token) this.set(source.token);
  }

  /** The cached token if it has not expired (for the synchronous unload flush), else undefined. */
  peek(): string | undefined {
    if (!this.#current) return undefined;
    if (this.#expiresAt !== undefined && this.#expiresAt <= Date.now()) return undefined;
    return this.#current;
  }

  get canRefresh(): boolean {
    return typeof this.#source.fetchToken === 'function';
  }

  async get(): Promise<string> {
    this.#usedSinceFetch = true;
    if (
      this.#current &&
      (this.#expiresAt === undefined || this.#expiresAt - this.#refreshAhead > Date.now())
    ) {
      return this.#current;
    }
    if (!this.canRefresh) {
      if (this.#current) return this.#current; // a static token: let the service say it expired
      throw new InflowApiError(0, 'token_unavailable', 'No token: pass `token` or `fetchToken`');
    }
    return this.refresh();
  }

  /** Fetches a new token; concurrent calls share one fetch. */
  refresh(): Promise<string> {
    if (!this.canRefresh) {
      return this.#current
        ? Promise.resolve(this.#current)
        : Promise.reject(
            new InflowApiError(0, 'token_unavailable', 'No token: pass `token` or `fetchToken`'),
          );
    }
    this.#inflight ??= (async () => {
      try {
        const token = await this.#source.fetchToken!();
        if (typeof token !== 'string' || token === '') throw new Error('fetchToken returned no token');
        this.set(token);
        return token;
      } catch (cause) {
        if (cause instanceof InflowApiError) throw cause;
        throw new InflowApiError(
          0,
          'token_unavailable',
          `fetchToken failed: ${String((cause as Error)?.message ?? cause)}`,
        );
      } finally {
        this.#inflight = undefined;
      }
    })();
    return this.#inflight;
  }

  /** Replaces the token (e.g. the `token` attribute changed). */
  set(token: string): void {
    this.#current = token;
    this.#expiresAt = tokenExpiry(token);
    this.#refreshAhead =
      this.#expiresAt === undefined
        ? 0
        : Math.min(REFRESH_BEFORE_EXP_MS, Math.max(MIN_REFRESH_AHEAD_MS, (this.#expiresAt - Date.now()) / 5));
    this.#usedSinceFetch = false;
    this.#schedule();
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#disposed || !this.canRefresh || this.#expiresAt === undefined) return;
    const delay = Math.max(0, this.#expiresAt - this.#refreshAhead - Date.now());
    this.#timer = setTimeout(() => {
      if (this.#usedSinceFetch) this.refresh().catch(() => undefined);
    }, delay);
    // In Node, a pending refresh must not keep the process alive.
    (this.#timer as { unref?: () => void }).unref?.();
  }
}
