// The model engine through the real service over HTTP, against the loopback OpenAI-wire server:
// streamed persona replies, the judge at complete (stored sanitised, judged once), and the
// rubric fallback when the judge fails.
import type { Feedback } from '@inflow/contract';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { coachFromEnv } from '../env.js';
import type { RunningServer } from '../node.js';
import { startFakeLlm, type FakeLlm } from '../test/fake-llm.js';
import { client, start, token } from '../test/harness.js';
import { openAiEngine } from './openai.js';

const CHUNKS = ['Honestly, ', 'the escalations ', 'keep pulling ', 'me away.'];
let llm: FakeLlm;
let service: RunningServer;

beforeAll(async () => {
  llm = await startFakeLlm();
  service = await start({
    dataDir: 'memory://',
    coach: openAiEngine({
      baseUrl: llm.baseUrl,
      model: 'test-model',
      apiKey: 'sk-test',
      timeoutMs: 1000,
      retryDelayMs: 10,
    }),
  });
});

afterAll(async () => {
  await service?.close();
  await llm?.close();
});

beforeEach(() => {
  llm.mode = { kind: 'ok', deltas: CHUNKS };
  llm.calls.length = 0;
  llm.upcoming.length = 0;
});

async function practise(turns: string[], sub: string): Promise<{ id: string; t: string }> {
  const call = client(service.url);
  const t = await token({ sub });
  const s = await call('POST', '/v1/sessions', {
    token: t,
    body: { scenario: 'underperformance', source: 'embedded' },
  });
  for (const text of turns)
    await call('POST', `/v1/sessions/${s.json.id}/turns`, {
      token: t,
      body: { text },
      headers: { accept: 'application/json' },
    });
  return { id: s.json.id, t };
}

test('streams the model reply through the service as SSE deltas, with the host context fenced', async () => {
  const call = client(service.url);
  const t = await token({ sub: 'm1' });
  const s = await call('POST', '/v1/sessions', {
    token: t,
    body: { scenario: 'underperformance', source: 'embedded', context: { role: 'Senior engineer' } },
  });
  const r = await call('POST', `/v1/sessions/${s.json.id}/turns`, {
    token: t,
    body: { text: 'What is getting in the way?' },
  });
  const deltas = [...r.text.matchAll(/event: delta\ndata: (.*)\n/g)].map(
    (m) => (JSON.parse(m[1]!) as { text: string }).text,
  );
  expect(deltas).toEqual(CHUNKS);
  expect(r.text).toContain('event: done');

  const req = llm.calls[0]!;
  expect(req.headers.authorization).toBe('Bearer sk-test');
  expect(req.body).toMatchObject({ model: 'test-model', stream: true });
  expect(req.body.messages[0]!.role).toBe('system');
  expect(req.body.messages[0]!.content).toContain('Sam Patel');
  expect(req.body.messages[0]!.content).toMatch(
    /<host_context>\n\{\n "role": "Senior engineer"\n\}\n<\/host_context>/,
  );
  // The persona is the assistant; the opening line and the user's turn follow in order.
  expect(req.body.messages.slice(1).map((m) => m.role)).toEqual(['assistant', 'user']);
  expect(req.body.messages[2]!.content).toBe('What is getting in the way?');

  // The next turn carries the stored reply as history.
  await call('POST', `/v1/sessions/${s.json.id}/turns`, {
    token: t,
    body: { text: 'I see.' },
    headers: { accept: 'application/json' },
  });
  expect(llm.calls[1]!.body.messages.slice(1).map((m) => m.content)).toEqual([
    s.json.opening.text,
    'What is getting in the way?',
    CHUNKS.join(''),
    'I see.',
  ]);
});

