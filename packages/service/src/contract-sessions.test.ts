// Contract tests, over real HTTP on PGlite and PostgreSQL (test/contract-api.ts): practice
// sessions from creation to feedback, transcript retention, enabled scenarios.
import * as S from '@inflow/contract/schemas';
import { describe, expect } from 'vitest';
import {
  apiOnBackend,
  contractBackends,
  SCENARIOS_TEST_IDS,
  conforms,
  expectError,
  parseSse,
  server,
  call,
  demoToken,
  acmeToken,
} from './test/contract-api.js';
import {} from './test/harness.js';

const backends = contractBackends();

describe.each(backends)('API v1 over HTTP on $name', ({ db }) => {
  const it = apiOnBackend(db);

  it('a full practice: create, streamed turn (SSE), JSON turn, complete with evidence', async () => {
    const created = await call('POST', '/v1/sessions', {
      token: demoToken,
      body: { scenario: 'underperformance', source: 'embedded', context: { role: 'Senior engineer' } },
    });
    expect(created.status).toBe(201);
    conforms(S.Session, created.json);
    expect(created.json.opening.text.length).toBeGreaterThan(10);
    const id = created.json.id as string;

    const first = 'You missed the last two sprint deadlines. What is getting in the way?';
    const sse = await fetch(`${server!.url}/v1/sessions/${id}/turns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demoToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: first }),
    });
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(sse.headers.get('x-accel-buffering')).toBe('no');
    const events = parseSse(await sse.text());
    const deltas = events.filter((e) => e.event === 'delta');
    const done = events.at(-1)!;
    expect(deltas.length).toBeGreaterThan(1);
    expect(done.event).toBe('done');
    conforms(S.TurnDoneEvent, done.data);
    expect(done.data.userTurns).toBe(1);
    expect(
      deltas
        .map((d) => d.data.text)
        .join('')
        .trim(),
    ).toBe(done.data.reply.text);

    const second = 'The delays block the team and the release. Can we agree a plan and check in next Friday?';
    const json = await call('POST', `/v1/sessions/${id}/turns`, {
      token: demoToken,
      body: { text: second },
      headers: { accept: 'application/json' },
    });
    expect(json.status).toBe(200);
    conforms(S.TurnResponse, json.json);
    expect(json.json.userTurns).toBe(2);

    const fb = await call('POST', `/v1/sessions/${id}/complete`, { token: demoToken });
    expect(fb.status).toBe(200);
    conforms(S.Feedback, fb.json);
    expect(fb.json.sessionId).toBe(id);
    for (const s of fb.json.scores as { score: number; evidence: string[] }[]) {
      expect(s.score).toBeGreaterThan(0);
      for (const quote of s.evidence) expect(first.includes(quote) || second.includes(quote)).toBe(true);
    }
    // Retention default: the transcript is gone after completion; scores stay.
    const rows = await server!.query<{ transcript: unknown; scores: unknown; user_turns: number }>(
      `select transcript, scores, user_turns from sessions where id = $1`,
      [id],
    );
    expect(rows[0]).toMatchObject({ transcript: null, user_turns: 2 });
    expect(rows[0]!.scores).not.toBeNull();

    // Completing again returns the same feedback (retry-safe); a turn after completion is a 409.
    expect((await call('POST', `/v1/sessions/${id}/complete`, { token: demoToken })).json).toEqual(fb.json);
    expectError(
      await call('POST', `/v1/sessions/${id}/turns`, { token: demoToken, body: { text: 'hello?' } }),
      409,
      'session_completed',
    );
  });

  it('every built-in scenario can be practised', async () => {
    for (const scenario of SCENARIOS_TEST_IDS) {
      const r = await call('POST', '/v1/sessions', { token: demoToken, body: { scenario, source: 'nudge' } });
      expect(r.status, scenario).toBe(201);
      const t = await call('POST', `/v1/sessions/${r.json.id}/turns`, {
        token: demoToken,
        body: { text: 'Tell me more about how you see it?' },
        headers: { accept: 'application/json' },
      });
      expect(t.status, scenario).toBe(200);
    }
  });

  it('a tenant that keeps transcripts keeps them after completion', async () => {
    const created = await call('POST', '/v1/sessions', {
      token: acmeToken,
      body: { scenario: 'goal-setting', source: 'embedded' },
    });
    await call('POST', `/v1/sessions/${created.json.id}/turns`, {
      token: acmeToken,
      body: { text: 'What would you like to work on?' },
      headers: { accept: 'application/json' },
    });
    await call('POST', `/v1/sessions/${created.json.id}/complete`, { token: acmeToken });
    const rows = await server!.query<{ transcript: { role: string; text: string }[] }>(
      `select transcript from sessions where id = $1`,
      [created.json.id],
    );
    expect(rows[0]!.transcript.map((t) => t.role)).toEqual(['coach', 'user', 'coach']);
  });

  it('a scenario the tenant has not enabled is refused', async () => {
    expectError(
      await call('POST', '/v1/sessions', {
        token: acmeToken,
        body: { scenario: 'rating-disagreement', source: 'embedded' },
      }),
      422,
      'validation_failed',
    );
  });
});
