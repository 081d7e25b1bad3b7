/**
 * Plain constants shared by every package. No dependencies, so the browser client can import
 * them without pulling the schema library into a host page.
 */

export const API_VERSION = 'v1';
export const TOKEN_AUDIENCE = 'inflow';
/** Embed tokens may live at most this long (docs/design.md §4). */
export const MAX_TOKEN_LIFETIME_SECONDS = 15 * 60;

/** How the user arrived at a practice. `campaign` means prompted by an HR email. */
export const SOURCES = ['embedded', 'nudge', 'deeplink', 'campaign'] as const;
export type Source = (typeof SOURCES)[number];

export const SCOPES = ['practice', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Activation events (docs/design.md §6). Never carry transcript text. */
export const EVENT_NAMES = [
  'impression',
  'open',
  'session_start',
  'first_interaction',
  'meaningful_interaction',
  'complete',
  'help',
  'error',
  'nudge_shown',
  'nudge_dismissed',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** Funnel steps, in order, as reported by `GET /v1/activation`. */
export const FUNNEL_STEPS = [
  'impression',
  'open',
  'session_start',
  'first_interaction',
  'meaningful_interaction',
  'complete',
] as const satisfies readonly EventName[];

/** Ids of the built-in scenarios (the service's scripted coach plays each of them). */
export const SCENARIO_IDS = [
  'underperformance',
  'critical-feedback',
  'rating-disagreement',
  'goal-setting',
  'first-one-to-one',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** Score scale of a criterion that names no `max` (the rubric scorer's scale). */
export const DEFAULT_CRITERION_MAX = 3;
/** Share of the maximum score an attempt needs to pass when a scenario names no `passThreshold`. */
export const DEFAULT_PASS_THRESHOLD = 0.7;

export const GROUP_BY = ['team', 'scenario', 'source', 'segment'] as const;
/** A roster segment id: short, lowercase, no `;` (the CSV separator). */
export const SEGMENT_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,39}$';
export type GroupBy = (typeof GROUP_BY)[number];

/** Stable error codes. Clients branch on these, never on messages. */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  session_completed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  coach_unavailable: 502,
  not_ready: 503,
  /** The tenant's policy forbids voice (docs/voice.md). */
  voice_disabled: 403,
  /** The speech provider failed, timed out or refused the request. */
  voice_provider_failed: 502,
  /** No speech provider is configured on the service (`INFLOW_STT_*`, `INFLOW_TTS_*`). */
  voice_unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Every date and date-time the API accepts lies in these years (UTC): outside them a value is
 * out of range for PostgreSQL (it has no year 0) or meaningless for a pilot. The schemas'
 * `pattern` and the service's one date parser both hold to them.
 */
export const DATE_YEARS = { min: 1970, max: 9999 } as const;

/** Limits enforced by the service and respected by the client when batching. */
export const LIMITS = {
  /** Events per `POST /v1/events` request. */
  eventsPerBatch: 500,
  /** Bytes per `POST /v1/events` request body. */
  eventsBodyBytes: 256 * 1024,
  /** Bytes of any other JSON request body. */
  jsonBodyBytes: 64 * 1024,
  /** Characters in one user turn. */
  turnTextChars: 4000,
  /** Bytes of the `props` of one event. */
  eventPropsBytes: 2048,
  /** Context entries (`context-*` attributes) per session, and characters per value. */
  contextEntries: 20,
  contextValueChars: 200,
  /** Audience rows per `PUT /v1/audience`. */
  audienceRows: 100_000,
  /** Segments per audience member, and segments a tenant may define (docs/activation.md, Segments). */
  segmentsPerMember: 8,
  tenantSegments: 20,
  /** Bytes of a `POST /demo/token` body (demo mode only). */
  demoTokenBodyBytes: 4096,
  /** Bytes of a `PUT /v1/scenarios/{id}` body (an authored scenario); larger answers 413. */
  scenarioBodyBytes: 64 * 1024,
  /** Characters of an authored scenario's fields. */
  scenarioTitleChars: 120,
  scenarioSummaryChars: 500,
  personaNameChars: 80,
  personaRoleChars: 120,
  personaDescriptionChars: 2000,
  /** Objectives per scenario, and characters per objective. */
  scenarioObjectives: 10,
  objectiveChars: 300,
  /** Criteria per rubric (at least one). */
  rubricCriteria: 12,
  criterionLabelChars: 80,
  criterionDescriptionChars: 500,
  /** Highest `max` of one authored criterion. */
  criterionMaxScore: 10,
  /** Signal phrases per criterion, and characters per phrase. */
  criterionSignals: 20,
  signalChars: 80,
  /** Characters of one scripted line: opening, reaction, tip, pushback, closing. */
  scriptLineChars: 500,
  /** Pushback lines per scenario script. */
  pushbackLines: 10,
  /** Longest voice recording, and its bytes (the body of `POST /v1/audio/transcriptions` is its base64). */
  voiceSeconds: 60,
  voiceAudioBytes: 1024 * 1024,
  /** Characters of one reply sent to `POST /v1/audio/speech`. */
  speechTextChars: 4000,
} as const;
