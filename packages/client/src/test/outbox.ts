/**
 * The outbox suites (outbox/outbox-*.test.ts): a msw server that fails on any request no handler
 * expects, injected error answers, and clients with the outbox's timers fixed, disposed after
 * each test. `outboxServer()` registers the hooks for the calling file.
 */
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
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
