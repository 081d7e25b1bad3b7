/**
 * Every operation of API v1: method, path, scope, request and response schemas, error statuses.
 * The OpenAPI document (openapi.ts), the service's router conformance test, the fuzz and
 * isolation suites and the client's coverage test all read this one list.
 */
import type { TSchema } from 'typebox';
import { DemoTokenRequest, DemoTokenResponse } from './demo-token.js';
import { EXPORT_ROUTES } from './export-routes.js';
import { OUTBOUND_ROUTES } from './outbound-routes.js';
import * as S from './schemas.js';

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template, e.g. `/v1/sessions/{id}/turns`. */
  path: string;
  operationId: string;
  summary: string;
  /** `null` for unauthenticated routes. */
  scope: 'practice' | 'admin' | null;
  body?: TSchema;
  /** The body may be left out (an empty body is read as `{}`). */
  bodyOptional?: boolean;
  /** Extra request media types accepted besides JSON (e.g. CSV for the audience). */
  bodyMediaTypes?: string[];
  query?: TSchema;
  status: number;
  response: TSchema;
  /**
   * The success body's media types instead of JSON (a streamed export): each maps to the schema of
   * one record (an NDJSON line), or to `null` for plain text (CSV).
   */
  responseMediaTypes?: Record<string, TSchema | null>;
  /** Set when the route can answer as a server-sent event stream. */
  stream?: boolean;
  /** Schema of the `{id}` path parameter; a UUID unless set. */
  idSchema?: TSchema;
  /** OpenAPI tags, e.g. `demo-only` for a route that exists only in demo mode. */
  tags?: string[];
  /** Error statuses of an unauthenticated route; of an authenticated one, those beyond the common list (502, 503). */
  errors?: string[];
}

