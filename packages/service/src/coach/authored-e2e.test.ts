// An authored scenario end to end without a model, through the real service over HTTP: published
// with no signals and no script, practised on the scripted engine, and scored with the user's
// own words; then with a model, the judge scores the same pinned version.
import type { Feedback, ScenarioInput } from '@inflow/contract';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningServer } from '../node.js';
import { startFakeLlm, type FakeLlm } from '../test/fake-llm.js';
import { OVERTIME } from '../test/authored.js';
import { client, start, token } from '../test/harness.js';
import { openAiEngine } from './openai.js';

const SCENARIO: ScenarioInput = {
  ...OVERTIME,
  status: 'published',
  rubric: [
    { id: 'pattern', label: 'Weekend pattern', description: 'Points to the weekends worked.' },
    { id: 'limits', label: 'Working hours', description: 'Agrees sustainable limits on overtime.' },
  ],
};

let scripted: RunningServer;
let model: RunningServer;
let llm: FakeLlm;

beforeAll(async () => {
  llm = await startFakeLlm();
  scripted = await start({ dataDir: 'memory://' });
  model = await start({
    dataDir: 'memory://',
    coach: openAiEngine({ baseUrl: llm.baseUrl, model: 'judge-model', timeoutMs: 1000 }),
  });
});
afterAll(async () => {
  await scripted?.close();
  await model?.close();
  await llm?.close();
});

async function practise(server: RunningServer, turns: string[]): Promise<Feedback> {
  const call = client(server.url);
  const admin = await token({ sub: 'hr', scope: 'admin' });
  const put = await call('PUT', '/v1/scenarios/overtime', { token: admin, body: SCENARIO });
  expect([200, 201]).toContain(put.status);
  const t = await token({ sub: 'manager-1' });
  const s = await call('POST', '/v1/sessions', {
    token: t,
    body: { scenario: 'overtime', source: 'embedded' },
  });
  expect(s.status).toBe(201);
  expect(s.json.opening.text).toBe('Hi. You wanted to talk?');
  for (const text of turns) {
    const r = await call('POST', `/v1/sessions/${s.json.id}/turns`, {
      token: t,
      body: { text },
      headers: { accept: 'application/json' },
    });
    expect(r.status).toBe(200);
  }
  const done = await call('POST', `/v1/sessions/${s.json.id}/complete`, { token: t });
  expect(done.status).toBe(200);
  return done.json as Feedback;
}

test('without a model: signals derived from label and description, feedback quotes the user', async () => {
  const fb = await practise(scripted, [
    'You worked every weekend this month.',
    'What working hours would feel sustainable?',
  ]);
  expect(fb.scores).toEqual([
    {
      criterion: 'pattern',
      label: 'Weekend pattern',
      score: 2,
      max: 3,
      evidence: ['You worked every weekend this month.'],
      scoredBy: 'rubric',
    },
    {
      criterion: 'limits',
      label: 'Working hours',
      score: 2,
      max: 3,
      evidence: ['What working hours would feel sustainable?'],
      scoredBy: 'rubric',
    },
  ]);
  expect(fb).toMatchObject({
    scenario: 'overtime',
    scenarioVersion: 1,
    judgeVersion: 'rubric-1',
    passThreshold: 0.7,
    passed: false,
  });
});

test('with a model: the judge scores the authored rubric and only the user quotes survive', async () => {
  llm.mode = { kind: 'ok', deltas: ['Fine, ', 'I guess.'] };
  llm.judge = {
    kind: 'answer',
    answer: {
      scores: [
        { criterion: 'pattern', score: 3, evidence: ['every weekend this month'] },
        { criterion: 'limits', score: 3, evidence: ['We agreed on a 40-hour week.'] },
      ],
      summary: 'Direct.',
      nextStep: 'Agree the limits explicitly.',
    },
  };
  const fb = await practise(model, ['You worked every weekend this month.', 'Can we talk about it?']);
  expect(fb.scores.map((s) => [s.criterion, s.score, s.scoredBy, s.evidence])).toEqual([
    ['pattern', 3, 'model', ['every weekend this month']],
    ['limits', 0, 'rubric', []],
  ]);
  expect(fb.judgeVersion).toBe('judge-1:judge-model');
  const judge = llm.calls.find((c) => c.body.stream === false)!;
  expect(judge.body.messages[1]!.content).toContain('"label": "Working hours"');
});
