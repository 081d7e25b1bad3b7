// The chaos page: a host page with the Inflow client, driven by the test through `window.chaos`.
// Bundled with esbuild from the client's sources (no build of the packages needed).
import { createClient } from '@inflow/client';
import type { EventName } from '@inflow/contract';

const params = new URLSearchParams(location.search);
const tab = params.get('tab') ?? '?';
// `nolocks=1`: a browser without Web Locks (the client falls back to a localStorage lease).
if (params.get('nolocks') === '1')
  Object.defineProperty(navigator, 'locks', { value: undefined, configurable: true });
const storage = params.get('storage');
const client = createClient({
  apiBase: params.get('api')!,
  ...(storage === 'localstorage' || storage === 'memory' ? { storage } : {}),
  fetchToken: async () => {
    const res = await fetch('/token', { cache: 'no-store' });
    if (!res.ok) throw new Error(`token endpoint ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  },
});

const NAMES: EventName[] = ['impression', 'open', 'session_start', 'first_interaction', 'help'];
let seq = 0;

const chaos = {
  tab,
  locks: typeof navigator.locks?.request === 'function',
  /** Tracks `n` events and resolves with their ids once they are in storage. */
  async emit(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      ids.push(
        client.track(NAMES[seq % NAMES.length]!, {
          scenario: 'goal-setting',
          source: 'embedded',
          props: { tab, seq: seq++ },
        }),
      );
    }
    await client.settled();
    return ids;
  },
  stats: () => client.stats(),
  flush: () => client.flush(),
};
(window as unknown as { chaos: typeof chaos }).chaos = chaos;
