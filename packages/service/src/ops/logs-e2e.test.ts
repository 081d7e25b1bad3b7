// The logs of a whole run of `inflow serve`, read as an operator's log shipper would: every line
// it writes while a person practises over HTTP (session, streamed and JSON turns, completion,
// attempts, events, the activation report, refusals). No line holds the token, the transcript or
// the host context; each request has exactly one line with its id, tenant, route pattern, method,
// status and latency, and the id is the response's X-Request-Id.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serveInflow, type Exit, type ServingChild } from '../test/cli-child.js';
import { token, uuid } from '../test/harness.js';

const TRANSCRIPT = [
  'Zebracorn quarterly widget heuristics are slipping, and I want to understand why with you.',
  'Could we agree that the Zebracorn dashboard ships by Thursday, and what support do you need?',
  'Thank you; let us check in on the Zebracorn plan next Monday at nine.',
];
const CONTEXT_VALUE = 'Quokka-Review-7731 for Marisol Vantablack';
const TEAM = 'team-umbra';

const dir = mkdtempSync(join(tmpdir(), 'inflow-logs-'));
let served: ServingChild;
let exit: Exit;
let practice: string;
let admin: string;
/** Each request the test made, with the id the response carried. */
const sent: { method: string; path: string; status: number; reqId: string }[] = [];

async function call(
  method: string,
  path: string,
  init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await fetch(`${served.url}${path}`, {
    method,
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  sent.push({ method, path, status: res.status, reqId: res.headers.get('x-request-id') ?? '' });
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

beforeAll(async () => {
  served = await serveInflow(['--data-dir', join(dir, 'data')], { INFLOW_RATE_LIMIT: 'off' });
  practice = await token({ sub: 'manager-42', team: TEAM });
  admin = await token({ sub: 'hr-7', team: TEAM, scope: 'admin' });

  const created = await call('POST', '/v1/sessions', {
    token: practice,
    body: { scenario: 'underperformance', source: 'embedded', context: { 'review-title': CONTEXT_VALUE } },
  });
  expect(created.status, created.text).toBe(201);
  const id = created.json().id as string;
  const streamed = await call('POST', `/v1/sessions/${id}/turns`, {
    token: practice,
    body: { text: TRANSCRIPT[0] },
    headers: { accept: 'text/event-stream', 'x-request-id': 'lb-7f3a.trace:42' },
  });
  expect(streamed.text).toMatch(/event: done/);
  for (const text of TRANSCRIPT.slice(1)) {
    const r = await call('POST', `/v1/sessions/${id}/turns`, {
      token: practice,
      body: { text },
      headers: { accept: 'application/json', 'x-request-id': `bad id with spaces ${'x'.repeat(80)}` },
    });
    expect(r.status, r.text).toBe(200);
  }
  const completed = await call('POST', `/v1/sessions/${id}/complete`, { token: practice });
  expect(completed.status, completed.text).toBe(200);
  // The feedback quotes the transcript back to the person: the text really went through.
  expect(completed.text).toContain('Zebracorn');
  expect((await call('GET', '/v1/me/sessions?scenario=underperformance', { token: practice })).status).toBe(
    200,
  );
  const at = new Date().toISOString();
  const events = [1, 2].map((n) => ({
    id: uuid(n),
    name: 'open',
    at,
    scenario: 'underperformance',
    source: 'embedded',
  }));
  expect((await call('POST', '/v1/events', { token: practice, body: { events } })).status).toBe(202);
  expect((await call('GET', '/v1/activation', { token: admin })).status).toBe(200);
  // Refusals: no token, a forged one, a practice token on an admin route, an unknown session, a bad body.
  expect((await call('GET', '/v1/scenarios')).status).toBe(401);
  expect((await call('GET', '/v1/scenarios', { token: `${practice}x` })).status).toBe(401);
  expect((await call('GET', '/v1/activation', { token: practice })).status).toBe(403);
  expect(
    (await call('POST', `/v1/sessions/${uuid(99)}/turns`, { token: practice, body: { text: TRANSCRIPT[0] } }))
      .status,
  ).toBe(404);
  expect(
    (await call('POST', '/v1/sessions', { token: practice, body: { scenario: 'x', source: CONTEXT_VALUE } }))
      .status,
  ).toBe(422);
  expect((await call('GET', '/nowhere/at/all')).status).toBe(404);
  expect((await call('GET', '/readyz')).status).toBe(200);
  exit = await served.stop();
});

afterAll(async () => {
  await served?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const lines = () => `${exit.stdout}\n${exit.stderr}`.split('\n').filter((l) => l.trim() !== '');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Line = Record<string, any>;
const records = () => lines().flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as Line] : []));

test('the run stopped cleanly', () => {
  expect(exit.code, exit.stderr).toBe(0);
});

test('no line holds a token, transcript text or a context value', () => {
  const secrets = [practice, admin, ...practice.split('.').slice(1), ...admin.split('.').slice(1)];
  const words = [...TRANSCRIPT, CONTEXT_VALUE, 'Zebracorn', 'Quokka', 'Vantablack'];
  for (const line of lines()) {
    for (const s of secrets) expect(line.includes(s), `a token in: ${line}`).toBe(false);
    for (const w of words) expect(line.includes(w), `"${w}" in: ${line}`).toBe(false);
    expect(line.toLowerCase(), line).not.toContain('bearer');
  }
});

test('exactly one line per request: id (= X-Request-Id), tenant, route pattern, method, status, latency', () => {
  const requestLines = records().filter((r) => r.msg === 'request');
  expect(requestLines).toHaveLength(sent.length);
  for (const [i, s] of sent.entries()) {
    const line = requestLines.find((r) => r.reqId === s.reqId);
    expect(line, `${s.method} ${s.path}`).toBeDefined();
    expect(line).toMatchObject({ method: s.method, status: s.status, level: 30 });
    expect(typeof line!.ms).toBe('number');
    expect(line!.route, 'a route pattern, not the raw path').not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(line!.err, 'no stack for a client error').toBeUndefined();
    expect(
      requestLines.filter((r) => r.reqId === s.reqId),
      `request ${i}: one line`,
    ).toHaveLength(1);
  }
  const byPath = (path: string) =>
    requestLines.find((r) => r.reqId === sent.find((s) => s.path === path)!.reqId)!;
  const turn = requestLines.find((r) => r.reqId === 'lb-7f3a.trace:42');
  expect(turn, 'a sane incoming X-Request-Id is kept').toMatchObject({
    route: '/v1/sessions/:id/turns',
    method: 'POST',
    status: 200,
    tenant: 'demo',
  });
  expect(sent.filter((s) => s.reqId.includes(' '))).toEqual([]);
  expect(byPath('/v1/activation')).toMatchObject({ tenant: 'demo', route: '/v1/activation' });
  expect(byPath('/v1/scenarios')).toMatchObject({ tenant: null, status: 401, code: 'unauthorized' });
  expect(byPath('/nowhere/at/all')).toMatchObject({ route: 'unmatched', status: 404 });
});
