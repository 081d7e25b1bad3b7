/**
 * Node entry: opens storage, tenants and the coach from options or the environment, and serves
 * the app over HTTP with the elements' embed (embed.ts), optionally with a static directory (e.g.
 * the built demo).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from './app.js';
import type { CoachEngine } from './coach/engine.js';
import type { AppEnv, RateLimitOptions } from './context.js';
import { voiceConfigFromEnv } from './voice/config.js';
import { coachFromEnv, drainSecondsFromEnv, rateLimitFromEnv, tenantsFromEnv } from './env.js';
import { embedMiddleware, findEmbedDir, loadEmbed, type Embed } from './embed.js';
import { ApiError, errorResponse } from './errors.js';
import type { Logger } from './ops/logger.js';
import { Drain } from './ops/drain.js';
import { lingerAfterEarlyResponses } from './ops/linger.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { metricsRoute } from './ops/metrics-route.js';
import { OUTBOUND_KINDS } from './outbound/index.js';
import { queueDepth } from './outbound/queue.js';
import { OutboundWorker, type WorkerOptions } from './outbound/worker.js';
import { pinoLogger } from './ops/pino.js';
import { MIGRATIONS } from './store/migrations/index.js';
import { migrate, pendingMigrations } from './store/migrate.js';
import { openDb } from './store/open-node.js';
import { Store } from './store/store.js';
import { tenantRegistry, type TenantConfig, type TenantRegistry } from './tenants.js';

export interface ServiceOptions {
  /** PGlite data directory or `memory://`. Default: `INFLOW_DATA_DIR` or `./.inflow-data`. */
  dataDir?: string;
  /** PostgreSQL connection string. Default: `DATABASE_URL`. Wins over `dataDir`. */
  databaseUrl?: string;
  /** Default: `INFLOW_TENANTS` (JSON or a path to a JSON file), else the `demo` tenant. */
  tenants?: TenantConfig[];
  /** Default: the OpenAI-compatible engine when `INFLOW_LLM_BASE_URL` is set, else scripted. */
  coach?: CoachEngine;
  demo?: boolean;
  rateLimit?: RateLimitOptions | false;
  /** Upper bound for opening the PGlite directory. Default 60 s. */
  openTimeoutMs?: number;
  /**
   * Default true: apply pending migrations at start. `false` (`inflow serve --no-migrate`, for
   * deployments that run `inflow migrate` once): apply none, and refuse to start if any is pending.
   */
  migrate?: boolean;
  env?: Record<string, string | undefined>;
  /** The service's logger. Default: pino, one JSON line per record on stdout (`INFLOW_LOG_LEVEL`). */
  logger?: Logger;
  /** Receives each line of the default logger (JSON text) instead of stdout: tests collect or silence it. */
  log?: (line: string) => void;
  /**
   * Bearer token of `GET /metrics` (Prometheus). Default: `INFLOW_METRICS_TOKEN`; without one,
   * no metrics are collected and the route does not exist.
   */
  metricsToken?: string;
  /**
   * The outbound worker (docs/integrations.md): policy, clock and fetch overrides (tests), or `false`
   * for none in this process (deliveries then wait for a process that has one).
   */
  outbound?: Pick<WorkerOptions, 'policy' | 'now' | 'fetch' | 'random'> | false;
}

