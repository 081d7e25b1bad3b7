/**
 * The outbox suites (outbox/outbox-*.test.ts): a msw server that fails on any request no handler
 * expects, injected error answers, and clients with the outbox's timers fixed, disposed after
 * each test. `outboxServer()` registers the hooks for the calling file.
 */
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { createClient, MemoryStore, type InflowClient } from '../index.js';
import { API, createMswServer, tokenFor } from './helpers.js';

export const server = createMswServer();

/** Starts the msw server for the file; after each test disposes its clients and restores timers. */
export function outboxServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  afterEach(() => {
    server.resetHandlers();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  afterEach(() => {
    for (const c of clients) c.dispose();
    clients = [];
  });
}

let clients: InflowClient[] = [];

export const fail =
  (status: number, headers: Record<string, string> = {}) =>
  () =>
    HttpResponse.json({ error: { code: `e${status}`, message: 'injected' } }, { status, headers });

/** A client whose start-up flush (of an empty queue) is already over. */
export async function newClient(
  options: Partial<Parameters<typeof createClient>[0]> = {},
  outbox: Record<string, unknown> = {},
) {
  const client = createClient({
    apiBase: API,
    token: tokenFor('u1'),
    storage: new MemoryStore(),
    ...options,
    outbox: { listen: false, random: () => 0.5, ...outbox },
  });
  clients.push(client);
  await vi.advanceTimersByTimeAsync(0);
  return client;
}

/** What the fake service stored: id → count (so duplicates show), plus every request seen. */
export let stored: Map<string, number>;
export let requests: Array<{ ids: string[]; auth: string | null; at: number }>;
/** Per-request answers, consumed in order; once empty, the service accepts. */
let script: Array<(ids: string[]) => Response | undefined>;
/** Sets the next answers (tests cannot assign an imported binding). */
export const answerWith = (answers: typeof script): void => {
  script = answers;
};

export function accept(ids: string[]) {
  let duplicates = 0;
  for (const id of ids) {
    if (stored.has(id)) duplicates++;
    stored.set(id, (stored.get(id) ?? 0) + 1);
  }
  return HttpResponse.json({ accepted: ids.length - duplicates, duplicates }, { status: 202 });
}

/** Registers, for the calling file, a fake POST /v1/events that answers from `script`, then accepts. */
export function fakeEventsService(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    stored = new Map();
    requests = [];
    script = [];
    server.use(
      http.post(`${API}/v1/events`, async ({ request }) => {
        const body = (await request.json()) as { events: Array<{ id: string }> };
        const ids = body.events.map((e) => e.id);
        requests.push({ ids, auth: request.headers.get('authorization'), at: Date.now() });
        const answer = script.shift()?.(ids);
        return answer ?? accept(ids);
      }),
    );
  });
}
