/**
 * Test support for the export suites: the real app on a store (or the export routes alone, with a
 * small page size), an admin GET, and rows inserted as the service stores them.
 */
import { Hono } from 'hono';
import { createApp, type AppEnv } from '../app.js';
import { authMiddleware } from '../auth.js';
import { scriptedEngine } from '../coach/scripted.js';
import { ApiError, errorResponse } from '../errors.js';
import type { Db } from '../store/db.js';
import { ACME_SECRET, testTenants, token } from '../test/harness.js';
import { tenantRegistry } from '../tenants.js';
import { exportRoutes } from '../export/routes.js';

export const T = 'acme';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The whole app, or with `pageSize` only auth plus the export routes paging by that size. */
export async function exportApp(db: Db, pageSize?: number) {
  const { tenants } = await testTenants();
  const registry = tenantRegistry(tenants);
  let app: Hono<AppEnv>;
  if (pageSize === undefined) {
    app = createApp({ db, tenants: registry, coach: scriptedEngine(), rateLimit: false, logger: quiet });
  } else {
    app = new Hono<AppEnv>();
    app.onError((error, c) => {
      if (error instanceof ApiError) return errorResponse(c, error);
      throw error;
    });
    app.use(
      '/v1/*',
      authMiddleware(registry, () => new Date()),
    );
    app.route('/v1/export', exportRoutes({ db, logger: quiet }, { pageSize }));
  }
  const admin = await token({ iss: T, secret: ACME_SECRET, sub: 'hr', scope: 'admin' });
  return async (path: string, headers: Record<string, string> = {}, bearer = admin) => {
    const res = await app.fetch(
      new Request(`http://inflow.test${path}`, {
        headers: { authorization: `Bearer ${bearer}`, ...headers },
      }),
    );
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
}

export const practiceToken = () => token({ iss: T, secret: ACME_SECRET, sub: 'u1' });

export interface EventSeed {
  id: string;
  name?: string;
  at?: string;
  receivedAt: string;
  user?: string;
  team?: string | null;
  sessionId?: string | null;
  scenario?: string | null;
  source?: string | null;
  props?: Record<string, unknown> | null;
  tenant?: string;
}

export async function insertEvent(db: Db, e: EventSeed): Promise<void> {
  await db.query(
    `insert into events (tenant, id, name, at, received_at, "user", team, session_id, scenario, source, props)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      e.tenant ?? T,
      e.id,
      e.name ?? 'open',
      e.at ?? e.receivedAt,
      e.receivedAt,
      e.user ?? 'u1',
      e.team === undefined ? 'A' : e.team,
      e.sessionId ?? null,
      e.scenario ?? null,
      e.source ?? null,
      e.props === undefined || e.props === null ? null : JSON.stringify(e.props),
    ],
  );
}

export interface SessionSeed {
  id: string;
  createdAt: string;
  user?: string;
  team?: string | null;
  lastActiveAt?: string | null;
  completedAt?: string | null;
  transcript?: unknown;
  scores?: unknown;
  context?: Record<string, unknown>;
  userTurns?: number;
  score?: number | null;
  maxScore?: number | null;
  passed?: boolean | null;
  judgeVersion?: string | null;
  tenant?: string;
}

export async function insertSession(db: Db, s: SessionSeed): Promise<void> {
  await db.query(
    `insert into sessions (tenant, id, "user", team, scenario, source, locale, context, user_turns, transcript,
       scores, created_at, completed_at, last_active_at, scenario_version, judge_version, score, max_score, passed)
     values ($1, $2, $3, $4, 'underperformance', 'embedded', 'en', $5, $6, $7, $8, $9, $10, $11, 2, $12, $13, $14, $15)`,
    [
      s.tenant ?? T,
      s.id,
      s.user ?? 'u1',
      s.team === undefined ? 'A' : s.team,
      JSON.stringify(s.context ?? {}),
      s.userTurns ?? 0,
      s.transcript === undefined ? null : JSON.stringify(s.transcript),
      s.scores === undefined ? null : JSON.stringify(s.scores),
      s.createdAt,
      s.completedAt ?? null,
      s.lastActiveAt ?? null,
      s.judgeVersion ?? null,
      s.score ?? null,
      s.maxScore ?? null,
      s.passed ?? null,
    ],
  );
}

export const ndjson = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
