// Contract tests, over real HTTP on PGlite and PostgreSQL (test/contract-api.ts): bad input
// answers its documented 4xx with the error body of the contract.
import { LIMITS } from '@inflow/contract';
import { describe, expect } from 'vitest';
import { apiOnBackend, contractBackends, expectError, server, call, demoToken } from './test/contract-api.js';
import { uuid } from './test/harness.js';

const backends = contractBackends();

describe.each(backends)('API v1 over HTTP on $name', ({ db }) => {
  const it = apiOnBackend(db);

  describe('bad input', () => {
    it('malformed JSON 400, wrong media type 415, schema violations 422 with details', async () => {
      expectError(
        await call('POST', '/v1/sessions', { token: demoToken, raw: '{"scenario": "underperf' }),
        400,
        'bad_request',
      );
      expectError(
        await call('POST', '/v1/sessions', {
          token: demoToken,
          raw: 'scenario=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
        'unsupported_media_type',
      );
      const bad = await call('POST', '/v1/sessions', {
        token: demoToken,
        body: { scenario: 'underperformance', source: 'email', extra: 1 },
      });
      expectError(bad, 422, 'validation_failed');
      expect(bad.json.error.details.map((d: { path: string }) => d.path)).toContain('/source');
      expectError(
        await call('POST', '/v1/events', {
          token: demoToken,
          body: { events: [{ id: 'nope', name: 'open', at: 'yesterday' }] },
        }),
        422,
        'validation_failed',
      );
      expectError(
        await call('POST', '/v1/events', { token: demoToken, body: { events: [] } }),
        422,
        'validation_failed',
      );
    });

    it('oversize bodies and batches are 413; a too-long turn is 422', async () => {
      const big = Array.from({ length: 2000 }, (_, i) => ({
        id: uuid(10_000 + i),
        name: 'open',
        at: '2026-11-20T10:00:00.000Z',
        props: { k: 'x'.repeat(150) },
      }));
      expectError(
        await call('POST', '/v1/events', { token: demoToken, body: { events: big } }),
        413,
        'payload_too_large',
      );
      const many = Array.from({ length: LIMITS.eventsPerBatch + 1 }, (_, i) => ({
        id: uuid(20_000 + i),
        name: 'open',
        at: '2026-11-20T10:00:00.000Z',
      }));
      expectError(
        await call('POST', '/v1/events', { token: demoToken, body: { events: many } }),
        413,
        'payload_too_large',
      );
      expectError(
        await call('POST', '/v1/sessions', {
          token: demoToken,
          body: { scenario: 'underperformance', source: 'embedded', context: { note: 'x'.repeat(70_000) } },
        }),
        413,
        'payload_too_large',
      );
      const s = await call('POST', '/v1/sessions', {
        token: demoToken,
        body: { scenario: 'underperformance', source: 'embedded' },
      });
      expectError(
        await call('POST', `/v1/sessions/${s.json.id}/turns`, {
          token: demoToken,
          body: { text: 'x'.repeat(LIMITS.turnTextChars + 1) },
        }),
        422,
        'validation_failed',
      );
      // Nothing from the refused batches was stored.
      const rows = await server!.query<{ n: number }>(
        `select count(*)::int as n from events where id = $1 or id = $2`,
        [uuid(10_000), uuid(20_000)],
      );
      expect(rows[0]!.n).toBe(0);
    });

    it('unknown routes and non-UUID session ids are JSON 404s', async () => {
      expectError(await call('GET', '/v1/nothing-here', { token: demoToken }), 404, 'not_found');
      expectError(
        await call('POST', '/v1/sessions/not-a-uuid/complete', { token: demoToken }),
        404,
        'not_found',
      );
      expectError(
        await call('POST', `/v1/sessions/${uuid(99)}/complete`, { token: demoToken }),
        404,
        'not_found',
      );
    });
  });
});
