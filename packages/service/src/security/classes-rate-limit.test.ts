// Fault class of issue 17 against the rate limit: token spellings and fresh tokens of one user
// share one bucket, keyed on the verified identity.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SEED } from '../test/fault-classes.js';
import { testTenants, token } from '../test/harness.js';
import { checkResponse, inProcess } from '../test/support.js';

describe('the rate limit is keyed on the verified identity', () => {
  test('any spelling of the Authorization header, or a fresh token for the same user, shares one bucket', async () => {
    const { tenants } = await testTenants();
    const burst = 5;
    const api = await inProcess(tenants, { rateLimit: { burst, perSecond: 0.001 } });
    try {
      const bearer = await token({ sub: 'spelling-user' });
      const spelling = fc.tuple(
        fc.constantFrom('Bearer', 'bearer', 'BEARER', 'BeArEr'),
        fc.constantFrom(' ', '  ', '\t', ' \t '),
        fc.constantFrom('', ' ', '  '),
      );
      const spellings = fc.sample(spelling, { numRuns: 40, seed: SEED });
      let ok = 0;
      for (const [scheme, gap, tail] of spellings) {
        const res = await api.fetch('/v1/scenarios', {
          headers: { authorization: `${scheme}${gap}${bearer}${tail}` },
        });
        const { status } = await checkResponse(res, `${scheme}${JSON.stringify(gap)}token`);
        if (status === 200) ok++;
        else expect(status).toBe(429);
      }
      expect(ok, 'requests let through in all spellings together').toBe(burst);
      const fresh = await token({ sub: 'spelling-user', iat: -1 });
      expect(
        (await api.fetch('/v1/scenarios', { headers: { authorization: `Bearer ${fresh}` } })).status,
      ).toBe(429);
    } finally {
      await api.service.close();
    }
  });
});
