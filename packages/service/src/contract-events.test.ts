// Contract tests, over real HTTP on PGlite and PostgreSQL (test/contract-api.ts): events stored
// once, the unload form, and no transcript text in events or metrics.
import * as S from '@inflow/contract/schemas';
import { describe, expect } from 'vitest';
import {
  apiOnBackend,
  contractBackends,
  conforms,
  expectError,
  server,
  call,
  demoToken,
  adminToken,
  acmeToken,
} from './test/contract-api.js';
import { uuid } from './test/harness.js';

const backends = contractBackends();

describe.each(backends)('API v1 over HTTP on $name', ({ db }) => {
  const it = apiOnBackend(db);

  it('POST /v1/events stores each id once and counts duplicates', async () => {
    const batch = [uuid(1), uuid(2), uuid(2)].map((id, i) => ({
      id,
      name: i ? 'open' : 'impression',
      at: '2026-11-20T10:00:00.000Z',
      scenario: 'goal-setting',
      source: 'embedded',
      props: { variant: 'button' },
    }));
    const first = await call('POST', '/v1/events', { token: demoToken, body: { events: batch } });
    expect(first.status).toBe(202);
    conforms(S.EventsAccepted, first.json);
    expect(first.json).toEqual({ accepted: 2, duplicates: 1 });
    const again = await call('POST', '/v1/events', { token: demoToken, body: { events: batch } });
    expect(again.json).toEqual({ accepted: 0, duplicates: 3 });
    const rows = await server!.query<{ id: string; user: string; team: string; props: unknown }>(
      `select id, "user", team, props from events where tenant = 'demo' and id in ($1, $2) order by id`,
      [uuid(1), uuid(2)],
    );
    expect(rows).toEqual([
      { id: uuid(1), user: 'u1', team: 'sales', props: { variant: 'button' } },
      { id: uuid(2), user: 'u1', team: 'sales', props: { variant: 'button' } },
    ]);
    // Event ids are scoped by tenant: the same id from another tenant is its own event.
    expect(
      (await call('POST', '/v1/events', { token: acmeToken, body: { events: batch.slice(0, 1) } })).json,
    ).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('POST /v1/events accepts the CORS-simple unload form (text/plain, token in the body)', async () => {
    const events = [{ id: uuid(50), name: 'help', at: new Date().toISOString() }];
    const r = await call('POST', '/v1/events', {
      raw: JSON.stringify({ token: demoToken, events }),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(r.status).toBe(202);
    expect(r.json).toEqual({ accepted: 1, duplicates: 0 });
    // Tokens never travel in URLs.
    expectError(
      await call('POST', `/v1/events?access_token=${demoToken}`, { body: { events } }),
      401,
      'unauthorized',
    );
  });

  it('transcript text never reaches events or metrics', async () => {
    const secret = 'Zebra-quartz-7781 confidential remark';
    const s = await call('POST', '/v1/sessions', {
      token: demoToken,
      body: { scenario: 'critical-feedback', source: 'embedded' },
    });
    await call('POST', `/v1/sessions/${s.json.id}/turns`, {
      token: demoToken,
      body: { text: secret },
      headers: { accept: 'application/json' },
    });
    await call('POST', `/v1/sessions/${s.json.id}/complete`, { token: demoToken });
    const events = await server!.query<{ n: number }>(
      `select count(*)::int as n from events where props::text like '%Zebra-quartz%'`,
    );
    expect(events[0]!.n).toBe(0);
    const report = await call('GET', '/v1/activation?groupBy=scenario', { token: adminToken });
    expect(report.text).not.toContain('Zebra-quartz');
    const sessions = await server!.query<{ n: number }>(
      `select count(*)::int as n from sessions where transcript::text like '%Zebra-quartz%' or scores::text like '%Zebra-quartz%'`,
    );
    expect(sessions[0]!.n).toBe(0);
  });
});
