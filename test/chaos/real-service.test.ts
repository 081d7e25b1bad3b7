// @inflow/client in Node against the real service over HTTP (no mocks): every typed call, a real
// SSE stream (and its cancellation), the event outbox, errors as InflowApiError, and the 401 →
// one refresh path with a token the real service rejects (not an injected status).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, InflowApiError, type TurnStreamEvent } from '@inflow/client';
import { DEMO_SECRET, mintToken, startServer } from '@inflow/service';

let server: Awaited<ReturnType<typeof startServer>>;
const mint = (user: string, scope: 'practice' | 'admin' = 'practice', now?: Date) =>
  mintToken({
    tenant: 'demo',
    user,
    team: 'team-a',
    scope,
    secret: DEMO_SECRET,
    ...(now ? { now } : {}),
  }).then((t) => t.token);

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', log: () => undefined });
});
afterAll(() => server?.close());

describe('client ↔ real service', () => {
  it('runs a practice: scenarios, session, streamed and JSON turns, feedback, events', async () => {
    const client = createClient({ apiBase: server.url, fetchToken: () => mint('real-user') });
    expect(await client.health()).toEqual({ status: 'ok' });
    expect(await client.health('readyz')).toEqual({ status: 'ok' });
    const { scenarios, disclosure } = await client.listScenarios();
    expect(scenarios.map((s) => s.id)).toContain('goal-setting');
    expect(disclosure.length).toBeGreaterThan(0);

    const session = await client.createSession({
      scenario: 'goal-setting',
      source: 'embedded',
      context: { role: 'Engineer' },
    });
    expect(session.opening.text.length).toBeGreaterThan(10);

    const parts: TurnStreamEvent[] = [];
    for await (const part of client.streamTurn(
      session.id,
      'I would like us to agree on two goals for next quarter.',
    ))
      parts.push(part);
    const done = parts.at(-1);
    expect(done?.type).toBe('done');
    const deltas = parts.filter((p): p is Extract<TurnStreamEvent, { type: 'delta' }> => p.type === 'delta');
    expect(deltas.length).toBeGreaterThan(1); // really streamed
    expect(
      deltas
        .map((d) => d.text)
        .join('')
        .trim(),
    ).toBe(done?.type === 'done' ? done.reply.text.trim() : '');
    expect(done).toMatchObject({ userTurns: 1 });

    const json = await client.sendTurn(session.id, 'What would success look like for you?');
    expect(json.userTurns).toBe(2);

    const feedback = await client.completeSession(session.id);
    expect(feedback.sessionId).toBe(session.id);
    expect(feedback.scores.length).toBeGreaterThan(0);

    // A completed session refuses turns with a stable code.
    const error = await client.sendTurn(session.id, 'one more?').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InflowApiError);
    expect(error).toMatchObject({ status: 409, code: 'session_completed' });

    const ids = [
      client.track('open', { scenario: 'goal-setting', source: 'embedded' }),
      client.track('session_start', { sessionId: session.id, scenario: 'goal-setting', source: 'embedded' }),
      client.track('first_interaction', {
        sessionId: session.id,
        scenario: 'goal-setting',
        source: 'embedded',
        props: { turns: 1 },
      }),
    ];
    await client.flush();
    const rows = await server.query<{ id: string; name: string; user: string }>(
      `select id::text as id, name, "user" from events where id = any($1::uuid[]) order by id`,
      [ids],
    );
    expect(rows).toEqual(
      ids.map((id, i) => ({
        id,
        name: ['open', 'session_start', 'first_interaction'][i],
        user: 'real-user',
      })),
    );
    expect(client.stats()).toMatchObject({ storage: 'memory', queued: 0, delivered: 3, duplicates: 0 });
    client.dispose();
  });

  it('cancels a streamed turn with an AbortSignal', async () => {
    const client = createClient({ apiBase: server.url, fetchToken: () => mint('abort-user') });
    const session = await client.createSession({ scenario: 'underperformance', source: 'nudge' });
    const controller = new AbortController();
    const seen: TurnStreamEvent[] = [];
    const run = (async () => {
      for await (const part of client.streamTurn(session.id, 'Can we talk about the missed deadlines?', {
        signal: controller.signal,
      })) {
        seen.push(part);
        controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(1);
    client.dispose();
  });

  it('a token the service rejects (secret rotated away) gets 401, ONE refresh, and the call succeeds', async () => {
    const statuses: number[] = [];
    const counting = async (url: string, init?: RequestInit) => {
      const res = await fetch(url, init);
      statuses.push(res.status);
      return res;
    };
    let calls = 0;
    const fetchToken = async () =>
      calls++ === 0
        ? (
            await mintToken({
              tenant: 'demo',
              user: 'rotated-user',
              secret: 'an-old-secret-the-tenant-no-longer-accepts',
            })
          ).token
        : mint('rotated-user');
    const client = createClient({ apiBase: server.url, fetchToken, fetch: counting });
    await expect(client.listScenarios()).resolves.toMatchObject({ scenarios: expect.any(Array) });
    expect(statuses).toEqual([401, 200]);
    expect(calls).toBe(2);
    client.dispose();
  });

  it('a token already past its exp is replaced before use, without a 401', async () => {
    const statuses: number[] = [];
    const counting = async (url: string, init?: RequestInit) => {
      const res = await fetch(url, init);
      statuses.push(res.status);
      return res;
    };
    const stale = await mint('stale-user', 'practice', new Date(Date.now() - 20 * 60_000));
    let calls = 0;
    const client = createClient({
      apiBase: server.url,
      token: stale,
      fetchToken: () => (calls++, mint('stale-user')),
      fetch: counting,
    });
    await client.listScenarios();
    expect(statuses).toEqual([200]);
    expect(calls).toBeGreaterThanOrEqual(1);
    client.dispose();
  });

  it('admin calls: roster as CSV and JSON, activation report, scope enforced', async () => {
    const admin = createClient({ apiBase: server.url, fetchToken: () => mint('hr-admin', 'admin') });
    expect(await admin.putAudience('user,team\nreal-user,team-a\nabort-user,team-b\n')).toEqual({
      size: 2,
      teams: 2,
    });
    expect(await admin.putAudience([{ user: 'real-user', team: 'team-a' }])).toEqual({ size: 1, teams: 1 });
    const report = await admin.getActivation({ groupBy: 'team' });
    expect(report.groupBy).toBe('team');
    expect(report.audience.size).toBe(1);
    const practice = createClient({ apiBase: server.url, fetchToken: () => mint('real-user') });
    await expect(practice.getActivation()).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    admin.dispose();
    practice.dispose();
  });
});
