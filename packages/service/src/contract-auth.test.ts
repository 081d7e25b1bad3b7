// Contract tests, over real HTTP on PGlite and PostgreSQL (test/contract-api.ts): tokens,
// keys and scopes.
import { describe, expect } from 'vitest';
import {
  apiOnBackend,
  contractBackends,
  expectError,
  server,
  keys,
  call,
  demoToken,
  acmeToken,
} from './test/contract-api.js';
import { token } from './test/harness.js';

const backends = contractBackends();

describe.each(backends)('API v1 over HTTP on $name', ({ db }) => {
  const it = apiOnBackend(db);

  describe('auth', () => {
    it('no token, garbage, expired, foreign audience, wrong tenant key, unknown tenant: 401', async () => {
      expectError(await call('GET', '/v1/scenarios'), 401, 'unauthorized');
      expectError(await call('GET', '/v1/scenarios', { token: 'not.a.jwt' }), 401, 'unauthorized');
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ exp: -120, iat: -700 }) }),
        401,
        'token_expired',
      );
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ aud: 'someone-else' }) }),
        401,
        'unauthorized',
      );
      // Claims to be acme but is signed with the demo secret.
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ iss: 'acme' }) }),
        401,
        'unauthorized',
      );
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ iss: 'nobody' }) }),
        401,
        'unauthorized',
      );
      expect((await call('GET', '/v1/scenarios')).headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('tokens living longer than 15 minutes are refused', async () => {
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ exp: 3600 }) }),
        401,
        'unauthorized',
      );
      expect((await call('GET', '/v1/scenarios', { token: await token({ exp: 15 * 60 }) })).status).toBe(200);
    });

    it('ES256 tokens verify against the tenant JWKS; other keys do not', async () => {
      const good = await token({ iss: 'globex', key: keys.es256.privateKey });
      expect((await call('GET', '/v1/scenarios', { token: good })).status).toBe(200);
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ iss: 'globex', key: keys.rogue }) }),
        401,
        'unauthorized',
      );
      // An HS256 token for an ES256-only tenant (algorithm confusion) is refused.
      expectError(
        await call('GET', '/v1/scenarios', { token: await token({ iss: 'globex' }) }),
        401,
        'unauthorized',
      );
    });

    it("another tenant's session is 404 on every route", async () => {
      const s = await call('POST', '/v1/sessions', {
        token: demoToken,
        body: { scenario: 'underperformance', source: 'embedded' },
      });
      const id = s.json.id as string;
      expectError(
        await call('POST', `/v1/sessions/${id}/turns`, { token: acmeToken, body: { text: 'hi' } }),
        404,
        'not_found',
      );
      expectError(
        await call('POST', `/v1/sessions/${id}/turns`, {
          token: acmeToken,
          body: { text: 'hi' },
          headers: { accept: 'application/json' },
        }),
        404,
        'not_found',
      );
      expectError(await call('POST', `/v1/sessions/${id}/complete`, { token: acmeToken }), 404, 'not_found');
      // …and untouched by the attempts.
      const rows = await server!.query<{ user_turns: number; completed_at: unknown }>(
        `select user_turns, completed_at from sessions where id = $1`,
        [id],
      );
      expect(rows[0]).toEqual({ user_turns: 0, completed_at: null });
    });
  });
});
