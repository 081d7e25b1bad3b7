/**
 * The in-process service of the JWKS and body-shape fault classes (security/classes-jwks.test.ts,
 * classes-shapes.test.ts): the test tenants (demo mode on) and one JWKS tenant per broken answer
 * of a local JWKS endpoint. `brokenJwksService()` starts it in the calling file's beforeAll.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll } from 'vitest';
import { testTenants } from './harness.js';
import { inProcess, type InProcess } from './support.js';

export const BROKEN_JWKS = [
  { status: 500, body: 'Internal Server Error', type: 'text/plain' },
  { status: 502, body: '<html>Bad Gateway</html>', type: 'text/html' },
  { status: 404, body: 'not found', type: 'text/plain' },
  { status: 200, body: 'not json', type: 'application/json' },
  { status: 200, body: '{"keys":', type: 'application/json' },
  { status: 200, body: '{}', type: 'application/json' },
  { status: 200, body: '{"keys":"x"}', type: 'application/json' },
  { status: 200, body: '[]', type: 'application/json' },
  { status: 200, body: '', type: 'application/json' },
];
export let api: InProcess;
export let jwksServer: Server;
export let keys: Awaited<ReturnType<typeof generateKeyPair>>;

/** Starts the JWKS endpoint and the service before the file's tests and closes both after them. */
export function brokenJwksService(): void {
  beforeAll(async () => {
    keys = await generateKeyPair('ES256');
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }],
    });
    jwksServer = createServer((req, res) => {
      const answer = BROKEN_JWKS[Number(new URL(req.url!, 'http://x').searchParams.get('case'))];
      if (!answer) return res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    const vendors = [...BROKEN_JWKS.map((_, i) => String(i)), 'ok'].map((c) => ({
      id: `vendor-${c}`,
      jwksUrl: `${url}?case=${c}`,
    }));
    api = await inProcess([...(await testTenants()).tenants, ...vendors], { demo: true });
  });
  afterAll(async () => {
    await api.service.close();
    await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
  });
}
