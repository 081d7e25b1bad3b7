/**
 * Runtime schemas (TypeBox, i.e. JSON Schema) for every request and response of API v1.
 * The service validates with them and the OpenAPI document is built from them, so the types,
 * the validation and the published document cannot drift apart.
 */
import Type from 'typebox';
import {
  Id,
  KeyedRecord,
  Locale,
  PassThreshold,
  ScenarioStatus,
  ScenarioVersion,
  Setting,
  Timestamp,
  Uuid,
} from './common.js';
import { LIMITS } from './constants.js';
import { EventNameSchema, SourceSchema } from './literal-unions.js';

export * from './scenario-authoring.js';
export * from './deliveries.js';
export * from './literal-unions.js';
export * from './activation-report.js';
export * from './audience.js';
export * from './nudges.js';
export * from './nudge-batch.js';
export * from './voice.js';
export * from './export.js';
export { CalendarDate, DateOrTimestamp, Timestamp } from './common.js';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    }),
  },
  { $id: 'Error' },
);

export const RubricCriterion = Type.Object({
  id: Id,
  label: Type.String(),
  description: Type.String(),
});

export const Scenario = Type.Object(
  {
    id: Id,
    title: Type.String(),
    summary: Type.String(),
    setting: Setting,
    persona: Type.Object({ name: Type.String(), role: Type.String(), description: Type.String() }),
    objectives: Type.Array(Type.String()),
    rubric: Type.Array(RubricCriterion),
    locale: Locale,
    /** Share of the maximum score an attempt needs to pass (authored scenarios; default 0.7). */
    passThreshold: Type.Optional(PassThreshold),
    /** The authored version this listing or session plays (absent for built-ins). */
    version: Type.Optional(ScenarioVersion),
    /** Only in an admin token's listing, which includes drafts. */
    status: Type.Optional(ScenarioStatus),
  },
  { $id: 'Scenario' },
);

export const ScenarioList = Type.Object({
  scenarios: Type.Array(Scenario),
  /** The tenant's AI-use disclosure, shown in the practice brief. */
  disclosure: Type.String(),
});

export const CreateSessionRequest = Type.Object(
  {
    scenario: Id,
    source: SourceSchema,
    context: Type.Optional(
      KeyedRecord('^[a-z][a-z0-9-]{0,39}$', Type.String({ maxLength: LIMITS.contextValueChars }), {
        maxProperties: LIMITS.contextEntries,
      }),
    ),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

export const CoachLine = Type.Object({ turn: Type.Integer({ minimum: 0 }), text: Type.String() });

export const Session = Type.Object(
  {
    id: Uuid,
    scenario: Scenario,
    source: SourceSchema,
    opening: CoachLine,
    disclosure: Type.String(),
    createdAt: Timestamp,
  },
  { $id: 'Session' },
);

export const TurnRequest = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: LIMITS.turnTextChars }) },
  { additionalProperties: false },
);

/** JSON form of a coach reply (`Accept: application/json`). */
export const TurnResponse = Type.Object({ reply: CoachLine, userTurns: Type.Integer({ minimum: 1 }) });

/** Server-sent events of a streamed turn: `delta` … `done`, or `error`. */
export const TurnDeltaEvent = Type.Object({ text: Type.String() });
export const TurnDoneEvent = TurnResponse;

export const CriterionScore = Type.Object({
  criterion: Id,
  label: Type.String(),
  score: Type.Integer({ minimum: 0 }),
  max: Type.Integer({ minimum: 1 }),
  /** Quotes from the user's own turns that earned (or missed) the score. */
  evidence: Type.Array(Type.String()),
  /** Which scorer decided this criterion: the model judge, or the rubric scorer (the fallback). */
  scoredBy: Type.Union([Type.Literal('model'), Type.Literal('rubric')]),
});

export const Feedback = Type.Object(
  {
    sessionId: Uuid,
    scenario: Id,
    scores: Type.Array(CriterionScore),
    summary: Type.String(),
    nextStep: Type.String(),
    /** The scenario version the session was pinned to (1 for a built-in). */
    scenarioVersion: ScenarioVersion,
    /** The judge that scored it, e.g. `rubric-1` or `model-1:gpt-4o-mini`. */
    judgeVersion: Type.String({ maxLength: 200 }),
    /** Whether the total reached `passThreshold` of the maximum. */
    passed: Type.Boolean(),
    passThreshold: PassThreshold,
  },
  { $id: 'Feedback' },
);

const PropValue = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean(), Type.Null()]);

export const ActivationEvent = Type.Object(
  {
    id: Uuid,
    name: EventNameSchema,
    at: Timestamp,
    sessionId: Type.Optional(Uuid),
    scenario: Type.Optional(Id),
    source: Type.Optional(SourceSchema),
    props: Type.Optional(KeyedRecord('^[A-Za-z][A-Za-z0-9_]{0,39}$', PropValue, { maxProperties: 20 })),
  },
  { additionalProperties: false, $id: 'ActivationEvent' },
);

export const EventBatch = Type.Object(
  { events: Type.Array(ActivationEvent, { minItems: 1, maxItems: LIMITS.eventsPerBatch }) },
  { additionalProperties: false },
);

export const EventsAccepted = Type.Object({
  accepted: Type.Integer({ minimum: 0 }),
  duplicates: Type.Integer({ minimum: 0 }),
});

/** `GET /openapi.json`: an OpenAPI 3.1 document (only its version is pinned here). */
export const OpenApiDocument = Type.Object({ openapi: Type.Literal('3.1.0') });

export const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('not_ready')]) });

export type Static<T extends Type.TSchema> = Type.Static<T>;
