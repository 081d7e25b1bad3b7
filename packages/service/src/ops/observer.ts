/**
 * Hooks the app calls for metrics (ops/metrics.ts implements them in Node), so the runtime-neutral
 * app and the coach code never import a metrics library. Every hook is optional.
 */
export interface RequestObservation {
  /** The route pattern (`/v1/sessions/:id/turns`), never the raw path with ids. */
  route: string;
  method: string;
  status: number;
  /** Until the last byte for a stream, else until the response was ready. */
  seconds: number;
}

export interface Observer {
  requestEnded?(r: RequestObservation): void;
  /** An SSE response started streaming; the returned function is called once when it ends. */
  streamOpened?(): () => void;
  /** Seconds from the turn reaching the coach to its first text delta. */
  coachFirstDelta?(seconds: number): void;
  /** A coach failure that was answered `coach_unavailable` (JSON) or as an SSE `error` event. */
  coachError?(stage: 'reply' | 'feedback'): void;
}
