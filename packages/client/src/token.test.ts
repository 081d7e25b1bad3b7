import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from './index.js';
import { TokenManager, tokenClaims } from './token.js';
import { API, createMswServer, fakeJwt, tokenFor } from './test/helpers.js';

const server = createMswServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

describe('TokenManager', () => {
  it('reads claims without verifying, and tolerates garbage', () => {
    expect(tokenClaims(fakeJwt({ iss: 'demo', sub: 'u1', exp: 100 }))).toEqual({
      iss: 'demo',
      sub: 'u1',
      exp: 100,
    });
    expect(tokenClaims('not.a-jwt!.x')).toEqual({});
    expect(tokenClaims('')).toEqual({});
  });

  it('single-flight: concurrent get() and refresh() share one fetchToken call', async () => {
    let resolve!: (t: string) => void;
    const fetchToken = vi.fn(() => new Promise<string>((r) => (resolve = r)));
    const tokens = new TokenManager({ fetchToken });
    const all = Promise.all([tokens.get(), tokens.get(), tokens.refresh(), tokens.get()]);
    const token = tokenFor('u1');
    resolve(token);
    expect(await all).toEqual([token, token, token, token]);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    // Cached afterwards.
    expect(await tokens.get()).toBe(token);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    tokens.dispose();
  });

  it('refreshes on get() when the token is in its last fifth (≥ 5 s, ≤ 60 s) of life', async () => {
    const fetchToken = vi.fn(async () => tokenFor('u1', 900));
    const tokens = new TokenManager({ fetchToken, token: tokenFor('u1', 4) });
    await tokens.get();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await tokens.get(); // 900 s left: cached
    expect(fetchToken).toHaveBeenCalledTimes(1);
    tokens.dispose();
  });

  it('refreshes shortly before exp by timer, only if the token was used', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z')); // whole seconds, like `exp`
    const fetchToken = vi.fn(async () => tokenFor('u1', 600));
    const tokens = new TokenManager({ fetchToken });
    await tokens.get();
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await tokens.get(); // used
    await vi.advanceTimersByTimeAsync(540_000 - 1);
    expect(fetchToken).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    // Not used since: the next timer lets the token lapse instead of calling the backend.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    tokens.dispose();
  });

  it('a failing fetchToken surfaces as token_unavailable, and the next call tries again', async () => {
    let ok = false;
    const tokens = new TokenManager({ fetchToken: async () => (ok ? tokenFor('u1') : '') });
    await expect(tokens.get()).rejects.toMatchObject({ status: 0, code: 'token_unavailable' });
    ok = true;
    await expect(tokens.get()).resolves.toMatch(/^ey/);
    tokens.dispose();
  });

  it('without fetchToken or token, calls fail clearly', async () => {
    const client = createClient({ apiBase: API, storage: 'memory', outbox: { listen: false } });
    await expect(client.listScenarios()).rejects.toMatchObject({ code: 'token_unavailable' });
    client.dispose();
  });
});

describe('401 through the client', () => {
  it('five concurrent calls that all get a 401 cause ONE fetchToken call, then all succeed', async () => {
    const first = tokenFor('u1', 900);
    let fresh = '';
    const fetchToken = vi
      .fn<() => Promise<string>>()
      .mockResolvedValueOnce(first)
      .mockImplementation(async () => (fresh = tokenFor('u1', 901)));
    server.use(
      http.get(`${API}/v1/scenarios`, ({ request }) =>
        request.headers.get('authorization') === `Bearer ${fresh}`
          ? HttpResponse.json({ scenarios: [], disclosure: '' })
          : HttpResponse.json(
              { error: { code: 'token_expired', message: 'token expired' } },
              { status: 401 },
            ),
      ),
    );
    const client = createClient({ apiBase: API, fetchToken, storage: 'memory', outbox: { listen: false } });
    const results = await Promise.all(Array.from({ length: 5 }, () => client.listScenarios()));
    expect(results).toHaveLength(5);
    expect(fetchToken).toHaveBeenCalledTimes(2); // once at start, once for all five 401s
    client.dispose();
  });

  it('a second 401 after the refresh is thrown, not retried forever', async () => {
    const fetchToken = vi.fn(async () => tokenFor('u1'));
    let calls = 0;
    server.use(
      http.get(`${API}/v1/scenarios`, () => {
        calls++;
        return HttpResponse.json({ error: { code: 'unauthorized', message: 'no' } }, { status: 401 });
      }),
    );
    const client = createClient({ apiBase: API, fetchToken, storage: 'memory', outbox: { listen: false } });
    await expect(client.listScenarios()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(calls).toBe(2);
    expect(fetchToken).toHaveBeenCalledTimes(2);
    client.dispose();
  });

  it('with a fixed token, a 401 is thrown at once (nothing to refresh)', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/v1/scenarios`, () => {
        calls++;
        return HttpResponse.json({ error: { code: 'token_expired', message: 'expired' } }, { status: 401 });
      }),
    );
    const client = createClient({
      apiBase: API,
      token: tokenFor('u1'),
      storage: 'memory',
      outbox: { listen: false },
    });
    await expect(client.listScenarios()).rejects.toMatchObject({ status: 401, code: 'token_expired' });
    expect(calls).toBe(1);
    client.dispose();
  });
});
