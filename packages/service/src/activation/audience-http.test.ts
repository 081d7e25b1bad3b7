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

it('dates roster changes with effectiveAt (JSON body, CSV query) and reads a past roster with ?at=', async () => {
  const put = (path: string, o: Parameters<typeof call>[2]) => call('PUT', path, { token: admin, ...o });
  const members = [{ user: 'h1', team: 'A' }];
  expect((await put('/v1/audience', { body: { members } })).status).toBe(200);
  const stamp = new Date().toISOString();
  const csv = { raw: 'user,team\nh1,A\nh2,B\n', headers: { 'content-type': 'text/csv' } };
  const dated = await put(`/v1/audience?effectiveAt=${encodeURIComponent(stamp)}`, csv);
  expect(dated.status).toBe(200);
  // The roster just before that change, and at it.
  const before = new Date(Date.parse(stamp) - 1).toISOString();
  const at = async (instant: string) =>
    (await call('GET', `/v1/audience?at=${encodeURIComponent(instant)}`, { token: admin })).json.members.map(
      (m: { user: string }) => m.user,
    );
  expect(await at(before)).toEqual(['h1']);
  expect(await at(stamp)).toEqual(['h1', 'h2']);

  const details = async (reply: ReturnType<typeof call>) => {
    const r = await reply;
    expect(r.status).toBe(422);
    return r.json.error.details.map((d: { path: string }) => d.path);
  };
  // Before the latest change, unreadable, or sent in the query beside a JSON body: refused.
  expect(await details(put('/v1/audience', { body: { members, effectiveAt: '2026-01-01' } }))).toEqual([
    'effectiveAt',
  ]);
  expect(await details(put('/v1/audience?effectiveAt=soon', csv))).toEqual(['effectiveAt']);
  expect(
    await details(put(`/v1/audience?effectiveAt=${encodeURIComponent(stamp)}`, { body: { members } })),
  ).toEqual(['effectiveAt']);
  expect(await details(call('GET', '/v1/audience?at=yesterday', { token: admin }))).toEqual(['at']);
  expect(await at(new Date().toISOString())).toEqual(['h1', 'h2']);
});

it('dates a JSON PUT and a PATCH; a change beyond the clock skew answers 422 and stores nothing', async () => {
  const send = (method: string, path: string, o: Parameters<typeof call>[2]) =>
    call(method, path, { token: admin, ...o });
  const users = async (query: string) =>
    (await send('GET', `/v1/audience${query}`, {})).json.members.map((m: { user: string }) => m.user);
  const iso = (ms: number) => new Date(ms).toISOString();
  const members = [
    { user: 'j1', team: 'A' },
    { user: 'j2', team: 'A' },
  ];
  const putAt = Date.now();
  const put = await send('PUT', '/v1/audience', { body: { members, effectiveAt: iso(putAt) } });
  expect(put.json).toEqual({ size: 2, teams: 1 });
  // 2 ms later (within the skew), so that j2's stay is not empty.
  const removedAt = putAt + 2;
  const patch = await send('PATCH', '/v1/audience', {
    body: { remove: ['j2'], effectiveAt: iso(removedAt) },
  });
  expect(patch.json).toEqual({ size: 1, teams: 1 });
  expect(await users(`?at=${encodeURIComponent(iso(removedAt - 1))}`)).toEqual(['j1', 'j2']);
  expect(await users(`?at=${encodeURIComponent(iso(removedAt))}`)).toEqual(['j1']);

  // An hour ahead is past the five minutes of skew; a PATCH dated before the latest change too.
  const future = iso(Date.now() + 60 * 60 * 1000);
  const refused = [
    await send('PUT', '/v1/audience', { body: { members, effectiveAt: future } }),
    await send('PATCH', '/v1/audience', { body: { add: [{ user: 'j3', team: 'B' }], effectiveAt: future } }),
    await send('PUT', `/v1/audience?effectiveAt=${encodeURIComponent(future)}`, {
      raw: 'user,team\nj1,A\nj3,B\n',
      headers: { 'content-type': 'text/csv' },
    }),
    await send('PATCH', '/v1/audience', { body: { remove: ['j1'], effectiveAt: iso(removedAt - 1) } }),
  ];
  for (const r of refused) {
    expect(r.status).toBe(422);
    expect(r.json.error.details.map((d: { path: string }) => d.path)).toEqual(['effectiveAt']);
  }
  // Neither today's roster nor its history (read past the refused instant) changed.
  expect(await users('')).toEqual(['j1']);
  expect(await users(`?at=${encodeURIComponent(iso(Date.parse(future) + 1))}`)).toEqual(['j1']);
});
