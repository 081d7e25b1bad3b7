import type {
  ActivationQuery,
  ActivationReport,
  AudienceMember,
  AudienceResponse,
  CreateSessionRequest,
  Delivery,
  DeliveryList,
  DeliveryStatus,
  EventName,
  Feedback,
  Health,
  NudgeRequest,
  NudgeResponse,
  ScenarioList,
  Session,
  TurnResponse,
} from '@inflow/contract';
import { InflowApiError } from './errors.js';
import { Http, type FetchLike } from './http.js';
import { Outbox } from './outbox/outbox.js';
import type { OutboxOptions, OutboxStats, StorageOption, TrackFields } from './outbox/types.js';
import { scenarioCalls, type ScenarioCalls } from './scenarios.js';
import type { TurnStreamEvent } from './stream.js';
import { TokenManager } from './token.js';
import { voiceCalls, type VoiceCalls } from './voice.js';

export interface ClientOptions {
  /** Service origin WITHOUT `/v1`, e.g. `https://inflow.example.com`. */
  apiBase: string;
  /** Returns a fresh embed token from the vendor's backend. Called at start, shortly before expiry and once on a 401. */
  fetchToken?: () => Promise<string>;
  /** A fixed token (previews, tests). `fetchToken` wins when both are given. */
  token?: string;
  /** A fetch implementation (default: the global one, looked up at call time). */
  fetch?: FetchLike;
  /** Where the event outbox keeps events: `auto` (IndexedDB → localStorage → memory) or a store. */
  storage?: StorageOption;
  /** Outbox tuning; the defaults are the documented ones (`storage` is above; the namespace is `apiBase`). */
  outbox?: Omit<OutboxOptions, 'storage' | 'namespace'>;
}

export interface InflowClient extends ScenarioCalls, VoiceCalls {
  readonly apiBase: string;
  listScenarios(options?: { signal?: AbortSignal }): Promise<ScenarioList>;
  createSession(request: CreateSessionRequest, options?: { signal?: AbortSignal }): Promise<Session>;
  /** The coach's reply as an async iterator of deltas, then `done`. Abort with `signal` or `break`. */
  streamTurn(
    sessionId: string,
    text: string,
    options?: { signal?: AbortSignal },
  ): AsyncGenerator<TurnStreamEvent, void, undefined>;
  /** The coach's reply in one piece (`Accept: application/json`). */
  sendTurn(sessionId: string, text: string, options?: { signal?: AbortSignal }): Promise<TurnResponse>;
  completeSession(sessionId: string, options?: { signal?: AbortSignal }): Promise<Feedback>;
  /** Queues an activation event durably; returns its UUIDv7 id at once. Never throws. */
  track(name: EventName, fields?: TrackFields): string;
  /** Resolves once every event tracked so far is in storage. */
  settled(): Promise<void>;
  /** Sends queued events now (ignoring any backoff wait). Never throws; see `stats()`. */
  flush(): Promise<void>;
  stats(): OutboxStats;
  /** Admin scope. */
  getActivation(query?: ActivationQuery, options?: { signal?: AbortSignal }): Promise<ActivationReport>;
  /** Admin scope: replaces the roster, from members or CSV text (`user,team,accessAt`). */
  putAudience(
    members: AudienceMember[] | string,
    options?: { signal?: AbortSignal },
  ): Promise<AudienceResponse>;
  /** Admin scope. */
  sendNudge(request: NudgeRequest, options?: { signal?: AbortSignal }): Promise<NudgeResponse>;
  /** Admin scope: a nudge's delivery log. */
  getNudge(id: string, options?: { signal?: AbortSignal }): Promise<NudgeResponse>;
  /** Admin scope: the outbound queue's deliveries (nudges, webhooks, xAPI statements), newest first. */
  listDeliveries(
    query?: { status?: DeliveryStatus },
    options?: { signal?: AbortSignal },
  ): Promise<DeliveryList>;
  /** Admin scope: sends a dead (or waiting) delivery again from its first attempt. */
  retryDelivery(id: string, options?: { signal?: AbortSignal }): Promise<Delivery>;
  /** `GET /healthz` (liveness) or `/readyz` (storage reachable); no token needed. Never throws for 503. */
  health(check?: 'healthz' | 'readyz', options?: { signal?: AbortSignal }): Promise<Health>;
  /** Replaces the fixed token (e.g. a `token` attribute changed). */
  setToken(token: string): void;
  /** Stops timers and listeners. Queued events stay stored for the next page view. */
  dispose(): void;
}

