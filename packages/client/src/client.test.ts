import { http, HttpResponse, delay } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, InflowApiError, type TurnStreamEvent } from './index.js';
import { API, createMswServer, tokenFor } from './test/helpers.js';

const server = createMswServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const SESSION = '0190a0c0-0000-7000-8000-000000000001';
const newClient = (extra: Partial<Parameters<typeof createClient>[0]> = {}) =>
  createClient({
    apiBase: `${API}/`,
    token: tokenFor('u1'),
    storage: 'memory',
    outbox: { listen: false },
    ...extra,
  });

function sse(events: Array<[string, unknown]>, { end = true } = {}) {
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    start(controller) {
      // Split frames across chunks on purpose: the parser must reassemble them.
      for (const [event, data] of events) {
        const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
        const cut = Math.floor(frame.length / 2);
        controller.enqueue(encoder.encode(frame.slice(0, cut)));
        controller.enqueue(encoder.encode(frame.slice(cut)));
      }
      if (end) controller.close();
    },
  });
  return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
}

async function collect(iterable: AsyncIterable<TurnStreamEvent>) {
  const out: TurnStreamEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

describe('typed calls', () => {
  it('sends the bearer token, strips the trailing slash of apiBase and returns the body', async () => {
    let auth: string | null = null;
    server.use(
      http.get(`${API}/v1/scenarios`, ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json({ scenarios: [], disclosure: 'AI' });
      }),
    );
    const client = newClient();
    await expect(client.listScenarios()).resolves.toEqual({ scenarios: [], disclosure: 'AI' });
    expect(auth).toMatch(/^Bearer ey/);
    client.dispose();
  });

  it('creates sessions, completes them, and passes admin queries and CSV bodies through', async () => {
    const seen: string[] = [];
    server.use(
      http.post(`${API}/v1/sessions`, async ({ request }) => {
        seen.push(`session ${JSON.stringify(await request.json())}`);
        return HttpResponse.json({ id: SESSION }, { status: 201 });
      }),
      http.post(`${API}/v1/sessions/${SESSION}/complete`, () =>
        HttpResponse.json({ sessionId: SESSION, summary: 's' }),
      ),
      http.get(`${API}/v1/activation`, ({ request }) => {
        seen.push(`activation ${new URL(request.url).search}`);
        return HttpResponse.json({ groupBy: 'team' });
      }),
      http.put(`${API}/v1/audience`, async ({ request }) => {
        seen.push(`audience ${request.headers.get('content-type')} ${await request.text()}`);
        return HttpResponse.json({ size: 1, teams: 1 });
      }),
      http.post(`${API}/v1/nudges`, () =>
        HttpResponse.json({ id: SESSION, status: 'pending', delivered: false }, { status: 202 }),
      ),
      http.get(`${API}/v1/nudges/${SESSION}`, () =>
        HttpResponse.json({ id: SESSION, status: 'delivered', delivered: true }),
      ),
    );
    const client = newClient();
    expect((await client.createSession({ scenario: 'goal-setting', source: 'embedded' })).id).toBe(SESSION);
    expect((await client.completeSession(SESSION)).summary).toBe('s');
    await client.getActivation({ groupBy: 'team', from: '2026-01-01T00:00:00Z' });
    await client.putAudience('user,team\nu1,a\n');
    await client.putAudience([{ user: 'u1', team: 'a' }]);
    expect(
      (
        await client.sendNudge({
          user: 'u1',
          scenario: 'goal-setting',
          channel: 'webhook',
          url: 'https://x.test',
        })
      ).status,
    ).toBe('pending');
    expect((await client.getNudge(SESSION)).status).toBe('delivered');
    expect(seen).toEqual([
      'session {"scenario":"goal-setting","source":"embedded"}',
      'activation ?groupBy=team&from=2026-01-01T00%3A00%3A00Z',
      'audience text/csv user,team\nu1,a\n',
      'audience application/json {"members":[{"user":"u1","team":"a"}]}',
    ]);
    client.dispose();
  });

  it('reads /healthz and /readyz without a token, a 503 included', async () => {
    const auths: Array<string | null> = [];
    server.use(
      http.get(
        `${API}/healthz`,
        ({ request }) => (
          auths.push(request.headers.get('authorization')),
          HttpResponse.json({ status: 'ok' })
        ),
      ),
      http.get(`${API}/readyz`, () => HttpResponse.json({ status: 'not_ready' }, { status: 503 })),
    );
    const client = createClient({ apiBase: API, storage: 'memory', outbox: { listen: false } });
    expect(await client.health()).toEqual({ status: 'ok' });
    expect(await client.health('readyz')).toEqual({ status: 'not_ready' });
    expect(auths).toEqual([null]);
    client.dispose();
  });

  it('throws InflowApiError with the service code, message and Retry-After', async () => {
    server.use(
      http.get(`${API}/v1/scenarios`, () =>
        HttpResponse.json(
          { error: { code: 'rate_limited', message: 'slow down' } },
          { status: 429, headers: { 'retry-after': '7' } },
        ),
      ),
    );
    const client = newClient();
    const error = await client.listScenarios().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InflowApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', message: 'slow down', retryAfter: 7 });
    client.dispose();
  });

  it('reports a non-JSON error page by status, and a dead network as status 0 `network`', async () => {
    server.use(
      http.get(`${API}/v1/scenarios`, () => new HttpResponse('<html>bad gateway</html>', { status: 502 })),
    );
    const client = newClient();
    await expect(client.listScenarios()).rejects.toMatchObject({ status: 502, code: 'http_502' });
    server.use(http.get(`${API}/v1/scenarios`, () => HttpResponse.error()));
    await expect(client.listScenarios()).rejects.toMatchObject({ status: 0, code: 'network' });
    client.dispose();
  });
});

