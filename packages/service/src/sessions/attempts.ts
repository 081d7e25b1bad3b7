/**
 * `GET /v1/me/sessions?scenario=`: the caller's own completed attempts at one scenario. Only the
 * token's own user is ever read, whatever the scope: HR never sees a person's scores.
 */
import type { MyAttempts } from '@inflow/contract';
import { MyAttemptsQuery } from '@inflow/contract/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import type { AttemptRow, Store } from '../store/store.js';
import { check } from '../validate.js';

const share = (a: AttemptRow) => a.score / a.max_score;

export function summariseAttempts(scenario: string, rows: AttemptRow[]): MyAttempts {
  const attempts = rows.map((r) => ({
    sessionId: r.id,
    scenario: r.scenario,
    scenarioVersion: r.scenario_version,
    completedAt: new Date(r.completed_at).toISOString(),
    score: r.score,
    maxScore: r.max_score,
    passed: r.passed,
  }));
  // The best share of the maximum: versions can weigh their criteria differently. Earliest on a tie.
  const best = rows.reduce<AttemptRow | undefined>(
    (top, r) => (!top || share(r) > share(top) ? r : top),
    undefined,
  );
  return {
    scenario,
    attempts,
    best: best ? { sessionId: best.id, score: best.score, maxScore: best.max_score } : null,
    firstToBest: best ? share(best) - share(rows[0]!) : null,
    passedEver: rows.some((r) => r.passed),
  };
}

export function attemptRoutes(store: Store): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const { scenario } = check(MyAttemptsQuery, c.req.query());
    const auth = c.get('auth');
    // Per-person data: never cached by a shared cache.
    c.header('Cache-Control', 'private, no-store');
    return c.json(summariseAttempts(scenario, await store.listAttempts(auth.tenantId, auth.user, scenario)));
  });
  return app;
}
