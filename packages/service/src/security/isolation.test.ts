// Tenant isolation and token matrix (docs/design.md §7), generated from the contract's ROUTES so a new
// route joins every row automatically:
//  - tenant A's token against tenant B's resources → 404 (sessions), no B data in the answer,
//    B's stored data unchanged — in both directions, HS256 tenant ↔ ES256 tenant;
//  - a token that names B but is signed with A's key (or alg none / alg confusion) → 401;
//  - a practice token against admin routes → 403;
//  - a token that worked, replayed after expiry (+ skew) → 401 token_expired.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOKEN_AUDIENCE } from '@inflow/contract';
import { exportJWK, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSecret } from '../nudges/sign.js';
import { ACME_SECRET, testTenants, token, uuid, type Keys } from '../test/harness.js';
import {
  ADMIN_ROUTES,
  AUTH_ROUTES,
  checkResponse,
  clockedApp,
  concrete,
  label,
  validBody,
  type ClockedApp,
} from '../test/support.js';
import type { RouteSpec } from '@inflow/contract/openapi';

let api: ClockedApp;
let keys: Keys;
/** The tenants' webhook receiver, so both tenants can send nudges (a resource with an id). */
let receiver: Server;

interface Tenant {
  id: 'acme' | 'globex';
  /** Strings only this tenant's data contains; none may appear in the other tenant's answers. */
  markers: string[];
  sessionId: string;
  completedId: string;
  nudgeId: string;
  /** An authored scenario (ids are per tenant: the other tenant may create its own under it). */
  scenarioId: string;
  practice: () => Promise<string>;
  admin: () => Promise<string>;
}

const tenants: Record<'acme' | 'globex', Tenant> = {} as never;
const PUT_SCENARIO = ADMIN_ROUTES.find((r) => r.operationId === 'putScenario')!;

function sign(iss: 'acme' | 'globex', sub: string, scope: string, team: string, exp = 600): Promise<string> {
  return iss === 'acme'
    ? token({ iss, sub, scope, team, secret: ACME_SECRET, exp })
    : token({ iss, sub, scope, team, key: keys.es256.privateKey, exp });
}

async function call(
  route: RouteSpec,
  bearer: string,
  id: string,
  body: unknown = validBody(route),
): Promise<Response> {
  const send = route.method !== 'get';
  return api.fetch(concrete(route, id) + (route.query ? '?from=2020-01-01&to=2030-01-01&groupBy=team' : ''), {
    method: route.method.toUpperCase(),
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    ...(send ? { body: JSON.stringify(body) } : {}),
  });
}

/** Everything tenant `id` has stored, as text. */
async function stateOf(id: string): Promise<string> {
  return (await api.dump())
    .split('\n')
    .filter((line) => line.includes(`"tenant":"${id}"`))
    .sort()
    .join('\n');
}

