// Contract tests, over real HTTP on PGlite and PostgreSQL (test/contract-api.ts): health, the
// OpenAPI document and docs, the demo token, the scenario list.
import * as S from '@inflow/contract/schemas';
import { describe, expect } from 'vitest';
import {
  apiOnBackend,
  contractBackends,
  SCENARIOS_TEST_IDS,
  conforms,
  expectError,
  server,
  call,
  demoToken,
  acmeToken,
} from './test/contract-api.js';
import {} from './test/harness.js';

const backends = contractBackends();

describe.each(backends)('API v1 over HTTP on $name', ({ db }) => {
  const it = apiOnBackend(db);

  it('GET /healthz, /readyz, /openapi.json, /docs', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const r = await call('GET', path);
      expect(r.status).toBe(200);
      conforms(S.Health, r.json);
    }
    const doc = await call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toBe('3.1.0');
    expect(doc.json.servers[0].url).toBe(server!.url);
    const docs = await call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('/openapi.json');
  });

  it('POST /demo/token mints a working demo token', async () => {
    const r = await call('POST', '/demo/token', { body: { user: 'x9', team: 'hr', scope: 'admin' } });
    expect(r.status).toBe(200);
    expect(Date.parse(r.json.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    const act = await call('GET', '/v1/activation', { token: r.json.token });
    expect(act.status).toBe(200);
    expectError(await call('POST', '/demo/token', { body: { scope: 'root' } }), 422, 'validation_failed');
  });

  it('GET /v1/scenarios lists the tenant’s enabled scenarios and its disclosure', async () => {
    const r = await call('GET', '/v1/scenarios', { token: demoToken });
    expect(r.status).toBe(200);
    conforms(S.ScenarioList, r.json);
    expect(r.json.scenarios.map((s: { id: string }) => s.id)).toEqual(SCENARIOS_TEST_IDS);
    const acme = await call('GET', '/v1/scenarios', { token: acmeToken });
    expect(acme.json.scenarios.map((s: { id: string }) => s.id)).toEqual([
      'underperformance',
      'goal-setting',
    ]);
    expect(acme.json.disclosure).toBe('Acme AI-use policy: practice only.');
  });
});
