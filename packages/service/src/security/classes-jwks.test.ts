// Fault class of issue 17 in a vendor's JWKS endpoint: every broken answer makes a valid token a
// retryable 503, never a 401.
import { describe, expect, test } from 'vitest';
import { api, BROKEN_JWKS, brokenJwksService, keys } from '../test/broken-jwks.js';
import { token } from '../test/harness.js';
import { checkResponse } from '../test/support.js';

brokenJwksService();

describe('a broken JWKS endpoint makes a valid token a retryable 503, never a 401', () => {
  const scenarios = async (vendor: string) =>
    api.fetch('/v1/scenarios', {
      headers: {
        authorization: `Bearer ${await token({ iss: `vendor-${vendor}`, key: keys.privateKey, kid: 'k1' })}`,
      },
    });

  test.each(BROKEN_JWKS.map((a, i) => ({ ...a, i })))(
    'JWKS answers $status $body → 503 not_ready',
    async ({ i }) => {
      const res = await scenarios(String(i));
      const { status, code } = await checkResponse(res, `JWKS case ${i}`, ['not_ready']);
      expect({ status, code }).toEqual({ status: 503, code: 'not_ready' });
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    },
  );

  test('the same token verifies against a JWKS that answers properly (the 503 was about the endpoint)', async () => {
    expect((await scenarios('ok')).status).toBe(200);
  });
});
