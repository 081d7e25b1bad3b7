// Token hygiene on the service side: an embed token is a bearer credential, so it must
// never reach a log line, a stored row (events included: the unload flush carries the token in its
// body) or a response body. Browser-side "never in a URL" is checked in test/security/.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ACME_SECRET, testTenants, token, uuid } from '../test/harness.js';
import { clockedApp, type ClockedApp } from '../test/support.js';

let api: ClockedApp;
const consoleLines: string[] = [];
const responses: string[] = [];
const tokens: string[] = [];

/** The token and its signature alone (a partial leak is still a leak). */
const secretsOf = (t: string) => [t, t.split('.')[2]!];

async function call(path: string, init: RequestInit): Promise<Response> {
  const res = await api.fetch(path, init);
  const headers = [...res.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');
  // What the service sent back (not the request line: one request puts a token in the path on purpose).
  responses.push(`${res.status}\n${headers}\n${await res.clone().text()}`);
  return res;
}

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) =>
        void consoleLines.push(
          args
            .map((a) =>
              a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a),
            )
            .join(' '),
        ),
    );
  }
  api = await clockedApp((await testTenants()).tenants);

  const practice = await token({
    iss: 'acme',
    sub: 'hygiene-user',
    team: 'hygiene-team',
    secret: ACME_SECRET,
  });
  const admin = await token({ iss: 'acme', sub: 'hygiene-hr', scope: 'admin', secret: ACME_SECRET });
  const unload = await token({
    iss: 'acme',
    sub: 'hygiene-user',
    team: 'hygiene-team',
    secret: ACME_SECRET,
    exp: 599,
  });
  const expired = await token({
    iss: 'acme',
    sub: 'hygiene-user',
    secret: ACME_SECRET,
    exp: -120,
    iat: -300,
  });
  const wrongKey = await token({
    iss: 'acme',
    sub: 'hygiene-user',
    secret: 'not-the-acme-secret-0000000000000',
  });
  tokens.push(practice, admin, unload, expired, wrongKey);
  const json = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });

  // A whole practice, events both ways (header and unload form), admin reads, and failures.
  const created = await call('/v1/sessions', {
    method: 'POST',
    headers: json(practice),
    body: JSON.stringify({ scenario: 'goal-setting', source: 'embedded' }),
  });
  const { id } = (await created.json()) as { id: string };
  await call(`/v1/sessions/${id}/turns`, {
    method: 'POST',
    headers: json(practice),
    body: JSON.stringify({ text: 'Let us set three goals.' }),
  });
  await call(`/v1/sessions/${id}/turns`, {
    method: 'POST',
    headers: { ...json(practice), accept: 'application/json' },
    body: JSON.stringify({ text: 'First, ship the API.' }),
  });
  await call(`/v1/sessions/${id}/complete`, { method: 'POST', headers: json(practice) });
  const at = new Date().toISOString();
  await call('/v1/events', {
    method: 'POST',
    headers: json(practice),
    body: JSON.stringify({ events: [{ id: uuid(1), name: 'open', at, sessionId: id }] }),
  });
  // The CORS-simple unload flush: token in a text/plain body.
  const flushed = await call('/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({
      token: unload,
      events: [{ id: uuid(2), name: 'complete', at, sessionId: id, props: { turns: 2 } }],
    }),
  });
  expect(flushed.status).toBe(202);
  await call('/v1/activation', { headers: json(admin) });
  await call('/v1/audience', {
    method: 'PUT',
    headers: json(admin),
    body: JSON.stringify({ members: [{ user: 'hygiene-user', team: 'hygiene-team' }] }),
  });
  // Failures: expired, bad signature, malformed, the token where a body field is expected.
  await call('/v1/scenarios', { headers: json(expired) });
  await call('/v1/scenarios', { headers: json(wrongKey) });
  await call('/v1/scenarios', { headers: { authorization: `Bearer ${practice}x` } });
  await call('/v1/sessions', {
    method: 'POST',
    headers: json(practice),
    body: JSON.stringify({ scenario: practice, source: 'embedded', context: { token: practice } }),
  });
  await call('/v1/events', {
    method: 'POST',
    headers: json(practice),
    body: JSON.stringify({
      events: [{ id: uuid(3), name: 'open', at, props: { token: practice } }],
      token: practice,
    }),
  });
  await call(`/v1/sessions/${practice}/turns`, { method: 'POST', headers: json(practice), body: '{' });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await api.close();
});

describe('embed tokens', () => {
  test('the run did what a real embed does (sessions, events stored)', async () => {
    const dump = await api.dump();
    expect(dump).toMatch(/"name":"complete"/);
    expect(dump).toMatch(/"name":"open"/);
  });

  test('never appear in a server log line or console output', () => {
    const logs = [...api.logs, ...consoleLines].join('\n');
    for (const t of tokens)
      for (const s of secretsOf(t)) expect(logs.includes(s), 'token in the logs').toBe(false);
  });

  test('are never stored: no row of any table contains one (the unload form strips it)', async () => {
    const dump = await api.dump();
    for (const t of tokens)
      for (const s of secretsOf(t)) expect(dump.includes(s), 'token in the database').toBe(false);
  });

  test('are never echoed back in a response body or header', () => {
    // Including the requests that put a token where data goes (a scenario id, a path id, props):
    // the service may refuse them, but must not echo the value.
    for (const t of tokens)
      for (const s of secretsOf(t)) {
        const hit = responses.find((r) => r.includes(s));
        expect(hit, 'token echoed').toBeUndefined();
      }
  });
});
