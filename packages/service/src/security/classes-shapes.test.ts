// Fault classes of issue 17 in body shapes and token claims: JSON that is not an object answers
// 4xx on every JSON route, and a signed token whose sub or team holds unstorable text is a 401.
import { ROUTES } from '@inflow/contract/openapi';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { api, brokenJwksService } from '../test/broken-jwks.js';
import { options, unstorable } from '../test/fault-classes.js';
import { token } from '../test/harness.js';
import { checkResponse, label } from '../test/support.js';

brokenJwksService();

describe('bodies that are JSON but not an object, and token claims with unstorable text', () => {
  test('POST /demo/token and every JSON route: null, arrays, strings, numbers and booleans answer 4xx', async () => {
    const practice = await token({ sub: 'shape-user' });
    const admin = await token({ sub: 'shape-admin', scope: 'admin' });
    for (const route of ROUTES.filter((r) => r.body)) {
      for (const body of ['null', '[]', '[{}]', '"x"', '0', 'true', '{"__proto__":{"admin":true}}']) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (route.scope) headers.authorization = `Bearer ${route.scope === 'admin' ? admin : practice}`;
        const path = route.path.replace(
          '{id}',
          route.operationId === 'putScenario' ? 'shape' : '00000000-0000-4000-8000-000000000001',
        );
        const res = await api.fetch(path, { method: route.method.toUpperCase(), headers, body });
        const { status } = await checkResponse(res, `${label(route)} ${body}`);
        if (body.startsWith('{')) expect(status, `${label(route)} ${body}`).toBeLessThan(500);
        else expect(status, `${label(route)} ${body}`).toBeGreaterThanOrEqual(400);
      }
    }
  });

  test('a signed token whose sub or team holds unstorable text is a 401, not a 500', async () => {
    await fc.assert(
      fc.asyncProperty(unstorable, fc.boolean(), async (text, inSub) => {
        const bearer = await token(inSub ? { sub: text } : { sub: 'claims-user', team: text });
        const res = await api.fetch('/v1/sessions', {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify({ scenario: 'underperformance', source: 'embedded' }),
        });
        const { status, code } = await checkResponse(
          res,
          `${inSub ? 'sub' : 'team'} ${JSON.stringify(text)}`,
        );
        expect({ status, code }).toEqual({ status: 401, code: 'unauthorized' });
      }),
      options,
    );
  });
});
