/**
 * Deliberately broken SDK builds, for the test that proves the vendor example can fail
 * (src/vendor-example.test.ts). `INFLOW_BREAK=track`: `track()` returns an id but records
 * nothing. `INFLOW_BREAK=delivery`: the outbox believes the service took the events (202) but
 * they never reach it. Never use outside that test.
 */
import {
  createClient as realCreateClient,
  type ClientOptions,
  type InflowClient,
} from '../../client/src/index.js';

export * from '../../client/src/index.js';

export function createClient(options: ClientOptions): InflowClient {
  const mode = process.env.INFLOW_BREAK;
  if (mode === 'delivery') {
    const realFetch =
      options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    return realCreateClient({
      ...options,
      fetch: async (input, init) => {
        if (String(input).endsWith('/v1/events')) {
          const body = JSON.parse(String(init?.body ?? '{"events":[]}')) as { events: unknown[] };
          return new Response(JSON.stringify({ accepted: body.events.length, duplicates: 0 }), {
            status: 202,
            headers: { 'content-type': 'application/json' },
          });
        }
        return realFetch(input, init);
      },
    });
  }
  const client = realCreateClient(options);
  if (mode === 'track') return { ...client, track: () => crypto.randomUUID() };
  return client;
}
