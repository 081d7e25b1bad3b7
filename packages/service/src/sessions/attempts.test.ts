// GET /v1/me/sessions over real HTTP, on PGlite and on PostgreSQL: a person's own completed
// attempts with scores, best, first-to-best change and pass; nobody else's, HR's token included.
import * as S from '@inflow/contract/schemas';
import { beforeAll, describe, expect } from 'vitest';
import { conforms, pricing, serveOnBackend, status, storageBackends } from '../test/authored.js';
import { token } from '../test/harness.js';

const { backends, skipReason } = storageBackends('attempts');

describe.each(backends)('attempts on $name', ({ db }) => {
  const { live, it } = serveOnBackend(db, skipReason);
  let other: string;

  beforeAll(async () => {
    other = await token({ sub: 'u2', team: 'sales' });
  });

  const put = (id: string, body: unknown) =>
    live.call('PUT', `/v1/scenarios/${id}`, { token: live.admin, body });
  const startSession = (id: string, t = live.practice) =>
    live.call('POST', '/v1/sessions', { token: t, body: { scenario: id, source: 'embedded' } });
  const turn = (session: string, text: string, t = live.practice) =>
    live.call('POST', `/v1/sessions/${session}/turns`, {
      token: t,
      body: { text },
      headers: { accept: 'application/json' },
    });

  it('GET /v1/me/sessions: the caller’s own completed attempts, best, first-to-best change and pass; nobody else’s', async () => {
    await put('attempts', pricing());
    const attempt = async (t: string, texts: string[]) => {
      const s = (await startSession('attempts', t)).json;
      for (const text of texts) await turn(s.id, text, t);
      return (await live.call('POST', `/v1/sessions/${s.id}/complete`, { token: t })).json;
    };
    const first = await attempt(live.practice, ['Hello.']);
    const best = await attempt(live.practice, [
      'The budget is frozen.',
      'How do you feel? The budget decision was hard.',
    ]);
    await attempt(live.practice, ['The budget is frozen.']);
    await startSession('attempts'); // running, not completed: not an attempt
    await attempt(other, ['The budget, sorry.']);

    const mine = await live.call('GET', '/v1/me/sessions?scenario=attempts', { token: live.practice });
    expect(mine.status).toBe(200);
    conforms(S.MyAttempts, mine.json);
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    expect(mine.json.attempts.map((a: { sessionId: string }) => a.sessionId).slice(0, 2)).toEqual([
      first.sessionId,
      best.sessionId,
    ]);
    expect(mine.json.attempts).toHaveLength(3);
    const total = (fb: { scores: { score: number }[] }) => fb.scores.reduce((n, s) => n + s.score, 0);
    expect(mine.json.best).toEqual({ sessionId: best.sessionId, score: total(best), maxScore: 6 });
    expect(mine.json.firstToBest).toBeCloseTo(total(best) / 6 - total(first) / 6);
    expect(mine.json.passedEver).toBe(true);
    expect(mine.json.attempts[0]).toMatchObject({ passed: false, scenarioVersion: 1, score: 0, maxScore: 6 });

    const theirs = (await live.call('GET', '/v1/me/sessions?scenario=attempts', { token: other })).json;
    expect(theirs.attempts).toHaveLength(1);
    // HR's admin token sees its own attempts only (none): never a person's scores.
    expect((await live.call('GET', '/v1/me/sessions?scenario=attempts', { token: live.admin })).json).toEqual(
      {
        scenario: 'attempts',
        attempts: [],
        best: null,
        firstToBest: null,
        passedEver: false,
      },
    );
    // Another person's session, even in the same tenant, is a 404.
    expect(
      status(await live.call('POST', `/v1/sessions/${first.sessionId}/complete`, { token: other })),
    ).toEqual({
      status: 404,
      code: 'not_found',
    });
    expect(status(await live.call('GET', '/v1/me/sessions', { token: live.practice }))).toEqual({
      status: 422,
      code: 'validation_failed',
    });
  });
});
