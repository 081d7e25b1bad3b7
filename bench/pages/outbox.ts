// Outbox bench page: the client from source, driven by bench/outbox.ts through `window.bench`.
import { createClient } from '../../packages/client/src/index.js';

const api = new URLSearchParams(location.search).get('api')!;
const client = createClient({
  apiBase: api,
  storage: 'indexeddb',
  fetchToken: async () => ((await (await fetch('/token')).json()) as { token: string }).token,
  // Room for the whole run, and no timer flush while enqueueing: the bench flushes on purpose.
  outbox: { maxEvents: 20_000, maxBytes: 64 * 1024 * 1024, flushDelayMs: 3_600_000 },
});

// The client's start-up flush (a timer armed once the store is open) must be over before the
// bench starts, or it would send — and delete — events while they are being counted.
await client.settled();
await new Promise((resolve) => setTimeout(resolve, 50));
await client.flush();

(window as unknown as { bench: unknown }).bench = {
  /** Tracks n events; resolves with ms until the last one is in IndexedDB. */
  async enqueue(n: number): Promise<{ ms: number; trackMs: number }> {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      client.track('impression', {
        scenario: 'underperformance',
        source: 'embedded',
        props: { launcher: i % 100 },
      });
    }
    const trackMs = performance.now() - t0;
    await client.settled();
    return { ms: performance.now() - t0, trackMs };
  },
  /** Events and bytes (UTF-8 JSON of each stored record) in the outbox's IndexedDB store. */
  async persisted(): Promise<{ events: number; bytes: number }> {
    // Read with the plain IndexedDB API (the client keeps records in `<db>/events` via idb-keyval).
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const open = indexedDB.open(`inflow-outbox:${api}`);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction('events').objectStore('events').getAll();
        request.onsuccess = () => (open.result.close(), resolve(request.result));
        request.onerror = () => reject(request.error);
      };
    });
    const encoder = new TextEncoder();
    return {
      events: rows.length,
      bytes: rows.reduce<number>((n, v) => n + encoder.encode(JSON.stringify(v)).length, 0),
    };
  },
  async flush(): Promise<{ ms: number }> {
    const t0 = performance.now();
    await client.flush();
    return { ms: performance.now() - t0 };
  },
  stats: () => client.stats(),
};
