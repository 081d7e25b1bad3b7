/**
 * Page-level configuration shared by every Inflow element on the page: one client, one token
 * source and one event outbox for twenty launchers (docs/design.md §5). Elements may override the API
 * base or token per element (`api-base`, `token`, `fetchToken`); elements with the same
 * overrides still share one client.
 */
import { atom } from 'nanostores';
import type { ElementsClient } from './client-types.js';

export interface InflowConfig {
  /** Service base URL without `/v1`, e.g. `https://inflow.example.com`. */
  apiBase?: string;
  /** Returns a fresh embed token; called before expiry and once on a 401. */
  fetchToken?: () => Promise<string>;
  /** A fixed embed token (previews and tests). Prefer `fetchToken` in production. */
  token?: string;
  /** UI locale for every element that has no `locale` attribute. */
  locale?: string;
}

/** The page-level configuration; elements re-render when it changes. */
export const $config = atom<InflowConfig>({});

/** Sets the page-level configuration. Call it once, before or after the elements are defined. */
export function configure(config: InflowConfig): void {
  $config.set({ ...config });
}

export interface ClientOptions {
  apiBase?: string | undefined;
  token?: string | undefined;
  fetchToken?: (() => Promise<string>) | undefined;
}

interface ClientWithDispose extends ElementsClient {
  dispose?: () => void;
}

const clients = new Map<string, Promise<ClientWithDispose>>();
const fetchTokenIds = new WeakMap<object, number>();
let nextFetchTokenId = 1;

function fetchTokenKey(fn: (() => Promise<string>) | undefined): string {
  if (!fn) return '';
  let id = fetchTokenIds.get(fn);
  if (id === undefined) fetchTokenIds.set(fn, (id = nextFetchTokenId++));
  return `fn${id}`;
}

/**
 * Effective connection settings: the element's own overrides, else the page configuration.
 * A `token` attribute wins over a page `fetchToken` only when the element sets no `fetchToken`.
 */
export function resolveOptions(own: ClientOptions): Required<Pick<ClientOptions, 'apiBase'>> & ClientOptions {
  const page = $config.get();
  const fetchToken = own.fetchToken ?? (own.token ? undefined : page.fetchToken);
  const token = own.token ?? (own.fetchToken ? undefined : page.token);
  return { apiBase: (own.apiBase ?? page.apiBase ?? '').replace(/\/+$/, ''), token, fetchToken };
}

/**
 * One client per distinct (apiBase, token, fetchToken): every element with the same settings
 * shares it, and so shares the token cache and the outbox. The client code is imported on first
 * use (impression, hover, idle or click), which keeps it out of the launcher's initial script.
 */
export function clientFor(options: ClientOptions): Promise<ElementsClient> {
  const { apiBase, token, fetchToken } = resolveOptions(options);
  const key = `${apiBase}\n${token ?? ''}\n${fetchTokenKey(fetchToken)}`;
  let client = clients.get(key);
  if (!client) {
    client = import('@inflow/client').then(
      ({ createClient }) =>
        createClient({
          apiBase,
          ...(token ? { token } : {}),
          ...(fetchToken ? { fetchToken } : {}),
        }) as unknown as ClientWithDispose,
    );
    clients.set(key, client);
    // A failed import (offline) is forgotten so the next use retries.
    client.catch(() => clients.delete(key));
  }
  return client;
}
