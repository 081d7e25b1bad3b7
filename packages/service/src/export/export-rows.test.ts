/**
 * GET /v1/export/events and /v1/export/sessions on PGlite and PostgreSQL, through the real app:
 * hand-built rows and the exact NDJSON and CSV they export, the half-open range, and that no
 * transcript, feedback, context or free-text prop leaves the service.
 */
import { expect } from 'vitest';
import { onBackends } from '../test/both-stores.js';
import { exportApp, insertEvent, insertSession, ndjson } from '../test/export.js';
import { uuid } from '../test/harness.js';

const RANGE = 'from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z';
const MARKER = 'ZEBRA-MARKER-42';
const S1 = '0190b000-0000-7000-8000-000000000001';
const S2 = '0190b000-0000-7000-8000-000000000002';

onBackends('export_rows', (test) => {
  test('events: every column as exported, props only as listed short tokens, [from, to)', async (db) => {
    // Exactly `from`: in. Exactly `to`: out. A microsecond before `to`: in, to the microsecond.
    await insertEvent(db, {
      id: uuid(1),
      name: 'complete',
      at: '2026-03-01T23:59:00Z',
      receivedAt: '2026-03-02T00:00:00Z',
      team: '=HYPERLINK("x")',
      sessionId: S1,
      scenario: 'underperformance',
      source: 'embedded',
      props: { userTurns: 3, input: 'voice', note: `${MARKER} is what I told him` },
    });
    await insertEvent(db, {
      id: uuid(2),
      name: 'error',
      receivedAt: '2026-03-02T23:59:59.999999Z',
      user: 'u2',
      team: null,
      props: { code: 'coach_timeout', trigger: `I said ${MARKER}`, action: MARKER, userTurns: 'three' },
    });
    await insertEvent(db, { id: uuid(3), receivedAt: '2026-03-03T00:00:00Z' });
    await insertEvent(db, { id: uuid(4), receivedAt: '2026-03-01T23:59:59.999999Z' });
    await insertEvent(db, { id: uuid(5), receivedAt: '2026-03-02T12:00:00Z', tenant: 'globex' });

    const get = await exportApp(db);
    const res = await get(`/v1/export/events?${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="inflow-events-20260302T000000Z-20260303T000000Z.ndjson"',
    );
    const first = {
      id: uuid(1),
      type: 'complete',
      at: '2026-03-01T23:59:00.000000Z',
      received_at: '2026-03-02T00:00:00.000000Z',
      user: 'u1',
      team: '=HYPERLINK("x")',
      session_id: S1,
      scenario: 'underperformance',
      source: 'embedded',
      user_turns: 3,
      input: 'voice',
      code: null,
      trigger: null,
      action: null,
    };
    // `action` is a listed prop and a short token: it passes; `userTurns` as a string does not.
    const second = {
      id: uuid(2),
      type: 'error',
      at: '2026-03-02T23:59:59.999999Z',
      received_at: '2026-03-02T23:59:59.999999Z',
      user: 'u2',
      team: null,
      session_id: null,
      scenario: null,
      source: null,
      user_turns: null,
      input: null,
      code: 'coach_timeout',
      trigger: null,
      action: MARKER,
    };
    expect(res.text).toBe(`${JSON.stringify(first)}\n${JSON.stringify(second)}\n`);

    const csv = await get(`/v1/export/events?${RANGE}&format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.text).toBe(
      'id,type,at,received_at,user,team,session_id,scenario,source,user_turns,input,code,trigger,action\r\n' +
        `${uuid(1)},complete,2026-03-01T23:59:00.000000Z,2026-03-02T00:00:00.000000Z,u1,"'=HYPERLINK(""x"")",${S1},underperformance,embedded,3,voice,,,\r\n` +
        `${uuid(2)},error,2026-03-02T23:59:59.999999Z,2026-03-02T23:59:59.999999Z,u2,,,,,,,coach_timeout,,${MARKER}\r\n`,
    );
    // The Accept header chooses CSV when `format` is absent; `format` wins over it.
    expect((await get(`/v1/export/events?${RANGE}`, { accept: 'text/csv' })).text).toBe(csv.text);
    expect((await get(`/v1/export/events?${RANGE}&format=ndjson`, { accept: 'text/csv' })).text).toBe(
      res.text,
    );
  });

  test('sessions: facts and scores, abandoned as of the request, never the transcript', async (db) => {
    await insertSession(db, {
      id: S1,
      createdAt: '2026-03-02T09:00:00Z',
      lastActiveAt: '2026-03-02T09:10:00Z',
      completedAt: '2026-03-02T09:12:00.5Z',
      userTurns: 4,
      score: 7,
      maxScore: 10,
      passed: true,
      judgeVersion: 'rubric-2',
      transcript: [{ role: 'user', text: `${MARKER} I want to talk` }],
      scores: { feedback: `${MARKER} was good`, criteria: [{ evidence: MARKER }] },
      context: { note: MARKER },
    });
    // Not completed, idle for months by now: abandoned at its last activity (its start, none later).
    await insertSession(db, { id: S2, createdAt: '2026-03-02T10:00:00.25Z', user: 'u2', team: '-ops' });
    await insertSession(db, { id: uuid(9), createdAt: '2026-03-03T00:00:00Z' });

    const get = await exportApp(db);
    const res = await get(`/v1/export/sessions?${RANGE}`);
    expect(res.status).toBe(200);
    const common = { scenario: 'underperformance', scenario_version: 2, source: 'embedded', locale: 'en' };
    expect(ndjson(res.text)).toEqual([
      {
        id: S1,
        user: 'u1',
        team: 'A',
        ...common,
        started_at: '2026-03-02T09:00:00.000000Z',
        last_active_at: '2026-03-02T09:10:00.000000Z',
        completed_at: '2026-03-02T09:12:00.500000Z',
        abandoned_at: null,
        user_turns: 4,
        score: 7,
        max_score: 10,
        passed: true,
        judge_version: 'rubric-2',
      },
      {
        id: S2,
        user: 'u2',
        team: '-ops',
        ...common,
        started_at: '2026-03-02T10:00:00.250000Z',
        last_active_at: '2026-03-02T10:00:00.250000Z',
        completed_at: null,
        abandoned_at: '2026-03-02T10:00:00.250000Z',
        user_turns: 0,
        score: null,
        max_score: null,
        passed: null,
        judge_version: null,
      },
    ]);
    const csv = await get(`/v1/export/sessions?${RANGE}&format=csv`);
    expect(csv.text).toBe(
      'id,user,team,scenario,scenario_version,source,locale,started_at,last_active_at,completed_at,abandoned_at,user_turns,score,max_score,passed,judge_version\r\n' +
        `${S1},u1,A,underperformance,2,embedded,en,2026-03-02T09:00:00.000000Z,2026-03-02T09:10:00.000000Z,2026-03-02T09:12:00.500000Z,,4,7,10,true,rubric-2\r\n` +
        `${S2},u2,'-ops,underperformance,2,embedded,en,2026-03-02T10:00:00.250000Z,2026-03-02T10:00:00.250000Z,,2026-03-02T10:00:00.250000Z,0,,,,\r\n`,
    );
  });

  test('a session idle for less than the timeout at the request is not abandoned', async (db) => {
    const started = new Date(Date.now() - 10 * 60_000).toISOString();
    await insertSession(db, { id: S1, createdAt: started });
    const get = await exportApp(db);
    const [row] = ndjson((await get('/v1/export/sessions')).text);
    expect(row).toMatchObject({ id: S1, completed_at: null, abandoned_at: null });
  });

  test('no transcript text, feedback, context or free-text prop leaks, in either format', async (db) => {
    await insertSession(db, {
      id: S1,
      createdAt: '2026-03-02T09:00:00Z',
      transcript: [{ role: 'user', text: `The words ${MARKER} I typed` }],
      scores: { feedback: `You said ${MARKER}`, criteria: [{ id: 'ask', evidence: `"${MARKER}"` }] },
      context: { topic: `${MARKER} review` },
    });
    await insertEvent(db, {
      id: uuid(1),
      receivedAt: '2026-03-02T09:00:00Z',
      props: { note: `I told my manager ${MARKER} today`, trigger: `${MARKER} and more`, reason: MARKER },
    });
    const get = await exportApp(db);
    for (const path of ['events', 'sessions'])
      for (const format of ['ndjson', 'csv']) {
        const res = await get(`/v1/export/${path}?${RANGE}&format=${format}`);
        expect(res.status).toBe(200);
        expect(res.text.split(/\r?\n/).filter(Boolean)).toHaveLength(format === 'csv' ? 2 : 1);
        expect(res.text, `${path} ${format}`).not.toContain(MARKER);
      }
  });
});
