/**
 * The request id: a caller's own `X-Request-Id` when it is sane (1–64 characters of letters,
 * digits and `._:-`, so it can neither forge log fields nor bloat lines), else a new UUID. It is
 * on `c.var.requestId` for the log line and sent back as `X-Request-Id` on every response.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

const SANE = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(incoming: string | undefined): string {
  return incoming !== undefined && SANE.test(incoming) ? incoming : crypto.randomUUID();
}

export function requestId(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = requestIdOf(c.req.header('x-request-id'));
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
    // Responses built before the header was set (errors, static files) get it too.
    c.header('X-Request-Id', id);
  };
}
