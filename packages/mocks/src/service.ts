/**
 * The service itself, in-process: `createApp` from @inflow/service on an embedded PGlite (in
 * memory, or in IndexedDB for the static demo), with the tenant registry, the scripted coach and
 * token minting of the real service. Nothing about the API is re-implemented here; msw only
 * carries requests to `app.fetch` (see handlers.ts) and faults sit in front of it.
 */
import type { EventName, Source } from '@inflow/contract';
import {
  createApp,
  DEMO_TENANT,
  errorCallbackLogger,
  MIGRATIONS,
  migrate,
  mintToken,
  openMemoryDb,
  scriptedEngine,
  seedDemo,
  Store,
  tenantRegistry,
  type AppDeps,
  type CoachEngine,
  type Db,
  type RateLimitOptions,
  type SeedResult,
  type TenantConfig,
} from '@inflow/service/app';
import { Faults } from './faults.js';

/** Where the mock apiBase points when none is given: a host no real request can reach. */
export const DEFAULT_API_BASE = 'https://inflow.mock';

export interface MockServiceOptions {
  /** Origin the handlers answer for, without `/v1` (default `https://inflow.mock`). */
  apiBase?: string;
  /** Tenants (default: the `demo` tenant with its public development secret). */
  tenants?: TenantConfig[];
  /** An open database. Default: a fresh in-memory PGlite. */
  db?: Db;
  /** Coach engine (default: the scripted one, deterministic). */
  coach?: CoachEngine;
  /** Enables `POST /demo/token` like `inflow serve --demo` (default true). */
  demo?: boolean;
  /** Seeds the demo tenant with the demo review cycle (300 people, 6 weeks) once. */
  seed?: boolean;
  /** Per-token rate limit of the service (default: the service's own; `false` turns it off). */
  rateLimit?: RateLimitOptions | false;
  /** Random source for fault rates (default `Math.random`). */
  random?: () => number;
  /** Server-side error log (default: `console.error`). */
  logError?: (error: unknown) => void;
}

export interface TokenOptions {
  /** Tenant id (default `demo`); it must have an HS256 secret. */
  tenant?: string;
  /** Pseudonymous user id (default `test-user`). */
  user?: string;
  team?: string;
  scope?: 'practice' | 'admin';
  /** Lifetime in seconds, at most 900 (default 900). */
  ttlSeconds?: number;
}

/** An activation event as the service stored it. */
export interface RecordedEvent {
  id: string;
  tenant: string;
  name: EventName;
  /** When it happened (client clock), ISO 8601. */
  at: string;
  /** When the service accepted it, ISO 8601. */
  receivedAt: string;
  user: string;
  team: string | null;
  sessionId: string | null;
  scenario: string | null;
  source: Source | null;
  props: Record<string, unknown> | null;
}

export interface EventFilter {
  name?: EventName | EventName[];
  tenant?: string;
  user?: string;
  sessionId?: string;
  scenario?: string;
  source?: Source;
}

export interface MockService {
  readonly apiBase: string;
  /** The Hono app of @inflow/service; `app.fetch(request)` answers like the real service. */
  readonly app: ReturnType<typeof createApp>;
  readonly db: Db;
  /** Switch faults on and off while a test runs. */
  readonly faults: Faults;
  /** Present when `seed: true` was given and the tenant was empty. */
  readonly seeded: SeedResult | undefined;
  /** Answers one request: faults first, then the service. `undefined` = network error (offline). */
  handle(request: Request): Promise<Response | undefined>;
  /** Mints an embed token the service accepts (what a vendor backend does with its secret). */
  token(options?: TokenOptions): Promise<string>;
  /** Moves the service's clock past every token minted so far: they are refused as `token_expired`. */
  expireTokens(): void;
  /** The service's clock (real time plus what `expireTokens` added). */
  now(): Date;
  /** The activation events the service stored, oldest first. */
  events(filter?: EventFilter): Promise<RecordedEvent[]>;
  /** Number of stored events per name. */
  eventCounts(filter?: Omit<EventFilter, 'name'>): Promise<Partial<Record<EventName, number>>>;
  /** Runs SQL against the mock's store. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Deletes every session, event, roster and nudge (between tests); switches faults off. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Token lifetime cap of the service plus its clock-skew tolerance, plus a margin. */
const EXPIRY_JUMP_MS = (15 * 60 + 30 + 60) * 1000;

export async function createMockService(options: MockServiceOptions = {}): Promise<MockService> {
  const apiBase = (options.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, '');
  const tenants = tenantRegistry(options.tenants ?? [DEMO_TENANT]);
  const db = options.db ?? (await openMemoryDb());
  await migrate(db, MIGRATIONS);
  let clockOffsetMs = 0;
  const now = () => new Date(Date.now() + clockOffsetMs);
  const store = new Store(db);
  const deps: AppDeps = {
    db,
    store,
    tenants,
    coach: options.coach ?? scriptedEngine(),
    now,
    demo: options.demo ?? true,
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
    ...(options.logError ? { logger: errorCallbackLogger(options.logError) } : {}),
  };
  const app = createApp(deps);
  const faults = new Faults(apiBase, options.random);
  const seeded = options.seed && tenants.get('demo') ? await seedDemo(db, 'demo') : undefined;

  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  const events = async (filter: EventFilter = {}): Promise<RecordedEvent[]> => {
    const { name, ...rest } = filter;
    const rows = await store.listEvents({
      ...rest,
      ...(name !== undefined ? { names: Array.isArray(name) ? name : [name] } : {}),
    });
    return rows.map((r) => ({
      ...r,
      at: new Date(r.at).toISOString(),
      receivedAt: new Date(r.receivedAt).toISOString(),
    }));
  };

  let closed = false;
  return {
    apiBase,
    app,
    db,
    faults,
    seeded,
    async handle(request) {
      const decision = faults.decide(request);
      if (decision.delayMs > 0) await sleep(decision.delayMs);
      if (decision.kind === 'offline') return undefined;
      if (decision.kind === 'response') return decision.response;
      return app.fetch(request);
    },
    async token(o = {}) {
      const tenantId = o.tenant ?? 'demo';
      const secret = tenants.get(tenantId)?.secrets?.[0];
      if (!secret) throw new Error(`mocks: tenant "${tenantId}" has no HS256 secret to mint tokens with`);
      const { token } = await mintToken({
        tenant: tenantId,
        user: o.user ?? 'test-user',
        ...(o.team ? { team: o.team } : {}),
        scope: o.scope ?? 'practice',
        secret,
        now: now(),
        ...(o.ttlSeconds ? { ttlSeconds: o.ttlSeconds } : {}),
      });
      return token;
    },
    expireTokens() {
      clockOffsetMs += EXPIRY_JUMP_MS;
    },
    now,
    events,
    async eventCounts(filter = {}) {
      const counts: Partial<Record<EventName, number>> = {};
      for (const e of await events(filter)) counts[e.name] = (counts[e.name] ?? 0) + 1;
      return counts;
    },
    query: (sql, params) => db.query(sql, params),
    async reset() {
      faults.clear();
      const tables = await db.query<{ name: string }>(
        `select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'schema_migrations'`,
      );
      if (tables.length) await db.exec(`truncate ${tables.map((t) => `"${t.name}"`).join(', ')}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      faults.clear();
      await db.close();
    },
  };
}
