// Every route with a body refuses one over its limit with 413 over real HTTP, before reading it
// whole: a chunked upload that never ends, and a declared Content-Length over the limit.
import { request } from 'node:http';
import { LIMITS } from '@inflow/contract';
import { ROUTES, type RouteSpec } from '@inflow/contract/openapi';
import { VOICE_BODY_BYTES } from '@inflow/contract/schemas';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../node.js';
import { start, testTenants, token, uuid } from '../test/harness.js';
import { concrete, label } from '../test/support.js';

// A route with a body must answer a body over its limit with 413 — over HTTP, with a body that is
// still being uploaded, so "refused before it was read whole" is what is measured: the server
// answers while the client has not yet finished (and never will finish) sending.
describe('oversize bodies are refused before they are read whole', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const { tenants } = await testTenants();
    // Demo mode, so the demo-only route with a body is measured too.
    server = await start({ dataDir: 'memory://', tenants, demo: true });
  });
  afterAll(() => server.close());

  const withBody = ROUTES.filter((r) => r.body);
  const limitOf = (r: RouteSpec): number => {
    if (r.path === '/v1/events') return LIMITS.eventsBodyBytes;
    if (r.path === '/v1/audience') return 16 * 1024 * 1024;
    if (r.path === '/demo/token') return LIMITS.demoTokenBodyBytes;
    if (r.path === '/v1/audio/transcriptions') return VOICE_BODY_BYTES;
    if (r.path.startsWith('/v1/scenarios/')) return LIMITS.scenarioBodyBytes;
    return LIMITS.jsonBodyBytes;
  };

  test.each(withBody.map((r) => ({ route: r, name: label(r) })))(
    '$name: chunked upload that never ends → 413',
    async ({ route }) => {
      const bearer = await token({ sub: 'big', scope: route.scope === 'admin' ? 'admin' : 'practice' });
      const { port } = new URL(server.url);
      const limit = limitOf(route);
      const path = concrete(route, uuid(7));
      const answer = await new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
        let sent = 0;
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: route.method.toUpperCase(),
            path,
            headers: {
              authorization: `Bearer ${bearer}`,
              'content-type': 'application/json',
              'transfer-encoding': 'chunked',
            },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => {
              clearInterval(pump);
              req.destroy();
              resolve({ status: res.statusCode ?? 0, sent, body });
            });
          },
        );
        req.on('error', (e) => {
          clearInterval(pump);
          reject(e);
        });
        const chunk = Buffer.alloc(Math.max(16 * 1024, limit / 128), 0x20);
        req.write('{"x":"');
        // Keep uploading up to 4× the limit, then stall with the request still open: a server that
        // waits for the whole body never answers, and the test times out.
        const pump = setInterval(() => {
          if (sent < limit * 4) {
            req.write(chunk);
            sent += chunk.length;
          }
        }, 1);
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(answer.sent + 6).toBeGreaterThan(limit);
    },
  );

  test.each(withBody.map((r) => ({ route: r, name: label(r) })))(
    '$name: declared Content-Length over the limit → 413 with no body sent',
    async ({ route }) => {
      const bearer = await token({ sub: 'big', scope: route.scope === 'admin' ? 'admin' : 'practice' });
      const { port } = new URL(server.url);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: route.method.toUpperCase(),
            path: concrete(route, uuid(7)),
            headers: {
              authorization: `Bearer ${bearer}`,
              'content-type': 'application/json',
              'content-length': String(limitOf(route) + 1),
            },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, body });
            });
          },
        );
        req.on('error', reject);
        req.flushHeaders(); // headers only; the body is never sent
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    },
  );
});
