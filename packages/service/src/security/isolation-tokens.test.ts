// Token matrix on every authenticated route of the contract's ROUTES: forged and confused tokens
// (alg none, alg confusion, an untrusted key, wrong audience, unknown issuer, too long a
// lifetime) → 401; a practice token against admin routes → 403 with nothing written.
import { TOKEN_AUDIENCE } from '@inflow/contract';
import { exportJWK, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { describe, expect, test } from 'vitest';
import { ACME_SECRET, token } from '../test/harness.js';
import { ADMIN_ROUTES, AUTH_ROUTES, checkResponse, label } from '../test/support.js';
import { call, keys, stateOf, tenants, twoTenants } from '../test/two-tenants.js';

twoTenants();

describe('forged and confused tokens: 401 on every route', () => {
  const cases: { name: string; make: () => Promise<string> }[] = [
    {
      name: 'alg none',
      make: async () =>
        new UnsecuredJWT({ scope: 'admin' })
          .setIssuer('acme')
          .setSubject('x')
          .setAudience(TOKEN_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('5m')
          .encode(),
    },
    {
      // HS256 keyed with the ES256 tenant's *public* key (classic RS/ES→HS confusion).
      name: 'alg confusion (HS256 with the public JWK as secret)',
      make: async () => {
        const pub = JSON.stringify(
          await exportJWK(keys.es256.privateKey as CryptoKey).then(({ d: _d, ...rest }) => rest),
        );
        return new SignJWT({ scope: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('globex')
          .setSubject('x')
          .setAudience(TOKEN_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(pub));
      },
    },
    { name: 'a key no tenant trusts', make: () => token({ iss: 'globex', key: keys.rogue }) },
    { name: 'wrong audience', make: () => token({ iss: 'acme', secret: ACME_SECRET, aud: 'someone-else' }) },
    { name: 'unknown issuer', make: () => token({ iss: 'initech', secret: ACME_SECRET }) },
    {
      name: 'lifetime over 15 minutes',
      make: () => token({ iss: 'acme', secret: ACME_SECRET, exp: 16 * 60 + 31 }),
    },
  ];
  test.each(cases)('$name', async ({ make }) => {
    const bad = await make();
    for (const route of AUTH_ROUTES) {
      const { status } = await checkResponse(
        await call(route, bad, tenants.acme.sessionId),
        `${label(route)} with a bad token`,
      );
      expect(status, label(route)).toBe(401);
    }
  });
});

describe('a practice token on admin routes: 403', () => {
  test.each(ADMIN_ROUTES.map((r) => ({ route: r, name: label(r) })))('$name', async ({ route }) => {
    const before = await stateOf('acme');
    const { status, code } = await checkResponse(
      await call(route, await tenants.acme.practice(), tenants.acme.sessionId),
      label(route),
    );
    expect({ status, code }).toEqual({ status: 403, code: 'forbidden' });
    expect(await stateOf('acme')).toBe(before);
  });
});
