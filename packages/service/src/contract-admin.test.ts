// Contract tests, over real HTTP on PGlite and PostgreSQL (test/contract-api.ts): the admin
// routes (roster, activation report, nudges delivered through the tenant's webhook).
import * as S from '@inflow/contract/schemas';
import { describe, expect } from 'vitest';
import {
  apiOnBackend,
  contractBackends,
  conforms,
  expectError,
  webhookHits,
  call,
  demoToken,
  adminToken,
  acmeToken,
} from './test/contract-api.js';
import { ACME_SECRET, token } from './test/harness.js';

const backends = contractBackends();

describe.each(backends)('API v1 over HTTP on $name', ({ db }) => {
  const it = apiOnBackend(db);

  it('PUT /v1/audience and GET /v1/activation (admin scope)', async () => {
    const put = await call('PUT', '/v1/audience', {
      token: adminToken,
      body: {
        members: [
          { user: 'u1', team: 'sales' },
          { user: 'u2', team: 'ops' },
        ],
      },
    });
    expect(put.status).toBe(200);
    conforms(S.AudienceResponse, put.json);
    expect(put.json).toMatchObject({ size: 2, teams: 2 });
    const report = await call('GET', '/v1/activation?groupBy=team', { token: adminToken });
    expect(report.status).toBe(200);
    conforms(S.ActivationReport, report.json);
    expect(report.json.audience.size).toBe(2);
    // Practice tokens may not read metrics or change the roster.
    expectError(await call('GET', '/v1/activation', { token: demoToken }), 403, 'forbidden');
    expectError(
      await call('PUT', '/v1/audience', { token: demoToken, body: { members: [] } }),
      403,
      'forbidden',
    );
  });

  it('POST /v1/nudges queues a deep link (202) that the worker delivers through the tenant’s webhook (admin scope)', async () => {
    const acmeAdmin = await token({ iss: 'acme', secret: ACME_SECRET, sub: 'hr', scope: 'admin' });
    const r = await call('POST', '/v1/nudges', {
      token: acmeAdmin,
      body: { user: 'a1', scenario: 'goal-setting', channel: 'webhook', url: 'https://lms.example/course/7' },
    });
    expect(r.status).toBe(202);
    conforms(S.NudgeResponse, r.json);
    expect(r.json).toMatchObject({ status: 'pending', delivered: false });
    // The server's own worker (1 s interval) delivers it in the background.
    let read = await call('GET', `/v1/nudges/${r.json.id}`, { token: acmeAdmin });
    for (let i = 0; i < 100 && read.json.status === 'pending'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      read = await call('GET', `/v1/nudges/${r.json.id}`, { token: acmeAdmin });
    }
    conforms(S.NudgeResponse, read.json);
    expect(read.json).toMatchObject({ status: 'delivered', delivered: true });
    expect(webhookHits.some((h) => h.includes('goal-setting'))).toBe(true);
    expectError(
      await call('POST', '/v1/nudges', {
        token: acmeToken,
        body: { user: 'a1', scenario: 'goal-setting', channel: 'webhook', url: 'https://lms.example/' },
      }),
      403,
      'forbidden',
    );
  });
});
