/**
 * `GET /metrics` in Prometheus text format, behind its own bearer token (`INFLOW_METRICS_TOKEN`):
 * a scraper's credential, unrelated to embed tokens, so metrics can be collected without any
 * tenant's key and an embed token can never read them. Without a configured token the route does
 * not exist (404). The comparison takes the same time wherever the strings differ.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../context.js';
import { ApiError, errorResponse } from '../errors.js';

export const MIN_METRICS_TOKEN_CHARS = 16;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsRoute(app: Hono<AppEnv>, registry: Registry, token: string): void {
  if (token.length < MIN_METRICS_TOKEN_CHARS)
    throw new Error(`INFLOW_METRICS_TOKEN must be at least ${MIN_METRICS_TOKEN_CHARS} characters`);
  app.get('/metrics', async (c) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (!match || !sameSecret(match[1]!, token))
      return errorResponse(
        c,
        new ApiError('unauthorized', 'metrics need the metrics token', undefined, {
          'WWW-Authenticate': 'Bearer realm="metrics"',
        }),
      );
    return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
  });
}
