// The contract's parts agree with each other: constants, schemas and the OpenAPI document.
import Compile from 'typebox/compile';
import { expect, test } from 'vitest';
import { ERROR_CODES, EVENT_NAMES, FUNNEL_STEPS, LIMITS, SCENARIO_IDS, SOURCES } from './constants.js';
import { buildOpenApiDocument, ROUTES } from './openapi.js';
import * as S from './schemas.js';

test('enum schemas accept exactly the constants', () => {
  const names = Compile(S.EventNameSchema);
  for (const n of EVENT_NAMES) expect(names.Check(n)).toBe(true);
  expect(names.Check('page_view')).toBe(false);
  const sources = Compile(S.SourceSchema);
  expect(SOURCES.every((s) => sources.Check(s))).toBe(true);
  expect(sources.Check('email')).toBe(false);
  expect(FUNNEL_STEPS.every((s) => (EVENT_NAMES as readonly string[]).includes(s))).toBe(true);
});

test('error codes map to 4xx/5xx statuses and every documented error status has a code', () => {
  for (const [code, status] of Object.entries(ERROR_CODES))
    expect(status >= 400 && status < 600, code).toBe(true);
  const doc = buildOpenApiDocument() as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  const statuses = new Set<number>(Object.values(ERROR_CODES));
  for (const ops of Object.values(doc.paths)) {
    for (const op of Object.values(ops)) {
      for (const status of Object.keys(op.responses).map(Number))
        if (status >= 400) expect(statuses.has(status), String(status)).toBe(true);
    }
  }
});

test('the event batch enforces the published limits', () => {
  const batch = Compile(S.EventBatch);
  const event = (i: number) => ({
    id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    name: 'open',
    at: '2026-11-20T10:00:00Z',
  });
  expect(batch.Check({ events: Array.from({ length: LIMITS.eventsPerBatch }, (_, i) => event(i)) })).toBe(
    true,
  );
  expect(batch.Check({ events: Array.from({ length: LIMITS.eventsPerBatch + 1 }, (_, i) => event(i)) })).toBe(
    false,
  );
  expect(batch.Check({ events: [{ ...event(1), transcript: 'what the user said' }] })).toBe(false);
  expect(batch.Check({ events: [{ ...event(1), props: { note: 'x'.repeat(201) } }] })).toBe(false);
  expect(Compile(S.TurnRequest).Check({ text: 'x'.repeat(LIMITS.turnTextChars + 1) })).toBe(false);
});

test('routes: unique operation ids, authenticated routes carry the bearer scheme, admin routes are marked', () => {
  const ids = ROUTES.map((r) => r.operationId);
  expect(new Set(ids).size).toBe(ids.length);
  const doc = buildOpenApiDocument() as {
    paths: Record<
      string,
      Record<string, { security: unknown[]; parameters?: { name: string; in: string }[] }>
    >;
  };
  for (const r of ROUTES) {
    const op = doc.paths[r.path]![r.method]!;
    expect(op.security, r.operationId).toEqual(r.scope ? [{ embedToken: [] }] : []);
    for (const [, name] of r.path.matchAll(/\{(\w+)\}/g))
      expect(
        op.parameters?.some((p) => p.in === 'path' && p.name === name),
        `${r.path} ${name}`,
      ).toBe(true);
  }
  expect(
    ROUTES.filter(
      (r) =>
        r.path.startsWith('/v1/activation') || r.path === '/v1/audience' || r.path.startsWith('/v1/export/'),
    ).every((r) => r.scope === 'admin'),
  ).toBe(true);
  expect(SCENARIO_IDS).toHaveLength(5);
});

test('an authored scenario is bounded: every string and list has a limit, and unknown fields are refused', () => {
  const input = Compile(S.ScenarioInput);
  const criterion = { id: 'ask', label: 'Asks', description: 'Asks an open question.' };
  const valid = {
    title: 'Pay rise refused',
    summary: 'Tell a strong performer there is no raise this year.',
    setting: 'performance-review',
    persona: { name: 'Ana', role: 'Designer', description: 'Expects a raise.' },
    objectives: ['Explain why'],
    rubric: [criterion],
    locale: 'en',
  };
  expect(input.Check(valid)).toBe(true);
  expect(
    input.Check({
      ...valid,
      status: 'published',
      passThreshold: 0.5,
      script: { opening: 'Hi', pushback: ['Hm'], closing: 'Bye' },
    }),
  ).toBe(true);
  expect(
    input.Check({
      ...valid,
      rubric: Array.from({ length: LIMITS.rubricCriteria }, (_, i) => ({ ...criterion, id: `c${i}` })),
    }),
  ).toBe(true);
  const invalid: Record<string, unknown>[] = [
    { ...valid, id: 'x' },
    { ...valid, version: 2 },
    { ...valid, status: 'archived' },
    { ...valid, rubric: [] },
    {
      ...valid,
      rubric: Array.from({ length: LIMITS.rubricCriteria + 1 }, (_, i) => ({ ...criterion, id: `c${i}` })),
    },
    { ...valid, rubric: [{ ...criterion, max: LIMITS.criterionMaxScore + 1 }] },
    { ...valid, rubric: [{ ...criterion, max: 0 }] },
    {
      ...valid,
      rubric: [{ ...criterion, signals: Array.from({ length: LIMITS.criterionSignals + 1 }, () => 'x') }],
    },
    { ...valid, rubric: [{ ...criterion, signals: ['x'.repeat(LIMITS.signalChars + 1)] }] },
    { ...valid, rubric: [{ ...criterion, regex: '.*' }] },
    { ...valid, title: 'x'.repeat(LIMITS.scenarioTitleChars + 1) },
    { ...valid, title: '' },
    { ...valid, persona: { ...valid.persona, description: 'x'.repeat(LIMITS.personaDescriptionChars + 1) } },
    { ...valid, objectives: Array.from({ length: LIMITS.scenarioObjectives + 1 }, () => 'x') },
    { ...valid, script: { pushback: Array.from({ length: LIMITS.pushbackLines + 1 }, () => 'x') } },
    { ...valid, script: { opening: 'x'.repeat(LIMITS.scriptLineChars + 1) } },
    { ...valid, passThreshold: 1.5 },
  ];
  for (const body of invalid) expect(input.Check(body), JSON.stringify(body).slice(0, 120)).toBe(false);
});

test('the export routes answer NDJSON (one row schema a line) or CSV, not JSON', () => {
  const doc = buildOpenApiDocument() as {
    paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }>;
  };
  for (const path of ['/v1/export/events', '/v1/export/sessions']) {
    const content = doc.paths[path]!.get.responses['200']!.content;
    expect(Object.keys(content), path).toEqual(['application/x-ndjson', 'text/csv']);
    expect(content['text/csv']).toEqual({ schema: { type: 'string' } });
  }
});
