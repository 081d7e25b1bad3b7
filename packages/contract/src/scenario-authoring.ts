/**
 * Authored scenarios (docs/scenarios.md): a tenant's own persona, objectives and rubric, with
 * optional lines for the scripted engine. The service owns `id` (from the path), `version`,
 * `status: archived` and `updatedAt`; every string and list is bounded by `LIMITS`.
 */
import Type from 'typebox';
import {
  Id,
  Locale,
  PassThreshold,
  ScenarioStatus,
  ScenarioVersion,
  Setting,
  Timestamp,
  Uuid,
} from './common.js';
import { LIMITS } from './constants.js';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Line = Text(LIMITS.scriptLineChars);

export const AuthoredCriterion = Type.Object(
  {
    id: Id,
    label: Text(LIMITS.criterionLabelChars),
    description: Text(LIMITS.criterionDescriptionChars),
    /** Highest score of this criterion (default 3). */
    max: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.criterionMaxScore })),
    /** Plain phrases (not regular expressions) that show the behaviour; default: words of label and description. */
    signals: Type.Optional(Type.Array(Text(LIMITS.signalChars), { maxItems: LIMITS.criterionSignals })),
    /** The persona's line the first time the user shows the behaviour (scripted engine). */
    reaction: Type.Optional(Line),
    /** Advice when the behaviour was missing. */
    tip: Type.Optional(Line),
  },
  { additionalProperties: false },
);

export const ScenarioScript = Type.Object(
  {
    opening: Type.Optional(Line),
    /** Lines when a turn shows nothing new: used in order, then the last one repeats. */
    pushback: Type.Optional(Type.Array(Line, { maxItems: LIMITS.pushbackLines })),
    /** Once every criterion was shown. */
    closing: Type.Optional(Line),
  },
  { additionalProperties: false },
);

const inputFields = {
  title: Text(LIMITS.scenarioTitleChars),
  summary: Text(LIMITS.scenarioSummaryChars),
  setting: Setting,
  persona: Type.Object(
    {
      name: Text(LIMITS.personaNameChars),
      role: Text(LIMITS.personaRoleChars),
      description: Text(LIMITS.personaDescriptionChars),
    },
    { additionalProperties: false },
  ),
  objectives: Type.Array(Text(LIMITS.objectiveChars), { minItems: 1, maxItems: LIMITS.scenarioObjectives }),
  rubric: Type.Array(AuthoredCriterion, { minItems: 1, maxItems: LIMITS.rubricCriteria }),
  locale: Locale,
  script: Type.Optional(ScenarioScript),
  passThreshold: Type.Optional(PassThreshold),
};

/** The body of `PUT /v1/scenarios/{id}`. `status` defaults to `draft`: publishing is explicit. */
export const ScenarioInput = Type.Object(
  { ...inputFields, status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])) },
  { additionalProperties: false, $id: 'ScenarioInput' },
);

/** One stored version of an authored scenario, as the admin API returns it. */
export const AuthoredScenario = Type.Object(
  {
    id: Id,
    ...inputFields,
    passThreshold: PassThreshold,
    version: ScenarioVersion,
    status: ScenarioStatus,
    updatedAt: Timestamp,
  },
  { $id: 'AuthoredScenario' },
);

/** `GET /v1/scenarios/{id}/versions`: every stored version, newest first. */
export const ScenarioVersions = Type.Object({ versions: Type.Array(AuthoredScenario) });

export const MyAttemptsQuery = Type.Object({ scenario: Id });

export const Attempt = Type.Object({
  sessionId: Uuid,
  scenario: Id,
  scenarioVersion: ScenarioVersion,
  completedAt: Timestamp,
  score: Type.Integer({ minimum: 0 }),
  maxScore: Type.Integer({ minimum: 1 }),
  passed: Type.Boolean(),
});

/** `GET /v1/me/sessions?scenario=`: the caller's own completed attempts, oldest first. */
export const MyAttempts = Type.Object(
  {
    scenario: Id,
    attempts: Type.Array(Attempt),
    /** The attempt with the highest share of its maximum (the earliest on a tie); null without attempts. */
    best: Type.Union([
      Type.Object({
        sessionId: Uuid,
        score: Type.Integer({ minimum: 0 }),
        maxScore: Type.Integer({ minimum: 1 }),
      }),
      Type.Null(),
    ]),
    /** Best share minus the first attempt's share (0…1); null without attempts. */
    firstToBest: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
    /** Whether any attempt passed its version's threshold. */
    passedEver: Type.Boolean(),
  },
  { $id: 'MyAttempts' },
);

/** The `{id}` of `/v1/scenarios/{id}`: the tenant's own id for the scenario. */
export const ScenarioIdParam = Id;
