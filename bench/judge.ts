// The judge's cost to `complete` (docs/scenarios.md "The judge and its fallbacks"): with
// the model engine against the loopback OpenAI-wire server, each complete should add at most one
// model call and at most 50 ms p95 of the service's own time over the model's time. Per complete:
// total = the HTTP round trip of POST /v1/sessions/{id}/complete seen by the client; model = the
// time the loopback model spent on the judge calls made during it (from request arrival to the
// end of its response, same clock, same process); own = total − model. The same completes on the
// scripted engine (no model), interleaved one for one, are the baseline: what the service's own
// complete costs on this machine at this moment without any judge.
import type { Feedback } from '../packages/contract/src/index.js';
import type { LlmRequest } from '../packages/service/src/test/fake-llm.js';
import { openAiEngine } from '../packages/service/src/index.js';
import { startFakeLlm } from '../packages/service/src/test/fake-llm.js';
import { JUDGE_MODEL_CALLS_PER_COMPLETE, JUDGE_OWN_P95_MS } from './budgets.mjs';
import { log, median, quantile, QUICK, result, round, startBenchService } from './lib.js';

const COMPLETES = QUICK ? 30 : 200;
const WARMUP = QUICK ? 3 : 10;
const MODEL_DELAY_MS = 20;
const TURNS = [
  'You missed the last three sprint commitments, for example the payments ticket.',
  'Help me understand: what is getting in the way?',
  'When it slips, the team is blocked and the release moves.',
  "Let's agree a plan and check in next Friday.",
];

/** A well-formed judge: every criterion scored 2 with a quote of the first user turn. */
function answer(request: LlmRequest): unknown {
  const schema = request.response_format?.json_schema?.schema as {
    properties: { scores: { items: { properties: { criterion: { enum: string[] } } } } };
  };
  const ids = schema.properties.scores.items.properties.criterion.enum;
  return {
    scores: ids.map((criterion) => ({ criterion, score: 2, evidence: [TURNS[0]] })),
    summary: 'Clear and specific.',
    nextStep: 'Name the impact earlier.',
  };
}

const llm = await startFakeLlm({ kind: 'ok', deltas: ['Okay, ', 'that is fair.'] });
llm.judge = { kind: 'answer', answer, delayMs: MODEL_DELAY_MS };
const service = await startBenchService({ coach: openAiEngine({ baseUrl: llm.baseUrl, model: 'bench' }) });
const scripted = await startBenchService();

async function call<T = Record<string, string>>(
  base: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<T> {
  const r = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body ?? {}),
  });
  if (!r.ok) throw new Error(`${path} answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as T;
}

/** One practice of four turns, then the timed complete. */
async function complete(base: string, user: string): Promise<{ total: number; feedback: Feedback }> {
  const { token } = await call(base, '/demo/token', undefined, { user });
  const session = await call(base, '/v1/sessions', token, {
    scenario: 'underperformance',
    source: 'embedded',
  });
  for (const text of TURNS) await call(base, `/v1/sessions/${session.id}/turns`, token, { text });
  const started = performance.now();
  const feedback = await call<Feedback>(base, `/v1/sessions/${session.id}/complete`, token);
  return { total: performance.now() - started, feedback };
}

const own: number[] = [];
const totals: number[] = [];
const modelTimes: number[] = [];
const baseline: number[] = [];
const callsPerComplete: number[] = [];
let modelScored = 0;
for (let i = 0; i < WARMUP + COMPLETES; i++) {
  const before = llm.calls.length;
  const judged = await complete(service.url, `bench-${i}`);
  const judgeCalls = llm.calls.slice(before).filter((c) => c.body.stream !== true);
  const model = judgeCalls.reduce((sum, c) => sum + ((c.endedAt ?? performance.now()) - c.startedAt), 0);
  const plain = await complete(scripted.url, `bench-${i}`);
  if (i < WARMUP) continue;
  totals.push(judged.total);
  modelTimes.push(model);
  own.push(judged.total - model);
  baseline.push(plain.total);
  callsPerComplete.push(judgeCalls.length);
  if (judged.feedback.scores.every((s) => s.scoredBy === 'model')) modelScored++;
}

await service.close();
await scripted.close();
await llm.close();

const figures = {
  completes: COMPLETES,
  modelDelayMs: MODEL_DELAY_MS,
  ownMs: { p50: round(median(own)), p95: round(quantile(own, 0.95)), max: round(Math.max(...own)) },
  totalMs: { p50: round(median(totals)), p95: round(quantile(totals, 0.95)) },
  modelMs: { p50: round(median(modelTimes)), p95: round(quantile(modelTimes, 0.95)) },
  scriptedCompleteMs: { p50: round(median(baseline)), p95: round(quantile(baseline, 0.95)) },
  modelCallsPerComplete: {
    max: Math.max(...callsPerComplete),
    mean: round(callsPerComplete.reduce((a, b) => a + b, 0) / callsPerComplete.length, 2),
  },
  modelScoredShare: round(modelScored / COMPLETES, 2),
  budget: { ownP95Ms: JUDGE_OWN_P95_MS, modelCallsPerComplete: JUDGE_MODEL_CALLS_PER_COMPLETE },
};
log(
  `complete with the judge over ${COMPLETES} runs: own time p50 ${figures.ownMs.p50} ms, p95 ${figures.ownMs.p95} ms (budget ${JUDGE_OWN_P95_MS}); ` +
    `model time p50 ${figures.modelMs.p50} ms; scripted complete (no judge) p50 ${figures.scriptedCompleteMs.p50} ms, p95 ${figures.scriptedCompleteMs.p95} ms; model calls per complete max ${figures.modelCallsPerComplete.max} (budget ${JUDGE_MODEL_CALLS_PER_COMPLETE}); ` +
    `${Math.round(figures.modelScoredShare * 100)}% fully model-scored`,
);
// The report (bench/report/checks.mjs) judges the budgets; the figures are kept either way.
result(figures);
