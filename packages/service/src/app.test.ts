// App-level behaviour that needs no network: CORS for cross-origin embeds, readiness, and the
// error handler's promise that internal failures reach clients as a stable code, not a stack.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from './app.js';
import { scriptedEngine } from './coach/scripted.js';
import type { Db } from './store/db.js';
import { migrate } from './store/migrate.js';
import { MIGRATIONS } from './store/migrations/index.js';
import { openMemoryDb } from './store/pglite.js';
import { DEMO_TENANT, tenantRegistry } from './tenants.js';
import { token } from './test/harness.js';

let db: Db;
beforeAll(async () => {
  db = await openMemoryDb();
  await migrate(db, MIGRATIONS);
});
afterAll(() => db.close());

const deps = (over: Partial<Db> = {}) => ({
  db: { ...db, ...over },
  tenants: tenantRegistry([DEMO_TENANT]),
  coach: scriptedEngine(),
  rateLimit: false as const,
  logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
});

test('CORS preflight from a vendor origin allows the Authorization header and exposes Retry-After', async () => {
  const app = createApp(deps());
  const r = await app.request('/v1/sessions', {
    method: 'OPTIONS',
    headers: {
      origin: 'https://review.vendor.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type',
    },
  });
  expect(r.status).toBe(204);
  expect(r.headers.get('access-control-allow-origin')).toBe('*');
  expect(r.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  const get = await app.request('/v1/scenarios', {
    headers: { origin: 'https://review.vendor.example', authorization: `Bearer ${await token()}` },
  });
  expect(get.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
});

test('readyz is 503 when storage is unreachable; healthz stays 200', async () => {
  const app = createApp(deps({ query: () => Promise.reject(new Error('connection refused')) }));
  expect((await app.request('/readyz')).status).toBe(503);
  expect(await (await app.request('/readyz')).json()).toEqual({ status: 'not_ready' });
  expect((await app.request('/healthz')).status).toBe(200);
});

test('an internal failure is a 500 with code "internal" and no stack or driver message', async () => {
  const logged: unknown[] = [];
  const app = createApp({
    // Every path to storage fails: a session's write runs in a transaction (docs/integrations.md).
    ...deps({
      query: () => Promise.reject(new Error('relation "sessions" does not exist at /srv/store.ts:42')),
      transaction: () => Promise.reject(new Error('relation "sessions" does not exist at /srv/store.ts:42')),
    }),
    logger: { info: () => undefined, warn: () => undefined, error: (fields) => logged.push(fields.err) },
  });
  const r = await app.request('/v1/sessions', {
    method: 'POST',
    headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: 'goal-setting', source: 'embedded' }),
  });
  expect(r.status).toBe(500);
  const text = await r.text();
  expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
  expect(text).not.toMatch(/relation|store\.ts/);
  // …while the operator's log has the cause.
  expect(String(logged[0])).toMatch(/relation "sessions"/);
});