async function seed(id: 'acme' | 'globex'): Promise<Tenant> {
  const user = `${id}-confidential-user`;
  const team = `${id}-confidential-team`;
  const practice = () => sign(id, user, 'practice', team);
  const admin = () => sign(id, `${id}-hr`, 'admin', team);
  const h = async (bearer: Promise<string>) => ({
    authorization: `Bearer ${await bearer}`,
    'content-type': 'application/json',
    accept: 'application/json',
  });
  const create = async () =>
    (
      (await (
        await api.fetch('/v1/sessions', {
          method: 'POST',
          headers: await h(practice()),
          body: JSON.stringify({
            scenario: 'goal-setting',
            source: 'embedded',
            context: { role: `${id}-confidential-role` },
          }),
        })
      ).json()) as { id: string }
    ).id;
  const sessionId = await create();
  const turn = await api.fetch(`/v1/sessions/${sessionId}/turns`, {
    method: 'POST',
    headers: await h(practice()),
    body: JSON.stringify({ text: `${id}-confidential-turn` }),
  });
  expect(turn.status).toBe(200);
  const completedId = await create();
  expect(
    (
      await api.fetch(`/v1/sessions/${completedId}/complete`, {
        method: 'POST',
        headers: await h(practice()),
      })
    ).status,
  ).toBe(200);
  const n = id === 'acme' ? 100 : 200;
  const ev = await api.fetch('/v1/events', {
    method: 'POST',
    headers: await h(practice()),
    body: JSON.stringify({
      events: [
        {
          id: uuid(n),
          name: 'open',
          at: new Date().toISOString(),
          sessionId,
          scenario: 'goal-setting',
          source: 'embedded',
          props: { note: `${id}-confidential-prop` },
        },
      ],
    }),
  });
  expect(ev.status).toBe(202);
  const aud = await api.fetch('/v1/audience', {
    method: 'PUT',
    headers: await h(admin()),
    body: JSON.stringify({
      members: [
        { user, team },
        { user: `${id}-confidential-peer`, team },
      ],
    }),
  });
  expect(aud.status).toBe(200);
  const nudge = await api.fetch('/v1/nudges', {
    method: 'POST',
    headers: await h(admin()),
    body: JSON.stringify({
      user,
      scenario: 'goal-setting',
      channel: 'webhook',
      url: `https://${id}.example/confidential-review`,
    }),
  });
  expect(nudge.status).toBe(202);
  const nudgeId = ((await nudge.json()) as { id: string }).id;
  const scenarioId = `${id}-scenario`;
  const authored = await api.fetch(`/v1/scenarios/${scenarioId}`, {
    method: 'PUT',
    headers: await h(admin()),
    body: JSON.stringify({ ...validBody(PUT_SCENARIO), title: `${id}-confidential-title` }),
  });
  expect(authored.status).toBe(201);
  return {
    id,
    markers: [user, team, `${id}-confidential`, sessionId, completedId, nudgeId, uuid(n)],
    sessionId,
    completedId,
    nudgeId,
    scenarioId,
    practice,
    admin,
  };
}

beforeAll(async () => {
  receiver = createServer((_req, res) => res.writeHead(200).end('ok'));
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const webhook = {
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
    secret: generateSecret(),
  };
  const t = await testTenants({
    acme: { nudgeChannels: { webhook }, allowPrivateReceivers: true },
    globex: { nudgeChannels: { webhook }, allowPrivateReceivers: true },
  });
  keys = t.keys;
  api = await clockedApp(t.tenants);
  tenants.acme = await seed('acme');
  tenants.globex = await seed('globex');
});

afterAll(async () => {
  await api.close();
  await new Promise((r) => receiver.close(r));
});

const pairs = [
  { a: 'acme', b: 'globex' },
  { a: 'globex', b: 'acme' },
] as const;

// PUT of a scenario id goes last: it creates A's own scenario under B's ids, which would then
// answer A's GET and DELETE of those ids.
const ISOLATION_ROUTES = [...AUTH_ROUTES.filter((r) => r !== PUT_SCENARIO), PUT_SCENARIO];

describe.each(pairs)('tenant $a against tenant $b', ({ a, b }) => {
  test.each(ISOLATION_ROUTES.map((r) => ({ route: r, name: label(r) })))(
    `$name with ${b}'s resource ids: 404 for every id it owns, nothing of ${b}'s data read or written`,
    async ({ route }) => {
      const A = tenants[a];
      const B = tenants[b];
      const before = await stateOf(b);
      const bearer = route.scope === 'admin' ? await A.admin() : await A.practice();
      // Routes with an id: every id B owns (open and completed session, nudge, scenario) must be
      // "not found" — except that PUT of a scenario id creates A's own scenario under that id.
      for (const id of route.path.includes('{id}')
        ? [B.sessionId, B.completedId, B.nudgeId, B.scenarioId]
        : [B.sessionId]) {
        // Event ids of B reused by A must not be "duplicates" of B's (that would leak B's ids).
        const body =
          route.operationId === 'ingestEvents'
            ? {
                events: [
                  {
                    id: uuid(b === 'acme' ? 100 : 200),
                    name: 'open',
                    at: new Date().toISOString(),
                    sessionId: id,
                  },
                ],
              }
            : validBody(route);
        const res = await call(route, bearer, id, body);
        const { status, code, text } = await checkResponse(res, `${label(route)} as ${a} on ${b}'s ${id}`);
        if (route.operationId === 'putScenario') expect([200, 201]).toContain(status);
        else if (route.path.includes('{id}'))
          expect({ status, code }).toEqual({ status: 404, code: 'not_found' });
        if (route.operationId === 'ingestEvents')
          expect(JSON.parse(text)).toEqual({ accepted: 1, duplicates: 0 });
        // A scenario A creates echoes the id A chose: that is A's input, not B's data.
        const markers = route.operationId === 'putScenario' ? B.markers.filter((m) => m !== id) : B.markers;
        for (const m of markers) expect(text, `${b}'s data in ${a}'s answer`).not.toContain(m);
      }
      expect(await stateOf(b), `${b}'s stored data changed`).toBe(before);
    },
  );

  test.each(AUTH_ROUTES.map((r) => ({ route: r, name: label(r) })))(
    `$name with a token naming ${b} but signed with ${a}'s key: 401`,
    async ({ route }) => {
      const B = tenants[b];
      // Claims of B (iss, a user of B), signature of A: a tenant forging another tenant's tokens.
      const forged =
        a === 'acme'
          ? await token({ iss: b, sub: `${b}-hr`, scope: 'admin', secret: ACME_SECRET })
          : await token({ iss: b, sub: `${b}-hr`, scope: 'admin', key: keys.es256.privateKey });
      const res = await call(route, forged, B.sessionId);
      const { status, code } = await checkResponse(res, label(route));
      expect({ status, code }).toEqual({ status: 401, code: 'unauthorized' });
    },
  );
});

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

