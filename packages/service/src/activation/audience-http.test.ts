/**
 * GET and PATCH /v1/audience over real HTTP against the real service (in-memory PGlite): the
 * admin scope, paging to the end, and a rejected patch's 422 with every path, nothing stored.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServer } from '../node.js';
import { ACME_SECRET, client, start, testTenants, token } from '../test/harness.js';

let server: RunningServer;
let call: ReturnType<typeof client>;
let admin: string;

beforeAll(async () => {
  const { tenants } = await testTenants({ acme: { segments: [{ id: 'pain', label: 'Pain' }] } });
  server = await start({ dataDir: 'memory://', tenants });
  call = client(server.url);
  admin = await token({ iss: 'acme', secret: ACME_SECRET, sub: 'hr', scope: 'admin' });
});
afterAll(() => server.close());

it('pages and patches the roster with an admin token only, a bad patch storing nothing', async () => {
  const practice = await token({ iss: 'acme', secret: ACME_SECRET, sub: 'u1' });
  expect((await call('GET', '/v1/audience', { token: practice })).status).toBe(403);
  expect((await call('PATCH', '/v1/audience', { token: practice, body: {} })).status).toBe(403);
  const members = ['u1', 'u2', 'u3'].map((user) => ({ user, team: 'A' }));
  expect((await call('PUT', '/v1/audience', { token: admin, body: { members } })).status).toBe(200);

  const bad = await call('PATCH', '/v1/audience', {
    token: admin,
    body: {
      add: [
        { user: 'u4', team: 'B', segments: ['typo'] },
        { user: 'u1', team: 'B' },
      ],
      remove: ['u9'],
    },
  });
  expect(bad.status).toBe(422);
  expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual([
    '/add/0/segments',
    '/remove/0',
    '/add/1/user',
  ]);

  const ok = await call('PATCH', '/v1/audience', {
    token: admin,
    body: { add: [{ user: 'u4', team: 'B', segments: ['pain'] }], remove: ['u2'] },
  });
  expect(ok.status).toBe(200);
  expect(ok.json).toEqual({ size: 3, teams: 2 });

  const first = await call('GET', '/v1/audience?limit=2', { token: admin });
  expect(first.json.members.map((m: { user: string }) => m.user)).toEqual(['u1', 'u3']);
  const rest = await call('GET', `/v1/audience?limit=2&cursor=${first.json.next}`, { token: admin });
  expect(rest.json).toEqual({
    members: [{ user: 'u4', team: 'B', accessAt: null, segments: ['pain'] }],
    next: null,
  });
  const wrong = await call('GET', '/v1/audience?limit=5000', { token: admin });
  expect(wrong.status).toBe(422);
  expect(wrong.json.error.details).toEqual([{ path: 'limit', message: 'an integer from 1 to 1000' }]);
});
