/**
 * GET /v1/activation and PUT /v1/audience over real HTTP against the real service (in-memory
 * PGlite): the roster as CSV, events through POST /v1/events (a repeated id included), real
 * practice sessions through POST /v1/sessions + turns, scopes, tenant isolation and tenant settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivationReport } from '@inflow/contract';
import { ActivationReport as ActivationReportSchema } from '@inflow/contract/schemas';
import { check } from '../validate.js';
import type { RunningServer } from '../node.js';
import { ACME_SECRET, client, start, testTenants, token, uuid } from '../test/harness.js';

let server: RunningServer;
let call: ReturnType<typeof client>;
let admin: string;
const acme = (sub: string, extra: { team?: string; scope?: string } = {}) =>
  token({ iss: 'acme', secret: ACME_SECRET, sub, ...extra });

beforeAll(async () => {
  // acme: 2 user turns make a session meaningful; a stricter activation goal; teams of 2 shown.
  const { tenants } = await testTenants({
    acme: { meaningfulTurns: 2, goNoGo: { activationRate: 0.5 }, minGroupSize: 1 },
  });
  server = await start({ dataDir: 'memory://', tenants });
  call = client(server.url);
  admin = await acme('hr', { scope: 'admin' });
});
afterAll(() => server.close());

async function practise(user: string, team: string, source: string, turns: number): Promise<string> {
  const t = await acme(user, { team });
  const session = await call('POST', '/v1/sessions', {
    token: t,
    body: { scenario: 'underperformance', source },
  });
  expect(session.status).toBe(201);
  for (let i = 0; i < turns; i++) {
    const turn = await call('POST', `/v1/sessions/${session.json.id}/turns`, {
      token: t,
      body: { text: `turn ${i + 1}: I want to talk about the deadlines.` },
      headers: { accept: 'application/json' },
    });
    expect(turn.status).toBe(200);
  }
  return session.json.id as string;
}

describe('access', () => {
  it('needs a token with the admin scope', async () => {
    expect((await call('GET', '/v1/activation')).status).toBe(401);
    const practice = await acme('u1');
    expect((await call('GET', '/v1/activation', { token: practice })).json.error.code).toBe('forbidden');
    expect((await call('PUT', '/v1/audience', { token: practice, body: { members: [] } })).status).toBe(403);
  });

  it('rejects bad queries and bodies with stable codes and details', async () => {
    expect((await call('GET', '/v1/activation?groupBy=country', { token: admin })).status).toBe(422);
    const backwards = await call('GET', '/v1/activation?from=2026-03-02&to=2026-03-01', { token: admin });
    expect(backwards.status).toBe(422);
    expect(backwards.json.error.details).toEqual([{ path: 'from', message: 'must be before "to"' }]);
    expect((await call('GET', '/v1/activation?from=yesterday', { token: admin })).status).toBe(422);
    expect(
      (
        await call('PUT', '/v1/audience', {
          token: admin,
          raw: 'user;team',
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await call('PUT', '/v1/audience', {
          token: admin,
          raw: '{"members": [',
          headers: { 'content-type': 'application/json' },
        })
      ).json.error.code,
    ).toBe('bad_request');
    const bad = await call('PUT', '/v1/audience', {
      token: admin,
      raw: 'user,team\nu1,Ops\nu2,\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details).toEqual([{ path: 'line 3 team', message: 'required, 1-128 characters' }]);
    // Nothing was stored by the rejected upload.
    const report = await call('GET', '/v1/activation', { token: admin });
    expect(report.json.audience.size).toBe(0);
  });
});

describe('a pilot measured end to end', () => {
  let report: ActivationReport;
  beforeAll(async () => {
    const csv = 'user,team,accessAt\nann,Ops,\nbob,Ops,\ncat,Sales,\ndan,Sales,\n';
    expect(
      (await call('PUT', '/v1/audience', { token: admin, raw: csv, headers: { 'content-type': 'text/csv' } }))
        .json,
    ).toEqual({ size: 4, teams: 2 });
    // ann: embedded, 2 turns -> meaningful under acme's setting of 2 -> activated.
    await practise('ann', 'Ops', 'embedded', 2);
    // bob: only an HR campaign session with 3 turns -> prompted only.
    await practise('bob', 'Ops', 'campaign', 3);
    // cat: embedded, 1 turn -> reached first interaction at most (no events: the server's record).
    await practise('cat', 'Sales', 'embedded', 1);
    // eve is not on the roster.
    await practise('eve', 'Sales', 'embedded', 3);
    // dan: an impression, a help and an error, the same batch sent twice (a retried delivery).
    const dan = await acme('dan', { team: 'Sales' });
    const now = new Date().toISOString();
    const batch = {
      events: [
        { id: uuid(1), name: 'impression', at: now, source: 'embedded' },
        { id: uuid(2), name: 'help', at: now },
        { id: uuid(3), name: 'error', at: now, props: { code: 'network' } },
      ],
    };
    expect((await call('POST', '/v1/events', { token: dan, body: batch })).json).toEqual({
      accepted: 3,
      duplicates: 0,
    });
    expect((await call('POST', '/v1/events', { token: dan, body: batch })).json).toEqual({
      accepted: 0,
      duplicates: 3,
    });
    // Another tenant's admin and data stay apart.
    const demoAdmin = await token({ iss: 'demo', sub: 'hr', scope: 'admin' });
    await call('PUT', '/v1/audience', {
      token: demoAdmin,
      body: { members: [{ user: 'ann', team: 'Elsewhere' }] },
    });
    report = (await call('GET', '/v1/activation?groupBy=source', { token: admin })).json;
  });

  it('answers with a body that matches the contract schema', () => {
    expect(() => check(ActivationReportSchema, report)).not.toThrow();
    expect(() =>
      check(ActivationReportSchema, { ...report, activation: { ...report.activation, rate: 1.5 } }),
    ).toThrow();
  });

  it('counts the roster, the outsider and the activated, prompted-only users', () => {
    expect(report.audience).toEqual({ size: 4, teams: 2, outside: 1 });
    expect(report.meaningful).toEqual({ userTurns: 2, completed: true });
    expect(report.activation).toEqual({
      rate: 1 / 4,
      activatedUsers: 1,
      unpromptedUsers: 1,
      promptedUsers: 1,
    });
  });

  it('counts sessions from the server record and support events once despite the retried batch', () => {
    // Sessions: ann, bob, cat, eve = 4 (the client sent no session_start events here).
    expect(report.supportLoad).toMatchObject({ sessions: 4, help: 1, errors: 1, per100Sessions: 50 });
    expect(report.groups.map((g) => [g.key, g.activatedUsers, g.meaningfulUsers, g.sessions])).toEqual([
      ['campaign', 0, 1, 1],
      ['embedded', 1, 1, 3],
    ]);
    expect(report.teams.map((t) => [t.key, t.audience, t.activatedUsers, t.rate])).toEqual([
      ['Ops', 2, 1, 0.5],
      ['Sales', 2, 0, 0],
    ]);
  });

  it("decides against the tenant's own thresholds", () => {
    const rate = report.goNoGo.criteria.find((c) => c.metric === 'activationRate');
    expect(rate).toMatchObject({ threshold: 0.5, value: 0.25, pass: false });
    expect(report.goNoGo.decision).toBe('no-go');
  });

  it('keeps each tenant to its own figures', async () => {
    const demoAdmin = await token({ iss: 'demo', sub: 'hr', scope: 'admin' });
    const demo = (await call('GET', '/v1/activation', { token: demoAdmin })).json as ActivationReport;
    expect(demo.audience).toEqual({ size: 1, teams: 1, outside: 0 });
    expect(demo.funnel.every((f) => f.users === 0)).toBe(true);
    expect(demo.supportLoad.sessions).toBe(0);
  });
});
