// Listing stays one query: `GET /v1/scenarios` reads every authored scenario of the tenant in a
// single statement, however many there are (the built-ins come from code); so does a person's
// list of attempts.
import { expect, test } from 'vitest';
import { createApp } from '../app.js';
import { scriptedEngine } from '../coach/scripted.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openMemoryDb } from '../store/pglite.js';
import { pricing } from '../test/authored.js';
import { token } from '../test/harness.js';
import { DEMO_TENANT, tenantRegistry } from '../tenants.js';

test('GET /v1/scenarios is one query for 1 or 12 authored scenarios, for practice and admin tokens', async () => {
  const inner = await openMemoryDb();
  await migrate(inner, MIGRATIONS);
  let queries = 0;
  const db: Db = {
    ...inner,
    kind: inner.kind,
    query: (sql, params) => (queries++, inner.query(sql, params)),
  };
  const app = createApp({
    db,
    tenants: tenantRegistry([DEMO_TENANT]),
    coach: scriptedEngine(),
    rateLimit: false,
  });
  const admin = await token({ scope: 'admin' });
  const practice = await token();
  const call = (method: string, path: string, t: string, body?: unknown) =>
    app.fetch(
      new Request(`http://inflow.test${path}`, {
        method,
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }),
    );
  const countListing = async (t: string) => {
    queries = 0;
    const res = await call('GET', '/v1/scenarios', t);
    expect(res.status).toBe(200);
    return { queries, listed: ((await res.json()) as { scenarios: unknown[] }).scenarios.length };
  };
  await call('PUT', '/v1/scenarios/s0', admin, pricing());
  expect(await countListing(practice)).toEqual({ queries: 1, listed: 6 });
  for (let i = 1; i < 12; i++)
    await call('PUT', `/v1/scenarios/s${i}`, admin, pricing({ status: i % 2 ? 'draft' : 'published' }));
  expect(await countListing(practice)).toEqual({ queries: 1, listed: 5 + 6 });
  expect(await countListing(admin)).toEqual({ queries: 1, listed: 5 + 12 });
  // A person's attempts are one query too (totals are columns of the session row).
  queries = 0;
  expect((await call('GET', '/v1/me/sessions?scenario=s0', practice)).status).toBe(200);
  expect(queries).toBe(1);
  await inner.close();
}, 120_000);