const sessionPath = (id: string, rest = '') => `/v1/sessions/${encodeURIComponent(id)}${rest}`;

export function createClient(options: ClientOptions): InflowClient {
  if (!options?.apiBase) throw new TypeError('createClient: apiBase is required');
  const apiBase = options.apiBase.replace(/\/+$/, '');
  const tokens = new TokenManager({ token: options.token, fetchToken: options.fetchToken });
  // Late lookup of the global fetch, so test interceptors and polyfills installed after creation apply.
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const http = new Http(apiBase, tokens, fetchImpl);
  // Call fetchToken at start, so the first request (and an early unload flush) has a token ready.
  if (tokens.canRefresh) tokens.refresh().catch(() => undefined);
  const outbox = new Outbox(http, {
    ...options.outbox,
    storage: options.storage ?? 'auto',
    namespace: apiBase,
  });

  return {
    apiBase,
    listScenarios: (o) => http.json('/v1/scenarios', { signal: o?.signal }),
    createSession: (request, o) =>
      http.json('/v1/sessions', { method: 'POST', body: request, signal: o?.signal }),
    // The SSE parser loads with the first streamed turn: a page that only shows a launcher (and
    // tracks its impression) does not download it.
    streamTurn: async function* (sessionId, text, o) {
      const { streamTurn } = await import('./stream.js');
      yield* streamTurn(http, sessionId, text, o);
    },
    sendTurn: (sessionId, text, o) =>
      http.json(sessionPath(sessionId, '/turns'), { method: 'POST', body: { text }, signal: o?.signal }),
    completeSession: (sessionId, o) =>
      http.json(sessionPath(sessionId, '/complete'), { method: 'POST', signal: o?.signal }),
    track: (name, fields) => outbox.track(name, fields),
    settled: () => outbox.settled(),
    flush: () => outbox.flush(),
    stats: () => outbox.stats(),
    getActivation: (query = {}, o) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query))
        if (value !== undefined) params.set(key, String(value));
      const qs = params.toString();
      return http.json(`/v1/activation${qs ? `?${qs}` : ''}`, { signal: o?.signal });
    },
    putAudience: (members, o) =>
      http.json('/v1/audience', {
        method: 'PUT',
        body: typeof members === 'string' ? members : { members },
        ...(typeof members === 'string' ? { contentType: 'text/csv' } : {}),
        signal: o?.signal,
      }),
    sendNudge: (request, o) => http.json('/v1/nudges', { method: 'POST', body: request, signal: o?.signal }),
    getNudge: (id, o) => http.json(`/v1/nudges/${encodeURIComponent(id)}`, { signal: o?.signal }),
    listDeliveries: (query, o) =>
      http.json(`/v1/deliveries${query?.status ? `?status=${encodeURIComponent(query.status)}` : ''}`, {
        signal: o?.signal,
      }),
    retryDelivery: (id, o) =>
      http.json(`/v1/deliveries/${encodeURIComponent(id)}/retry`, { method: 'POST', signal: o?.signal }),
    health: async (check = 'healthz', o) => {
      try {
        const response = await fetchImpl(http.url(`/${check}`), { signal: o?.signal, credentials: 'omit' });
        return (await response.json()) as Health;
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') throw error;
        throw new InflowApiError(
          0,
          'network',
          `Health check failed: ${String((error as Error)?.message ?? error)}`,
        );
      }
    },
    ...scenarioCalls(http),
    ...voiceCalls(http),
    setToken: (token) => tokens.set(token),
    dispose: () => {
      outbox.dispose();
      tokens.dispose();
    },
  };
}
