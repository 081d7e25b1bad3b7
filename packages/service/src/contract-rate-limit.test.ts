// Contract test over real HTTP: the per-token rate limit answers 429 with Retry-After.
import { expect, test } from 'vitest';
import { expectError } from './test/contract-api.js';
import { client, start, testTenants, token } from './test/harness.js';

test('429 with Retry-After once a token exceeds its rate; other tokens are unaffected', async () => {
  const { tenants } = await testTenants();
  const server = await start({ dataDir: 'memory://', tenants, rateLimit: { burst: 3, perSecond: 0.01 } });
  try {
    const call = client(server.url);
    const busy = await token({ sub: 'busy' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('GET', '/v1/scenarios', { token: busy })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call('GET', '/v1/scenarios', { token: busy });
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call('GET', '/v1/scenarios', { token: await token({ sub: 'calm' }) })).status).toBe(200);
  } finally {
    await server.close();
  }
});
