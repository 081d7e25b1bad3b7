/**
 * Activation event ingest: ≤ 500 events / 256 KB per batch, idempotent on event id.
 * The user and team come from the token, never from the body. No transcript text is accepted:
 * props are short scalars (≤ 200 chars each, ≤ 2 KB per event).
 */
import { LIMITS } from '@inflow/contract';
import { EventBatch } from '@inflow/contract/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { DATE_MESSAGE, parseInstant } from '../dates.js';
import { ApiError } from '../errors.js';
import type { Store } from '../store/store.js';
import { check, readJson } from '../validate.js';

const encoder = new TextEncoder();

export function eventRoutes(store: Store): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/', async (c) => {
    const auth = c.get('auth');
    let raw = await readJson(c, { allowTextPlain: true });
    // The unload flush's CORS-simple form carries its token in the body (see auth.ts): it was
    // used to authenticate and is not part of the batch, so it is neither validated nor stored.
    if (!c.req.header('authorization') && raw && typeof raw === 'object' && 'token' in raw) {
      const { token: _token, ...rest } = raw as Record<string, unknown>;
      raw = rest;
    }
    // Too many events is "too large" (413), so the client splits the batch instead of quarantining it.
    const list = (raw as { events?: unknown } | null)?.events;
    if (Array.isArray(list) && list.length > LIMITS.eventsPerBatch) {
      throw new ApiError('payload_too_large', `at most ${LIMITS.eventsPerBatch} events per request`);
    }
    const batch = check(EventBatch, raw);
    const details: { path: string; message: string }[] = [];
    batch.events.forEach((e, i) => {
      if (e.props && encoder.encode(JSON.stringify(e.props)).length > LIMITS.eventPropsBytes) {
        details.push({ path: `/events/${i}/props`, message: `props exceed ${LIMITS.eventPropsBytes} bytes` });
      }
      // The schema bounds the year as written; an offset can still carry the instant past it.
      if (!parseInstant(e.at)) details.push({ path: `/events/${i}/at`, message: DATE_MESSAGE });
    });
    if (details.length) throw new ApiError('validation_failed', 'events failed validation', details);
    const result = await store.insertEvents(
      { tenant: auth.tenantId, user: auth.user, team: auth.team },
      batch.events,
    );
    return c.json(result, 202);
  });
  return app;
}