describe('streamTurn', () => {
  it('yields deltas then done, reassembling frames split across chunks', async () => {
    let accept: string | null = null;
    server.use(
      http.post(`${API}/v1/sessions/${SESSION}/turns`, ({ request }) => {
        accept = request.headers.get('accept');
        return sse([
          ['delta', { text: 'Hel' }],
          ['delta', { text: 'lo' }],
          ['done', { reply: { turn: 2, text: 'Hello' }, userTurns: 1 }],
        ]);
      }),
    );
    const client = newClient();
    expect(await collect(client.streamTurn(SESSION, 'hi'))).toEqual([
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      { type: 'done', reply: { turn: 2, text: 'Hello' }, userTurns: 1 },
    ]);
    expect(accept).toBe('text/event-stream');
    client.dispose();
  });

  it('throws the coach error sent as an SSE `error` event', async () => {
    server.use(
      http.post(`${API}/v1/sessions/${SESSION}/turns`, () =>
        sse([
          ['delta', { text: 'Hm' }],
          ['error', { error: { code: 'coach_unavailable', message: 'upstream down' } }],
        ]),
      ),
    );
    const client = newClient();
    const seen: TurnStreamEvent[] = [];
    const error = await (async () => {
      for await (const e of client.streamTurn(SESSION, 'hi')) seen.push(e);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ type: 'delta', text: 'Hm' }]);
    expect(error).toMatchObject({ code: 'coach_unavailable', message: 'upstream down' });
    client.dispose();
  });

  it('throws the API error when the turn is refused before streaming (409, 429 with Retry-After)', async () => {
    server.use(
      http.post(`${API}/v1/sessions/${SESSION}/turns`, () =>
        HttpResponse.json({ error: { code: 'session_completed', message: 'done already' } }, { status: 409 }),
      ),
    );
    const client = newClient();
    await expect(collect(client.streamTurn(SESSION, 'hi'))).rejects.toMatchObject({
      status: 409,
      code: 'session_completed',
    });
    server.use(
      http.post(`${API}/v1/sessions/${SESSION}/turns`, () =>
        HttpResponse.json(
          { error: { code: 'rate_limited', message: 'slow' } },
          { status: 429, headers: { 'retry-after': '3' } },
        ),
      ),
    );
    await expect(collect(client.streamTurn(SESSION, 'hi'))).rejects.toMatchObject({
      status: 429,
      retryAfter: 3,
    });
    client.dispose();
  });

  it('throws stream_interrupted when the stream ends without done', async () => {
    server.use(http.post(`${API}/v1/sessions/${SESSION}/turns`, () => sse([['delta', { text: 'Hm' }]])));
    const client = newClient();
    await expect(collect(client.streamTurn(SESSION, 'hi'))).rejects.toMatchObject({
      code: 'stream_interrupted',
    });
    client.dispose();
  });

  it('stops on abort with the AbortSignal reason', async () => {
    server.use(
      http.post(`${API}/v1/sessions/${SESSION}/turns`, () =>
        sse([['delta', { text: 'first' }]], { end: false }),
      ),
    );
    const client = newClient();
    const controller = new AbortController();
    const seen: TurnStreamEvent[] = [];
    const run = (async () => {
      for await (const e of client.streamTurn(SESSION, 'hi', { signal: controller.signal })) {
        seen.push(e);
        controller.abort(new DOMException('user closed the panel', 'AbortError'));
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError', message: 'user closed the panel' });
    expect(seen).toEqual([{ type: 'delta', text: 'first' }]);
    client.dispose();
  });

  it('delivers nothing after an abort, even events that arrived in the same chunk', async () => {
    server.use(
      http.post(`${API}/v1/sessions/${SESSION}/turns`, () => {
        const all = ['a', 'b', 'c']
          .map((t) => `event: delta\ndata: ${JSON.stringify({ text: t })}\n\n`)
          .join('');
        return new HttpResponse(
          all + `event: done\ndata: ${JSON.stringify({ reply: { turn: 2, text: 'abc' }, userTurns: 1 })}\n\n`,
          {
            headers: { 'content-type': 'text/event-stream' },
          },
        );
      }),
    );
    const client = newClient();
    const controller = new AbortController();
    const seen: TurnStreamEvent[] = [];
    const run = (async () => {
      for await (const e of client.streamTurn(SESSION, 'hi', { signal: controller.signal })) {
        seen.push(e);
        controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([{ type: 'delta', text: 'a' }]);
    client.dispose();
  });

  it('accepts a JSON reply where SSE was asked for; sendTurn asks for JSON', async () => {
    const accepts: Array<string | null> = [];
    server.use(
      http.post(`${API}/v1/sessions/${SESSION}/turns`, async ({ request }) => {
        accepts.push(request.headers.get('accept'));
        await delay(1);
        return HttpResponse.json({ reply: { turn: 2, text: 'Fine' }, userTurns: 1 });
      }),
    );
    const client = newClient();
    expect(await collect(client.streamTurn(SESSION, 'hi'))).toEqual([
      { type: 'delta', text: 'Fine' },
      { type: 'done', reply: { turn: 2, text: 'Fine' }, userTurns: 1 },
    ]);
    expect(await client.sendTurn(SESSION, 'hi')).toEqual({ reply: { turn: 2, text: 'Fine' }, userTurns: 1 });
    expect(accepts).toEqual(['text/event-stream', 'application/json']);
    client.dispose();
  });
});
