/**
 * One log line per request, written when the response has ended (a turn's stream included):
 * request id, tenant, route pattern, method, status, latency, the error code of a refusal, and for
 * a server error (or a stream that ended in an `internal`/`coach_unavailable` event) the error with
 * its stack — the only line that request gets. A 4xx carries its code, never a stack. Nothing of
 * the request itself (headers, body, query) is logged.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import type { LogFields, Logger } from './logger.js';
import type { Observer } from './observer.js';
import { isStream, onResponseEnd } from './response-end.js';

/** Marks the request as failed by an unexpected `error`, logged with its stack on the request's one line. */
export function recordFailure(c: Context<AppEnv>, error: unknown): void {
  c.set('failure', error);
}

/** The error code a stream answered in an SSE `error` event after its 200. */
export function recordStreamError(c: Context<AppEnv>, code: string): void {
  c.set('streamError', code);
}

/** The pattern of the handler that matched (`/v1/sessions/:id/turns`); `unmatched` for a 404 of no route. */
export function routeOf(c: Context): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  return handlers.at(-1)?.path ?? 'unmatched';
}

export function requestLog(logger: Logger, observer: Observer = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const closeStream = isStream(c.res) ? observer.streamOpened?.() : undefined;
    onResponseEnd(c, () => {
      closeStream?.();
      const seconds = (performance.now() - started) / 1000;
      const route = routeOf(c);
      const status = c.res.status;
      observer.requestEnded?.({ route, method: c.req.method, status, seconds });
      const failure = c.get('failure');
      const code =
        c.get('streamError') ??
        (c.error instanceof ApiError ? c.error.code : status === 500 ? 'internal' : undefined);
      const fields: LogFields = {
        reqId: c.get('requestId'),
        tenant: c.get('auth')?.tenantId ?? null,
        route,
        method: c.req.method,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        ...(code ? { code } : {}),
      };
      if (status >= 500 || failure !== undefined)
        logger.error({ ...fields, err: failure ?? c.error }, 'request');
      else logger.info(fields, 'request');
    });
  };
}