// The matrix above looks for B's strings in A's answers; numbers leak too. Here B acts with the
// same pseudonymous user ids and team names as A (ids are per vendor, so they collide across
// tenants), and A's activation report must not move by a single count.
describe("another tenant's activity never moves a tenant's metrics", () => {
  test.each(pairs)(
    '$b acting with $a’s user ids and teams leaves $a’s report unchanged',
    async ({ a, b }) => {
      const A = tenants[a];
      const report = async () => {
        const res = await api.fetch('/v1/activation?from=2020-01-01&to=2030-12-31&groupBy=team', {
          headers: { authorization: `Bearer ${await A.admin()}` },
        });
        expect(res.status).toBe(200);
        return (await res.json()) as unknown;
      };
      const before = await report();
      const user = `${a}-confidential-user`;
      const team = `${a}-confidential-team`;
      const h = async (scope: 'practice' | 'admin') => ({
        authorization: `Bearer ${await sign(b, scope === 'admin' ? `${b}-hr` : user, scope, team)}`,
        'content-type': 'application/json',
      });
      // B's roster lists A's user in A's team name; B's "A user" practises and completes.
      expect(
        (
          await api.fetch('/v1/audience', {
            method: 'PUT',
            headers: await h('admin'),
            body: JSON.stringify({
              members: [
                { user, team },
                { user: `${a}-confidential-peer`, team },
              ],
            }),
          })
        ).status,
      ).toBe(200);
      for (let i = 0; i < 2; i++) {
        const created = await api.fetch('/v1/sessions', {
          method: 'POST',
          headers: await h('practice'),
          body: JSON.stringify({ scenario: 'goal-setting', source: 'embedded' }),
        });
        const { id } = (await created.json()) as { id: string };
        for (const text of ['One', 'Two', 'Three'])
          await api.fetch(`/v1/sessions/${id}/turns`, {
            method: 'POST',
            headers: { ...(await h('practice')), accept: 'application/json' },
            body: JSON.stringify({ text }),
          });
        await api.fetch(`/v1/sessions/${id}/complete`, { method: 'POST', headers: await h('practice') });
        const at = new Date().toISOString();
        const events = [
          'impression',
          'open',
          'session_start',
          'first_interaction',
          'meaningful_interaction',
          'complete',
          'help',
          'error',
        ].map((name, k) => ({
          id: uuid(5000 + i * 10 + k + (b === 'acme' ? 0 : 100)),
          name,
          at,
          sessionId: id,
          scenario: 'goal-setting',
          source: 'embedded',
        }));
        expect(
          (
            await api.fetch('/v1/events', {
              method: 'POST',
              headers: await h('practice'),
              body: JSON.stringify({ events }),
            })
          ).status,
        ).toBe(202);
      }
      expect(await report()).toEqual(before);
    },
  );
});
