// A token that worked, replayed after expiry (+ skew) → 401 token_expired on every authenticated
// route; the clock-skew tolerance on exp and nbf.
import { TOKEN_AUDIENCE } from '@inflow/contract';
import { SignJWT } from 'jose';
import { describe, expect, test } from 'vitest';
import { ACME_SECRET } from '../test/harness.js';
import { AUTH_ROUTES, checkResponse, label } from '../test/support.js';
import { api, call, sign, tenants, twoTenants } from '../test/two-tenants.js';

twoTenants();

// Clock-skew tolerance, stated in auth.ts and docs/security.md: 30 seconds on exp/nbf.
describe('expiry, replay and clock skew', () => {
  const at = (offsetSeconds: number, base: Date) => new Date(base.getTime() + offsetSeconds * 1000);

  test.each(AUTH_ROUTES.map((r) => ({ route: r, name: label(r) })))(
    '$name: a token that worked is refused once expired (+30 s skew)',
    async ({ route }) => {
      const start = new Date();
      api.clock.now = start;
      try {
        const bearer = await sign(
          'acme',
          'replayer',
          route.scope === 'admin' ? 'admin' : 'practice',
          'replay-team',
          60,
        );
        const first = await checkResponse(
          await call(route, bearer, tenants.acme.sessionId),
          `${label(route)} fresh`,
        );
        expect(first.status, 'the fresh token is accepted').not.toBe(401);
        api.clock.now = at(60 + 31, start); // exp + skew + 1 s
        const replay = await checkResponse(
          await call(route, bearer, tenants.acme.sessionId),
          `${label(route)} replayed`,
        );
        expect({ status: replay.status, code: replay.code }).toEqual({ status: 401, code: 'token_expired' });
      } finally {
        api.clock.now = new Date();
      }
    },
  );

  test('expired 20 s ago (server clock ahead): still accepted; 40 s ago: 401 token_expired', async () => {
    const start = new Date();
    const bearer = await sign('acme', 'skew', 'practice', 'skew-team', 60);
    const route = AUTH_ROUTES.find((r) => r.operationId === 'listScenarios')!;
    try {
      api.clock.now = at(80, start);
      expect((await call(route, bearer, '')).status).toBe(200);
      api.clock.now = at(100, start);
      expect((await checkResponse(await call(route, bearer, ''), 'expired 40 s')).code).toBe('token_expired');
    } finally {
      api.clock.now = new Date();
    }
  });

  test('not valid before 20 s from now (server clock behind): accepted; 40 s: 401', async () => {
    const route = AUTH_ROUTES.find((r) => r.operationId === 'listScenarios')!;
    const mk = (nbf: number) =>
      new SignJWT({ scope: 'practice' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('acme')
        .setSubject('nbf')
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setNotBefore(Math.floor(Date.now() / 1000) + nbf)
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(ACME_SECRET));
    api.clock.now = new Date();
    expect((await call(route, await mk(20), '')).status).toBe(200);
    expect((await checkResponse(await call(route, await mk(40), ''), 'nbf 40 s')).status).toBe(401);
  });
});
