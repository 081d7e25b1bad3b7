/**
 * Two seeded tenants for the isolation suites (security/isolation-*.test.ts): acme (HS256) and
 * globex (ES256), each with an open and a completed session, events, a roster, a nudge and an
 * authored scenario, on one in-process app with a settable clock. `twoTenants()` seeds them in
 * the calling file's beforeAll.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteSpec } from '@inflow/contract/openapi';
import { afterAll, beforeAll, expect } from 'vitest';
import { generateSecret } from '../nudges/sign.js';
import { ACME_SECRET, testTenants, token, uuid, type Keys } from './harness.js';
import { ADMIN_ROUTES, clockedApp, concrete, validBody, type ClockedApp } from './support.js';

export let api: ClockedApp;
export let keys: Keys;
/** The tenants' webhook receiver, so both tenants can send nudges (a resource with an id). */
export let receiver: Server;

export interface Tenant {
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

export const tenants: Record<'acme' | 'globex', Tenant> = {} as never;
export const PUT_SCENARIO = ADMIN_ROUTES.find((r) => r.operationId === 'putScenario')!;

export function sign(
  iss: 'acme' | 'globex',
  sub: string,
  scope: string,
  team: string,
  exp = 600,
): Promise<string> {
  return iss === 'acme'
    ? token({ iss, sub, scope, team, secret: ACME_SECRET, exp })
    : token({ iss, sub, scope, team, key: keys.es256.privateKey, exp });
}

export async function call(
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
export async function stateOf(id: string): Promise<string> {
  return (await api.dump())
    .split('\n')
    .filter((line) => line.includes(`"tenant":"${id}"`))
    .sort()
    .join('\n');
}

export async function seed(id: 'acme' | 'globex'): Promise<Tenant> {
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

/** Seeds both tenants before the file's tests and closes the app after them. */
export function twoTenants(): void {
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
}

export const pairs = [
  { a: 'acme', b: 'globex' },
  { a: 'globex', b: 'acme' },
] as const;
