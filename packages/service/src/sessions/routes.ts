/**
 * Practice sessions: create, streamed turns (SSE or JSON), complete with rubric feedback.
 * A session is pinned to the scenario version and judge it started with (docs/scenarios.md).
 * A session id of another tenant, or of another person, is answered exactly like an unknown one: 404.
 */
import type { Feedback, Session, TurnResponse } from '@inflow/contract';
import { CreateSessionRequest, TurnRequest } from '@inflow/contract/schemas';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppDeps, AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { recordFailure, recordStreamError } from '../ops/request-log.js';
import type { SessionRow, Store } from '../store/store.js';
import { isUuid, readBody } from '../validate.js';
import { disclosureOf, pinnedScenario, scenarioToStart } from '../scenarios/catalog.js';
import { queueSessionCompleted, queueSessionStarted, queueTurnStored } from '../outbound/session-hooks.js';
import { recordTurn } from '../activation/stability.js';
import { feedbackOf } from './feedback.js';

function notFound(): ApiError {
  return new ApiError('not_found', 'session not found');
}

export function sessionRoutes(deps: AppDeps, store: Store): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const coach = deps.coach;

  /** The caller's own session: feedback and transcripts are theirs alone, even within the tenant. */
  async function load(auth: { tenantId: string; user: string }, id: string): Promise<SessionRow> {
    if (!isUuid(id)) throw notFound();
    const row = await store.getSession(auth, id);
    if (!row) throw notFound();
    return row;
  }

  app.post('/', async (c) => {
    const auth = c.get('auth');
    const body = await readBody(c, CreateSessionRequest);
    const playable = await scenarioToStart(store, auth, body.scenario);
    if (!playable) {
      throw new ApiError('validation_failed', `scenario "${body.scenario}" is not enabled for this tenant`, [
        { path: '/scenario', message: 'unknown or disabled scenario' },
      ]);
    }
    const context = body.context ?? {};
    const opening = coach.opening(playable, context);
    // The session and its deliveries commit together (docs/integrations.md, Transactional enqueue).
    const row = await deps.db.transaction(async (tx) => {
      const created = await store.within(tx).createSession(
        { tenant: auth.tenantId, user: auth.user, team: auth.team },
        {
          id: crypto.randomUUID(),
          scenario: playable.scenario.id,
          scenarioVersion: playable.version,
          judgeVersion: coach.judgeVersion,
          source: body.source,
          locale: body.locale ?? null,
          context,
          transcript: [{ role: 'coach', text: opening }],
        },
      );
      await queueSessionStarted(tx, auth, created);
      return created;
    });
    const session: Session = {
      id: row.id,
      scenario: playable.scenario,
      source: row.source,
      opening: { turn: 0, text: opening },
      disclosure: disclosureOf(auth.tenant),
      createdAt: new Date(row.created_at).toISOString(),
    };
    return c.json(session, 201);
  });

  app.post('/:id/turns', async (c) => {
    const auth = c.get('auth');
    const row = await load(auth, c.req.param('id'));
    if (row.completed_at)
      throw new ApiError('session_completed', 'this session is already complete; start a new one');
    const { text } = await readBody(c, TurnRequest);
    const scenario = await pinnedScenario(store, auth, row.scenario, row.scenario_version);
    const transcript = [...(row.transcript ?? []), { role: 'user' as const, text }];
    const input = {
      scenario,
      transcript,
      context: row.context ?? {},
      locale: row.locale ?? scenario.scenario.locale,
    };

    /** Runs the engine to the end, then stores the user turn and the reply together. */
    async function run(onDelta: (t: string) => Promise<void>, signal?: AbortSignal): Promise<TurnResponse> {
      let reply = '';
      const asked = performance.now();
      let firstMs: number | undefined;
      try {
        for await (const delta of coach.reply({ ...input, ...(signal ? { signal } : {}) })) {
          if (firstMs === undefined) {
            firstMs = performance.now() - asked;
            deps.observer?.coachFirstDelta?.(firstMs / 1000);
          }
          reply += delta;
          await onDelta(delta);
        }
      } catch (error) {
        if (error instanceof ApiError) throw error;
        recordFailure(c, error);
        deps.observer?.coachError?.('reply');
        recordTurn(deps, { tenant: auth.tenantId, session: row.id, error: 'reply' });
        throw new ApiError('coach_unavailable', 'the coach could not answer; try again');
      }
      // A client that went away mid-reply will resend the turn: storing half of it would duplicate it.
      if (signal?.aborted)
        throw new ApiError('bad_request', 'the client closed the request before the reply was complete');
      const userTurns = await deps.db.transaction(async (tx) => {
        const n = await store
          .within(tx)
          .appendTurn(auth.tenantId, row.id, text, reply.trim(), row.user_turns);
        if (n !== undefined) await queueTurnStored(tx, auth, row, n, deps.now?.() ?? new Date());
        return n;
      });
      if (userTurns === undefined) {
        const now = await store.getSession(auth, row.id);
        if (!now || now.completed_at)
          throw new ApiError('session_completed', 'this session was completed meanwhile');
        throw new ApiError(
          'conflict',
          'another turn of this session was answered meanwhile; send this turn again',
        );
      }
      const turnMs = performance.now() - asked;
      recordTurn(deps, { tenant: auth.tenantId, session: row.id, firstDeltaMs: firstMs ?? turnMs, turnMs });
      return { reply: { turn: userTurns, text: reply.trim() }, userTurns };
    }

    const accept = c.req.header('accept') ?? '';
    if (accept.includes('application/json') && !accept.includes('text/event-stream')) {
      return c.json(await run(async () => undefined, c.req.raw.signal));
    }
    // Reverse proxies (nginx) would otherwise buffer the stream and defeat the word-by-word reply.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      try {
        const done = await run(
          (t) => stream.writeSSE({ event: 'delta', data: JSON.stringify({ text: t }) }),
          abort.signal,
        );
        await stream.writeSSE({ event: 'done', data: JSON.stringify(done) });
      } catch (error) {
        const e = error instanceof ApiError ? error : new ApiError('internal', 'internal error');
        if (!(error instanceof ApiError)) recordFailure(c, error);
        recordStreamError(c, e.code);
        await stream.writeSSE({
          event: 'error',
          data: JSON.stringify({ error: { code: e.code, message: e.message } }),
        });
      }
    });
  });

  app.post('/:id/complete', async (c) => {
    const auth = c.get('auth');
    const row = await load(auth, c.req.param('id'));
    // Completing twice returns the same feedback, so a client retry after a lost response is safe.
    if (row.completed_at && row.scores) return c.json(feedbackOf(row) satisfies Feedback);
    const scenario = await pinnedScenario(store, auth, row.scenario, row.scenario_version);
    let fb;
    try {
      fb = await coach.feedback(scenario, row.transcript ?? [], c.req.raw.signal);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      recordFailure(c, error);
      deps.observer?.coachError?.('feedback');
      recordTurn(deps, { tenant: auth.tenantId, session: row.id, error: 'feedback' });
      throw new ApiError('coach_unavailable', 'the coach could not score this session; try again');
    }
    // The version that scored it is the pinned one, whatever the engine echoes.
    const stored = { ...fb, scenario: row.scenario, scenarioVersion: row.scenario_version };
    const keep = (auth.tenant.transcriptRetentionDays ?? 0) > 0;
    const completed = await deps.db.transaction(async (tx) => {
      if (!(await store.within(tx).completeSession(auth.tenantId, row.id, stored, keep))) return false;
      await queueSessionCompleted(tx, auth, row, stored, deps.now?.() ?? new Date());
      return true;
    });
    if (!completed) {
      // Completed meanwhile by another request, which queued the deliveries.
      const again = await load(auth, row.id);
      if (again.scores) return c.json(feedbackOf(again) satisfies Feedback);
    }
    return c.json({ sessionId: row.id, ...stored } satisfies Feedback);
  });

  return app;
}