export const ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness',
    scope: null,
    status: 200,
    response: S.Health,
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'ready',
    summary: 'Readiness (storage reachable)',
    scope: null,
    status: 200,
    response: S.Health,
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This OpenAPI 3.1 document (a readable reference is served at /docs)',
    scope: null,
    status: 200,
    response: S.OpenApiDocument,
  },
  {
    method: 'get',
    path: '/v1/scenarios',
    operationId: 'listScenarios',
    summary: "Scenarios enabled for the token's tenant",
    scope: 'practice',
    status: 200,
    response: S.ScenarioList,
  },
  {
    method: 'post',
    path: '/v1/sessions',
    operationId: 'createSession',
    summary: 'Start a practice session',
    scope: 'practice',
    body: S.CreateSessionRequest,
    status: 201,
    response: S.Session,
  },
  {
    method: 'post',
    path: '/v1/sessions/{id}/turns',
    operationId: 'sendTurn',
    summary:
      'Send a user turn; the coach reply streams as SSE (`delta` … `done`) or returns JSON with `Accept: application/json`',
    scope: 'practice',
    body: S.TurnRequest,
    status: 200,
    response: S.TurnResponse,
    stream: true,
  },
  {
    method: 'post',
    path: '/v1/sessions/{id}/complete',
    operationId: 'completeSession',
    summary: 'End the session and get rubric feedback',
    scope: 'practice',
    status: 200,
    response: S.Feedback,
  },
  {
    method: 'post',
    path: '/v1/events',
    operationId: 'ingestEvents',
    summary:
      'Ingest activation events, idempotent on event id. The unload flush may instead send `text/plain` with the same JSON plus a `token` field (a CORS-simple request cannot carry Authorization)',
    scope: 'practice',
    body: S.EventBatch,
    bodyMediaTypes: ['text/plain'],
    status: 202,
    response: S.EventsAccepted,
  },
  {
    method: 'get',
    path: '/v1/activation',
    operationId: 'getActivation',
    summary: 'Activation metrics over a date range',
    scope: 'admin',
    query: S.ActivationQuery,
    status: 200,
    response: S.ActivationReport,
  },
  {
    method: 'put',
    path: '/v1/audience',
    operationId: 'putAudience',
    summary: 'Replace the target roster (JSON or CSV `user,team,accessAt`)',
    scope: 'admin',
    body: S.AudienceRequest,
    bodyMediaTypes: ['text/csv'],
    query: S.AudienceUploadQuery,
    status: 200,
    response: S.AudienceResponse,
  },
  {
    method: 'get',
    path: '/v1/audience',
    operationId: 'listAudience',
    summary: 'Page through the target roster in user id order (`cursor`, `limit`)',
    scope: 'admin',
    query: S.AudienceQuery,
    status: 200,
    response: S.AudiencePage,
  },
  {
    method: 'patch',
    path: '/v1/audience',
    operationId: 'patchAudience',
    summary: 'Add and remove roster members (remove first, so a user in both is updated)',
    scope: 'admin',
    body: S.AudiencePatch,
    status: 200,
    response: S.AudienceResponse,
  },
  ...EXPORT_ROUTES,
  {
    method: 'post',
    path: '/v1/nudges',
    operationId: 'sendNudge',
    summary:
      'Build a deep link and queue its delivery through a chat or webhook channel (202: the outbound queue sends it; `GET /v1/nudges/{id}` shows the outcome)',
    scope: 'admin',
    body: S.NudgeRequest,
    status: 202,
    response: S.NudgeResponse,
  },
  {
    method: 'post',
    path: '/v1/nudges/batch',
    operationId: 'sendNudgeBatch',
    summary:
      "Queue one nudge per listed user (same scenario, channel and schedule); 202 with each user's result: pending, or skipped by the frequency cap",
    scope: 'admin',
    body: S.NudgeBatchRequest,
    status: 202,
    response: S.NudgeBatchResponse,
  },
  {
    method: 'put',
    path: '/v1/scenarios/{id}',
    operationId: 'putScenario',
    summary:
      'Create an authored scenario (201) or store its next version (200); `status: "published"` publishes it. A built-in id answers 409',
    scope: 'admin',
    body: S.ScenarioInput,
    status: 200,
    response: S.AuthoredScenario,
    idSchema: S.ScenarioIdParam,
  },
  {
    method: 'get',
    path: '/v1/scenarios/{id}',
    operationId: 'getScenario',
    summary: "An authored scenario's latest version, drafts and archived included",
    scope: 'admin',
    status: 200,
    response: S.AuthoredScenario,
    idSchema: S.ScenarioIdParam,
  },
  {
    method: 'get',
    path: '/v1/scenarios/{id}/versions',
    operationId: 'listScenarioVersions',
    summary: 'Every stored version of an authored scenario, newest first',
    scope: 'admin',
    status: 200,
    response: S.ScenarioVersions,
    idSchema: S.ScenarioIdParam,
  },
  {
    method: 'delete',
    path: '/v1/scenarios/{id}',
    operationId: 'archiveScenario',
    summary:
      'Archive an authored scenario: new sessions are refused; running sessions, feedback and reports keep working',
    scope: 'admin',
    status: 200,
    response: S.AuthoredScenario,
    idSchema: S.ScenarioIdParam,
  },
  {
    method: 'get',
    path: '/v1/me/sessions',
    operationId: 'listMyAttempts',
    summary:
      "The caller's own completed attempts at a scenario: scores, best, first-to-best change, passed. Nobody else's",
    scope: 'practice',
    query: S.MyAttemptsQuery,
    status: 200,
    response: S.MyAttempts,
  },
  {
    method: 'post',
    path: '/demo/token',
    operationId: 'mintDemoToken',
    summary:
      'Demo mode only (`inflow serve --demo`; absent otherwise): mint an embed token of the `demo` tenant for anyone who asks. Never enable it for a real tenant',
    scope: null,
    body: DemoTokenRequest,
    bodyOptional: true,
    status: 200,
    response: DemoTokenResponse,
    tags: ['demo-only'],
    errors: ['400', '404', '413', '415', '422'],
  },
  {
    method: 'get',
    path: '/v1/nudges/{id}',
    operationId: 'getNudge',
    summary: "A nudge and its delivery: link, channel, the queue's status and every attempt it made",
    scope: 'admin',
    status: 200,
    response: S.NudgeResponse,
  },
  ...OUTBOUND_ROUTES,
  {
    method: 'get',
    path: '/v1/audio',
    operationId: 'getVoiceCapabilities',
    summary: "What voice the token's tenant allows and the service provides (docs/voice.md)",
    scope: 'practice',
    status: 200,
    response: S.VoiceCapabilities,
  },
  {
    method: 'post',
    path: '/v1/audio/transcriptions',
    operationId: 'transcribe',
    summary:
      'Speech to text through the configured OpenAI-compatible server; the audio is neither stored nor logged. 403 `voice_disabled` when the tenant forbids voice, 413 over the size limit',
    scope: 'practice',
    body: S.TranscriptionRequest,
    status: 200,
    response: S.TranscriptionResponse,
    errors: ['502', '503'],
  },
  {
    method: 'post',
    path: '/v1/audio/speech',
    operationId: 'synthesizeSpeech',
    summary:
      'Text to speech through the configured OpenAI-compatible server; 403 `voice_disabled` when the tenant forbids voice',
    scope: 'practice',
    body: S.SpeechRequest,
    status: 200,
    response: S.SpeechResponse,
    errors: ['502', '503'],
  },
];
