import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuthoredScenario, MyAttempts, ScenarioInput } from '@inflow/contract';
import { createClient, InflowApiError } from './index.js';
import { API, createMswServer, tokenFor } from './test/helpers.js';

const server = createMswServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const newClient = () =>
  createClient({ apiBase: API, token: tokenFor('hr'), storage: 'memory', outbox: { listen: false } });

const input: ScenarioInput = {
  title: 'Missed deadlines',
  summary: 'A direct report missed two deadlines.',
  setting: 'performance-review',
  persona: { name: 'Sam', role: 'Engineer', description: 'Defensive at first.' },
  objectives: ['Name the impact'],
  rubric: [{ id: 'impact', label: 'Impact', description: 'Names the impact on the team.' }],
  locale: 'en',
};
const stored = (version: number, status: AuthoredScenario['status'] = 'draft'): AuthoredScenario => ({
  id: 'team/one',
  ...input,
  passThreshold: 0.7,
  version,
  status,
  updatedAt: '2026-12-01T10:00:00.000Z',
});

describe('scenario studio calls', () => {
  it('PUT, GET, versions and DELETE address the encoded id with the body and the method the API expects', async () => {
    const seen: string[] = [];
    const path = `${API}/v1/scenarios/team%2Fone`;
    server.use(
      http.put(path, async ({ request }) => {
        seen.push(`PUT ${request.headers.get('content-type')} ${JSON.stringify(await request.json())}`);
        return HttpResponse.json(stored(2, 'published'));
      }),
      http.get(path, () => HttpResponse.json(stored(2))),
      http.get(`${path}/versions`, () => HttpResponse.json({ versions: [stored(2), stored(1)] })),
      http.delete(path, ({ request }) => {
        seen.push(`DELETE ${request.headers.get('authorization')?.slice(0, 9)}`);
        return HttpResponse.json(stored(2, 'archived'));
      }),
    );
    const client = newClient();
    const body = { ...input, status: 'published' as const };
    expect((await client.putScenario('team/one', body)).status).toBe('published');
    expect((await client.getScenario('team/one')).version).toBe(2);
    expect((await client.listVersions('team/one')).map((v) => v.version)).toEqual([2, 1]);
    expect((await client.archiveScenario('team/one')).status).toBe('archived');
    expect(seen).toEqual([`PUT application/json ${JSON.stringify(body)}`, 'DELETE Bearer ey']);
    client.dispose();
  });

  it('a 422 keeps every problem path in the error details', async () => {
    const details = [
      { path: '/title', message: 'must NOT have more than 120 characters' },
      { path: '/rubric/0/label', message: 'must NOT have fewer than 1 characters' },
    ];
    server.use(
      http.put(`${API}/v1/scenarios/s1`, () =>
        HttpResponse.json(
          { error: { code: 'validation_failed', message: 'invalid', details } },
          { status: 422 },
        ),
      ),
    );
    const client = newClient();
    const error = await client.putScenario('s1', input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InflowApiError);
    expect((error as InflowApiError).code).toBe('validation_failed');
    expect((error as InflowApiError).details).toEqual(details);
    client.dispose();
  });

  it('myAttempts asks for the scenario in the query string', async () => {
    const attempts: MyAttempts = {
      scenario: 'q&a',
      attempts: [],
      best: null,
      firstToBest: null,
      passedEver: false,
    };
    let query = '';
    server.use(
      http.get(`${API}/v1/me/sessions`, ({ request }) => {
        query = new URL(request.url).searchParams.get('scenario') ?? '';
        return HttpResponse.json(attempts);
      }),
    );
    const client = newClient();
    expect(await client.myAttempts('q&a')).toEqual(attempts);
    expect(query).toBe('q&a');
    client.dispose();
  });
});
