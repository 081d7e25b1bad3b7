/**
 * The part of the `@inflow/client` interface the elements use. Typed structurally so an element
 * can be handed any object with this shape (the real client, or a test double in unit tests).
 */
import type {
  CreateSessionRequest,
  EventName,
  Feedback,
  ScenarioList,
  Session,
  Source,
} from '@inflow/contract';

export type TurnChunk =
  | { type: 'delta'; text: string }
  | { type: 'done'; reply: { turn: number; text: string }; userTurns: number };

export interface TrackFields {
  sessionId?: string;
  scenario?: string;
  source?: Source;
  props?: Record<string, string | number | boolean | null>;
}

export interface ElementsClient {
  listScenarios(): Promise<ScenarioList>;
  createSession(request: CreateSessionRequest): Promise<Session>;
  streamTurn(sessionId: string, text: string, options?: { signal?: AbortSignal }): AsyncIterable<TurnChunk>;
  completeSession(sessionId: string): Promise<Feedback>;
  /** Enqueues an activation event in the durable outbox; returns the event id. */
  track(name: EventName, fields?: TrackFields): unknown;
}

/** Error shape of `@inflow/client` (`InflowApiError`), read structurally. */
export interface ApiErrorLike {
  status?: number;
  code?: string;
  message?: string;
}

/** A stable code for any thrown value: the API error code, or `network` / `internal`. */
export function errorCode(error: unknown): string {
  const e = error as ApiErrorLike | null;
  if (e && typeof e.code === 'string') return e.code;
  if (error instanceof TypeError) return 'network';
  return 'internal';
}

/** Errors caused by configuration, not by a passing failure: retrying cannot help, so they disable. */
const FATAL_CODES = new Set([
  'unauthorized',
  'token_expired',
  'forbidden',
  'not_found',
  'validation_failed',
  'bad_request',
]);

/** Whether an error code (from `errorCode`) disables the element. */
export const isFatal = (code: string): boolean => FATAL_CODES.has(code);
