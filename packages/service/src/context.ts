/**
 * The types every route module shares: the dependencies `createApp` receives and the Hono
 * environment (context variables set by the auth middleware). Sub-apps owned by other modules
 * (src/activation, src/nudges) are `Hono<AppEnv>` built from the same `AppDeps`.
 */
import type { Scope } from '@inflow/contract';
import type { CoachEngine } from './coach/engine.js';
import type { Drain } from './ops/drain.js';
import type { Logger } from './ops/logger.js';
import type { Observer } from './ops/observer.js';
import type { Db } from './store/db.js';
import type { Store } from './store/store.js';
import type { TenantConfig, TenantRegistry } from './tenants.js';
import type { VoiceConfig } from './voice/config.js';

export interface RateLimitOptions {
  /** Requests a token may make in a burst. */
  burst: number;
  /** Sustained requests per second per token. */
  perSecond: number;
}

export interface AppDeps {
  db: Db;
  /** Typed queries over `db` (sessions, events). Built from `db` when omitted. */
  store?: Store;
  tenants: TenantRegistry;
  coach: CoachEngine;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Per-token rate limit; `false` turns it off. Default 60 burst, 20/s. */
  rateLimit?: RateLimitOptions | false;
  /** Demo mode: enables `POST /demo/token`, which mints tokens for the `demo` tenant. */
  demo?: boolean;
  /** Allowed CORS origins; default `*` (tokens travel in headers, never in cookies). */
  corsOrigins?: string[] | '*';
  /**
   * The server-side log: one line per request, stack traces of server errors (never to clients).
   * Default: warnings and errors to the console (ops/logger.ts); Node passes pino (ops/pino.ts).
   */
  logger?: Logger;
  /** Metrics hooks (ops/observer.ts); Node passes prom-client's (ops/metrics.ts). */
  observer?: Observer;
  /** Graceful drain (ops/drain.ts): refuses new requests and fails `/readyz` once begun. */
  drain?: Drain;
  /** Speech providers (voice/config.ts); without them the audio routes answer 503. */
  voice?: VoiceConfig;
}

/** What the auth middleware puts on the context for every `/v1/*` request. */
export interface AuthInfo {
  tenantId: string;
  tenant: TenantConfig;
  /** `sub`: the vendor's pseudonymous user id. */
  user: string;
  team: string | null;
  scope: Scope;
}

export interface AppEnv {
  Variables: {
    auth: AuthInfo;
    /** Set first on every request (ops/request-id.ts). */
    requestId: string;
    /** An unexpected error behind a 5xx or a failed stream, for the request's log line. */
    failure: unknown;
    /** The code of an SSE `error` event a stream ended with. */
    streamError: string;
  };
}