export interface Service {
  app: Hono<AppEnv>;
  store: Store;
  tenants: TenantRegistry;
  /** Where the data lives: a directory, `memory://…` or `postgres`. */
  location: string;
  /** Refuses new requests and fails `/readyz` once begun (ops/drain.ts). */
  drain: Drain;
  /** Prometheus metrics, when a metrics token is configured. */
  metrics?: Metrics;
  metricsToken?: string;
  /** Delivers the outbound queue in the background; absent with `outbound: false`. */
  outbound?: OutboundWorker;
  /** Runs SQL against the service's storage (tests, operators). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const HOUR = 60 * 60 * 1000;

function loggerOf(options: ServiceOptions): Logger {
  if (options.logger) return options.logger;
  const level = (options.env ?? process.env).INFLOW_LOG_LEVEL?.trim() || undefined;
  return pinoLogger({ ...(level ? { level } : {}), ...(options.log ? { write: options.log } : {}) });
}

export async function createService(options: ServiceOptions = {}): Promise<Service> {
  const env = options.env ?? process.env;
  const logger = loggerOf(options);
  const log = (message: string) => logger.info({}, message);
  const tenants = tenantRegistry(options.tenants ?? tenantsFromEnv(env));
  const coach = options.coach ?? coachFromEnv(env, (message) => logger.warn({}, message));
  const voice = voiceConfigFromEnv(env);
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
  const rateLimit = options.rateLimit ?? rateLimitFromEnv(env.INFLOW_RATE_LIMIT);
  const opened = await openDb({
    dataDir: options.dataDir ?? env.INFLOW_DATA_DIR ?? './.inflow-data',
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(options.openTimeoutMs ? { openTimeoutMs: options.openTimeoutMs } : {}),
    log,
  });
  if (opened.recovered) log(`previous run of ${opened.location} did not stop cleanly; recovered`);
  try {
    if (options.migrate !== false) await migrate(opened.db, MIGRATIONS);
    else {
      const pending = await pendingMigrations(opened.db, MIGRATIONS);
      if (pending.length > 0)
        throw new Error(
          `the database schema of ${opened.location} is behind this version: ${pending.length} migration(s) not applied ` +
            `(${pending.join(', ')}). Run \`inflow migrate\` first, or start without --no-migrate.`,
        );
    }
  } catch (error) {
    await opened.close();
    throw error;
  }
  const store = new Store(opened.db);
  const metricsToken = (options.metricsToken ?? env.INFLOW_METRICS_TOKEN)?.trim() || undefined;
  const poolStats = opened.db.poolStats?.bind(opened.db);
  const metrics = metricsToken
    ? createMetrics({ ...(poolStats ? { poolStats } : {}), queueDepth: () => queueDepth(opened.db) })
    : undefined;
  const drain = new Drain();

  // Governance: transcripts past each tenant's retention are deleted hourly (and at start).
  const purge = async () => {
    for (const t of tenants.list()) {
      await store
        .purgeTranscripts(t.id, t.transcriptRetentionDays ?? 0)
        .catch((e: unknown) => logger.error({ tenant: t.id, err: e }, 'transcript purge failed'));
    }
  };
  await purge();
  const timer = setInterval(() => void purge(), HOUR);
  timer.unref();

  const app = createApp({
    db: opened.db,
    store,
    tenants,
    coach,
    logger,
    drain,
    voice,
    ...(metrics ? { observer: metrics.observer } : {}),
    ...(options.demo ? { demo: true } : {}),
    ...(rateLimit !== undefined ? { rateLimit } : {}),
  });
  // Beside the request path, never in it: a slow receiver delays only its own deliveries.
  const outbound =
    options.outbound === false
      ? undefined
      : new OutboundWorker({
          db: opened.db,
          tenants,
          kinds: OUTBOUND_KINDS,
          logger,
          draining: () => drain.draining,
          ...options.outbound,
        });
  outbound?.start();
  let closing: Promise<void> | undefined;
  return {
    app,
    store,
    tenants,
    drain,
    ...(outbound ? { outbound } : {}),
    ...(metrics && metricsToken ? { metrics, metricsToken } : {}),
    location: opened.location,
    query: (sql, params) => opened.db.query(sql, params),
    close: () =>
      (closing ??= (async () => {
        clearInterval(timer);
        await outbound?.stop();
        await opened.close();
      })()),
  };
}

export interface ServerOptions extends ServiceOptions {
  port?: number;
  host?: string;
  /** Directory served at `/` (e.g. `demo/dist`). API routes and the embed win over files. */
  staticDir?: string;
  /**
   * The embed bundle served at `/inflow.js` and `/inflow/<version>/…`. Default: `INFLOW_EMBED_DIR`,
   * else the installed @inflow/elements' `dist/cdn` (skipped with a log line when not built);
   * `false`: no embed.
   */
  embedDir?: string | false;
  /** Grace period of `shutdown()` for open requests. Default: `INFLOW_DRAIN_SECONDS`, else 10. */
  drainSeconds?: number;
}

function openEmbed(options: ServerOptions, log: (message: string) => void): Embed | undefined {
  if (options.embedDir === false) return undefined;
  const env = options.env ?? process.env;
  const dir = options.embedDir ?? findEmbedDir(env);
  if (!dir) return void log('@inflow/elements is not installed: /inflow.js is not served');
  // A directory someone named must hold the bundle; the default one may just not be built yet.
  if (options.embedDir || env.INFLOW_EMBED_DIR) return loadEmbed(dir);
  try {
    return loadEmbed(dir);
  } catch (error) {
    return void log(`${(error as Error).message}; /inflow.js is not served`);
  }
}

export interface RunningServer {
  url: string;
  port: number;
  service: Service;
  /** The embed served at `/inflow.js` and `/inflow/<version>/`, when there is one. */
  embed?: Embed;
  query: Service['query'];
  /**
   * Graceful stop (SIGTERM): refuse new requests, let open ones (streamed turns) finish within the
   * drain period, then close. Resolves `true` when all finished in time.
   */
  shutdown(): Promise<boolean>;
  /** Stops at once: open streams are cut after 2 s, then storage closes. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const logger = loggerOf(options);
  const embed = openEmbed(options, (message) => logger.warn({}, message));
  const service = await createService({ ...options, logger });
  const root = new Hono<AppEnv>();
  // Before the app: a scrape is neither logged nor counted, and still answers during a drain.
  if (service.metrics && service.metricsToken)
    metricsRoute(root, service.metrics.registry, service.metricsToken);
  if (embed) root.use('*', embedMiddleware(embed));
  root.route('/', service.app);
  if (options.staticDir) root.use('/*', serveStatic({ root: options.staticDir }));
  const what = options.staticDir ? 'route or file' : 'route';
  root.notFound((c) =>
    errorResponse(c, new ApiError('not_found', `no ${what} for ${c.req.method} ${c.req.path}`)),
  );
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolvePromise, reject) => {
      const s = serve(
        { fetch: root.fetch, port: options.port ?? 8787, hostname: host },
        (info: AddressInfo) => resolvePromise({ server: s, port: info.port }),
      );
      s.once('error', reject);
      lingerAfterEarlyResponses(s as Server);
    },
  );
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const drainMs =
    1000 * (options.drainSeconds ?? drainSecondsFromEnv((options.env ?? process.env).INFLOW_DRAIN_SECONDS));
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        // Open SSE streams and keep-alive sockets must not hold the shutdown forever.
        const s = server as unknown as {
          closeIdleConnections?: () => void;
          closeAllConnections?: () => void;
        };
        s.closeIdleConnections?.();
        setTimeout(() => s.closeAllConnections?.(), 2000).unref();
      });
      await service.close();
    })());
  return {
    url,
    port,
    service,
    ...(embed ? { embed } : {}),
    query: service.query,
    async shutdown() {
      service.drain.begin();
      const finished = await service.drain.idle(drainMs);
      await close();
      return finished;
    },
    close,
  };
}
