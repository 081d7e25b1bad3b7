/**
 * The Inflow API as a runtime-neutral Hono app: no `node:` imports here or below, so the same
 * app runs in the Node service and, through msw, inside a browser (@inflow/mocks).
 */
import { LIMITS } from '@inflow/contract';
import { buildOpenApiDocument, DemoTokenRequest } from '@inflow/contract/openapi';
import { Scalar } from '@scalar/hono-api-reference';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { activationRoutes, audienceRoutes } from './activation/routes.js';
import { authMiddleware, mintToken, requireScope } from './auth.js';
import type { AppDeps, AppEnv } from './context.js';
import { ApiError, errorResponse } from './errors.js';
import { eventRoutes } from './events/routes.js';
import { exportRoutes } from './export/routes.js';
import { nudgeRoutes } from './nudges/routes.js';
import { deliveryRoutes } from './outbound/routes.js';
import { settingsRoutes } from './outbound/settings-routes.js';
import { consoleLogger } from './ops/logger.js';
import { requestId } from './ops/request-id.js';
import { requestLog } from './ops/request-log.js';
import { rateLimit } from './ratelimit.js';
import { scenarioAdminRoutes, scenarioListRoutes } from './scenarios/routes.js';
import { attemptRoutes } from './sessions/attempts.js';
import { sessionRoutes } from './sessions/routes.js';
import { Store } from './store/store.js';
import { readBody } from './validate.js';
import { voiceRoutes } from './voice/routes.js';
import { VOICE_BODY_BYTES } from '@inflow/contract/schemas';

export type { AppDeps, AppEnv, AuthInfo } from './context.js';

/** A sub-app behind the admin scope: every route under its mount point needs an admin token. */
function adminOnly(sub: Hono<AppEnv>): Hono<AppEnv> {
  return new Hono<AppEnv>().use('*', requireScope('admin')).route('/', sub);
}

// Refused before the body was read: ask the client not to reuse this connection, whose unread
// upload the server is about to discard, so its next request does not hit a closing socket.
const tooLarge = (c: Context) =>
  errorResponse(
    c,
    new ApiError('payload_too_large', 'request body is too large', undefined, { Connection: 'close' }),
  );

export function createApp(given: AppDeps): Hono<AppEnv> {
  const deps: AppDeps = { ...given, logger: given.logger ?? consoleLogger() };
  const now = deps.now ?? (() => new Date());
  const store = deps.store ?? new Store(deps.db);
  const app = new Hono<AppEnv>();

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      return errorResponse(
        c,
        new ApiError(
          error.status === 413 ? 'payload_too_large' : 'bad_request',
          error.message || 'bad request',
        ),
      );
    }
    // The request's log line carries the error (c.error, ops/request-log.ts); the client gets a
    // stable code and no stack trace.
    return errorResponse(c, new ApiError('internal', 'internal error'));
  });
  app.notFound((c) =>
    errorResponse(c, new ApiError('not_found', `no route for ${c.req.method} ${c.req.path}`)),
  );

  // First: every response, refusals included, has a request id and one log line.
  app.use('*', requestId());
  app.use('*', requestLog(deps.logger!, deps.observer));
  if (deps.drain) app.use('*', deps.drain.middleware());
  app.use(
    '*',
    cors({
      origin: deps.corsOrigins === undefined || deps.corsOrigins === '*' ? '*' : deps.corsOrigins,
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['authorization', 'content-type', 'accept'],
      exposeHeaders: ['retry-after', 'x-request-id'],
      maxAge: 600,
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (deps.drain?.draining) return c.json({ status: 'draining' }, 503);
    try {
      await deps.db.query('select 1');
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'not_ready' }, 503);
    }
  });
  app.get('/openapi.json', (c) => c.json(buildOpenApiDocument(new URL(c.req.url).origin)));
  app.get('/docs', Scalar({ url: '/openapi.json', pageTitle: 'Inflow API reference' }));

  if (deps.demo) {
    // Demo mode only: lets the static demo get a token without a vendor backend.
    app.post(
      '/demo/token',
      bodyLimit({ maxSize: LIMITS.demoTokenBodyBytes, onError: tooLarge }),
      async (c) => {
        const body = await readBody(c, DemoTokenRequest, { optional: true });
        const secret = deps.tenants.get('demo')?.secrets?.[0];
        if (!secret) throw new ApiError('not_found', 'the demo tenant is not configured');
        const { user = 'demo-user', team = 'demo-team', scope = 'practice' } = body;
        return c.json(await mintToken({ tenant: 'demo', user, team, scope, secret, now: now() }));
      },
    );
  }

  // Body limits come before auth so an oversize body is refused without parsing it.
  app.use('/v1/events', bodyLimit({ maxSize: LIMITS.eventsBodyBytes, onError: tooLarge }));
  // The audience route sets its own, larger limit (a roster of 100,000 rows).
  app.use('/v1/*', async (c, next) => {
    if (c.req.path === '/v1/events' || c.req.path === '/v1/audience') return next();
    if (c.req.path === '/v1/audio/transcriptions')
      return bodyLimit({ maxSize: VOICE_BODY_BYTES, onError: tooLarge })(c, next);
    const maxSize = c.req.path.startsWith('/v1/scenarios/') ? LIMITS.scenarioBodyBytes : LIMITS.jsonBodyBytes;
    return bodyLimit({ maxSize, onError: tooLarge })(c, next);
  });
  app.use('/v1/*', authMiddleware(deps.tenants, now));
  if (deps.rateLimit !== false) app.use('/v1/*', rateLimit(deps.rateLimit ?? { burst: 60, perSecond: 20 }));

  // One sub-app per resource; the admin scope is applied here, where each is mounted.
  app.route('/v1/scenarios', scenarioListRoutes(store));
  app.route('/v1/scenarios/:id', adminOnly(scenarioAdminRoutes(store)));
  app.route('/v1/sessions', sessionRoutes(deps, store));
  app.route('/v1/me/sessions', attemptRoutes(store));
  app.route('/v1/events', eventRoutes(store));
  app.route('/v1/nudges', adminOnly(nudgeRoutes(deps, store)));
  app.route('/v1/activation', adminOnly(activationRoutes(deps)));
  app.route('/v1/audience', adminOnly(audienceRoutes(deps)));
  app.route('/v1/export', adminOnly(exportRoutes(deps)));
  app.route('/v1/deliveries', adminOnly(deliveryRoutes(deps)));
  app.route('/v1/settings', adminOnly(settingsRoutes(deps)));
  app.route('/v1/audio', voiceRoutes(deps.voice ?? { timeoutMs: 20_000 }));
  return app;
}