test('complete is judged by the model once; the stored feedback is the sanitised one, returned again on retry', async () => {
  const { id, t } = await practise(
    ['You missed the last three sprint commitments.', 'What is getting in the way?'],
    'm3',
  );
  llm.judge = {
    kind: 'answer',
    answer: {
      scores: [
        {
          criterion: 'specifics',
          score: 3,
          evidence: ['you missed the last three sprint commitments.'],
          rawNote: 'RAW-JUDGE-FIELD',
        },
        {
          criterion: 'inquiry',
          score: 7,
          evidence: ['What is getting in the way?', 'I invented this quote'],
        },
        { criterion: 'impact', score: 2, evidence: ['I invented this too'] },
        { criterion: 'extra', score: 3, evidence: [] },
      ],
      summary: 'Specific and curious.',
      nextStep: 'Explain the impact on the team.',
      debug: 'RAW-JUDGE-TOP',
    },
  };
  const call = client(service.url);
  llm.calls.length = 0;
  const first = await call('POST', `/v1/sessions/${id}/complete`, { token: t });
  expect(first.status).toBe(200);
  const fb = first.json as Feedback;
  expect(fb.scores.map((s) => [s.criterion, s.score, s.scoredBy, s.evidence])).toEqual([
    ['specifics', 3, 'model', ['You missed the last three sprint commitments.']],
    ['inquiry', 3, 'model', ['What is getting in the way?']],
    ['impact', 0, 'rubric', []],
    ['plan', 0, 'rubric', []],
  ]);
  expect(fb).toMatchObject({
    judgeVersion: 'judge-1:test-model',
    scenarioVersion: 1,
    summary: '6/12. Specific and curious.',
    passed: false,
  });
  expect(llm.calls.filter((c) => c.body.stream === false)).toHaveLength(1);

  const again = await call('POST', `/v1/sessions/${id}/complete`, { token: t });
  expect(again.json).toEqual(fb);
  expect(llm.calls.filter((c) => c.body.stream === false)).toHaveLength(1);
  const rows = await service.query<{ row: string }>(
    `select row_to_json(s)::text as row from sessions s where id = $1`,
    [id],
  );
  expect(rows[0]!.row).not.toMatch(/RAW-JUDGE|invented|rawNote|debug/);
});

test('a judge that refuses: complete still answers 200 with the rubric feedback', async () => {
  const { id, t } = await practise(['What is getting in the way?'], 'm4');
  llm.judge = { kind: 'refusal', refusal: 'I cannot assess this.' };
  const r = await client(service.url)('POST', `/v1/sessions/${id}/complete`, { token: t });
  expect(r.status).toBe(200);
  expect(r.json.judgeVersion).toBe('rubric-1');
  expect(r.json.scores.map((s: { scoredBy: string }) => s.scoredBy)).toEqual([
    'rubric',
    'rubric',
    'rubric',
    'rubric',
  ]);
  expect(r.json.scores[1].evidence).toEqual(['What is getting in the way?']);
});

test('a failing model is a 502 coach_unavailable (JSON) or an SSE error event; the turn is not stored', async () => {
  const call = client(service.url);
  const t = await token({ sub: 'm2' });
  const s = await call('POST', '/v1/sessions', {
    token: t,
    body: { scenario: 'goal-setting', source: 'embedded' },
  });
  llm.mode = { kind: 'status', status: 503 };
  const json = await call('POST', `/v1/sessions/${s.json.id}/turns`, {
    token: t,
    body: { text: 'Hello?' },
    headers: { accept: 'application/json' },
  });
  expect({ status: json.status, code: json.json.error.code }).toEqual({
    status: 502,
    code: 'coach_unavailable',
  });
  expect(llm.calls).toHaveLength(2); // one retry after the 5xx
  llm.mode = { kind: 'error-chunk', deltas: ['Partial'] };
  const sse = await call('POST', `/v1/sessions/${s.json.id}/turns`, { token: t, body: { text: 'Hello?' } });
  expect(sse.text).toMatch(/event: error\ndata: \{"error":\{"code":"coach_unavailable"/);
  expect(sse.text).not.toContain('event: done');
  const rows = await service.query<{ user_turns: number }>(`select user_turns from sessions where id = $1`, [
    s.json.id,
  ]);
  expect(rows[0]!.user_turns).toBe(0);
});

test('INFLOW_LLM_BASE_URL selects the OpenAI-compatible engine; without it the scripted one', () => {
  expect(coachFromEnv({ INFLOW_LLM_BASE_URL: llm.baseUrl, INFLOW_LLM_MODEL: 'm' }).name).toBe('openai:m');
  expect(coachFromEnv({}).name).toBe('scripted');
});
