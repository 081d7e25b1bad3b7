// The CORS-simple form of POST /v1/events that the client's unload flush sends (keepalive,
// text/plain, token in the body), against the real service over HTTP. A keepalive request that
// needed a preflight would die with the page (PostHog #4139), so the form matters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET, mintToken, startServer } from '@inflow/service';

let server: Awaited<ReturnType<typeof startServer>>;
let token: string;
const id = () => crypto.randomUUID();

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', log: () => undefined });
  ({ token } = await mintToken({ tenant: 'demo', user: 'unload-user', team: 't1', secret: DEMO_SECRET }));
});
afterAll(() => server?.close());

const post = (body: string, headers: Record<string, string>, path = '/v1/events') =>
  fetch(server.url + path, { method: 'POST', headers, body, keepalive: true });

describe('unload flush form', () => {
  it('accepts text/plain with the token in the body, stores the events without it, attributes them to the token user', async () => {
    const e = { id: id(), name: 'open', at: new Date().toISOString() };
    const res = await post(JSON.stringify({ token, events: [e] }), {
      'content-type': 'text/plain;charset=UTF-8',
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0 });
    const rows = await server.query<{ user: string; props: unknown }>(
      'select "user", props from events where id = $1',
      [e.id],
    );
    expect(rows).toEqual([{ user: 'unload-user', props: null }]);
    // The same event again (the page survived and the regular flush resent it): deduped.
    const again = await post(JSON.stringify({ token, events: [e] }), { 'content-type': 'text/plain' });
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 1 });
  });

  it('is a CORS-simple request: the browser sends no preflight, and the response is readable cross-origin', async () => {
    const res = await post(
      JSON.stringify({ token, events: [{ id: id(), name: 'help', at: new Date().toISOString() }] }),
      {
        'content-type': 'text/plain;charset=UTF-8',
        origin: 'https://vendor.example',
      },
    );
    expect(res.status).toBe(202);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('never takes the token from the URL', async () => {
    const e = { id: id(), name: 'open', at: new Date().toISOString() };
    const res = await post(
      JSON.stringify({ events: [e] }),
      { 'content-type': 'text/plain' },
      `/v1/events?access_token=${token}`,
    );
    expect(res.status).toBe(401);
    expect(await server.query('select 1 from events where id = $1', [e.id])).toEqual([]);
  });

  it('rejects a bad body token with 401 and an unparseable body without a 5xx', async () => {
    const bad = await post(JSON.stringify({ token: `${token}x`, events: [] }), {
      'content-type': 'text/plain',
    });
    expect(bad.status).toBe(401);
    const junk = await post('{not json', { 'content-type': 'text/plain' });
    expect(junk.status).toBe(401);
    expect((await junk.json()).error.code).toBe('unauthorized');
  });
});
