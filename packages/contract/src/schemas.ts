/**
 * Runtime schemas (TypeBox, i.e. JSON Schema) for every request and response of API v1.
 * The service validates with them and the OpenAPI document is built from them, so the types,
 * the validation and the published document cannot drift apart.
 */
import Type from 'typebox';
import {
  DateOrTimestamp,
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
import { EVENT_NAMES, GROUP_BY, LIMITS, SEGMENT_ID_PATTERN, SOURCES } from './constants.js';
import { DeliveryStatus } from './deliveries.js';

export * from './scenario-authoring.js';
export * from './deliveries.js';
export { CalendarDate, DateOrTimestamp, Timestamp } from './common.js';

// `.map` widens a tuple to an array, and Static of a Union over an array is `never`: the cast
// keeps the tuple so `Source`, `EventName` and `GroupBy` fields get their literal unions.
type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: Type.TLiteral<T[K]> };
export const SourceSchema = Type.Union(SOURCES.map((s) => Type.Literal(s)) as Literals<typeof SOURCES>);
export const EventNameSchema = Type.Union(
  EVENT_NAMES.map((n) => Type.Literal(n)) as Literals<typeof EVENT_NAMES>,
);
export const GroupBySchema = Type.Union(GROUP_BY.map((g) => Type.Literal(g)) as Literals<typeof GROUP_BY>);

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

export const AudienceMember = Type.Object(
  {
    user: Type.String({ minLength: 1, maxLength: 128 }),
    team: Type.String({ minLength: 1, maxLength: 128 }),
    /** When the user was given access: a date (`2026-03-02`, 00:00 UTC) or a date-time. */
    accessAt: Type.Optional(DateOrTimestamp),
    /** Ids from the tenant's `segments` list (e.g. `point-of-pain`); CSV: one `;`-separated column. */
    segments: Type.Optional(
      Type.Array(Type.String({ pattern: SEGMENT_ID_PATTERN }), { maxItems: LIMITS.segmentsPerMember }),
    ),
  },
  { additionalProperties: false },
);

export const AudienceRequest = Type.Object(
  { members: Type.Array(AudienceMember, { maxItems: LIMITS.audienceRows }) },
  { additionalProperties: false },
);

export const AudienceResponse = Type.Object({
  size: Type.Integer({ minimum: 0 }),
  teams: Type.Integer({ minimum: 0 }),
});

/** A date-only `to` covers that whole day; the default range is the last 42 days. */
export const ActivationQuery = Type.Object({
  from: Type.Optional(DateOrTimestamp),
  to: Type.Optional(DateOrTimestamp),
  groupBy: Type.Optional(GroupBySchema),
});

const Rate = Type.Number({ minimum: 0, maximum: 1 });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
/** `null` when the denominator is 0 (no audience uploaded, no sessions in the range). */
const NullableRate = Type.Union([Rate, Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

/** One row of a grouping (team, scenario or source). Rates are over the group's audience. */
const ActivationGroup = Type.Object({
  key: Type.String(),
  /** Audience members in the group (the team's roster; the whole audience for scenario/source). */
  audience: Count,
  /** Audience members with an unprompted meaningful interaction in this group. */
  activatedUsers: Count,
  /** Audience members with any meaningful interaction in this group, prompted or not. */
  meaningfulUsers: Count,
  rate: NullableRate,
  sessions: Count,
  /** Only on the "Other teams" row: how many teams below `privacy.minGroupSize` it combines. */
  folded: Type.Optional(Count),
  /** Only on segment rows: the tenant's label for the segment id in `key`. */
  label: Type.Optional(Type.String()),
});

/** One row of skill growth: a scenario, a team, or "Other teams" (docs/activation.md, Skill growth). */
const GrowthRow = Type.Object({
  key: Type.String(),
  /** Audience members the row describes (never fewer than `privacy.minGroupSize`). */
  people: Count,
  /** Median share of the maximum score on each person's first attempt at a scenario. */
  firstScoreMedian: NullableRate,
  /** Median share of the maximum score on each person's best attempt. */
  bestScoreMedian: NullableRate,
  /** Share of (person, scenario) pairs with an attempt at or above the version's `passThreshold`. */
  passRate: NullableRate,
  /** Only on the "Other teams" row: how many teams it combines. */
  folded: Type.Optional(Count),
});

const Decision = Type.Union([Type.Literal('go'), Type.Literal('no-go')]);
const Criterion = Type.Object({
  metric: Type.String(),
  label: Type.String(),
  comparator: Type.Union([Type.Literal('>='), Type.Literal('<=')]),
  threshold: Type.Number(),
  value: NullableNumber,
  pass: Type.Boolean(),
});

export const ActivationReport = Type.Object(
  {
    range: Type.Object({ from: Timestamp, to: Timestamp }),
    groupBy: GroupBySchema,
    audience: Type.Object({
      size: Count,
      teams: Count,
      /** Users with events in the range who are not on the roster (not counted anywhere else). */
      outside: Count,
    }),
    /** The tenant's definition of a meaningful interaction. */
    meaningful: Type.Object({ userTurns: Type.Integer({ minimum: 1 }), completed: Type.Boolean() }),
    funnel: Type.Array(Type.Object({ step: EventNameSchema, users: Count })),
    activation: Type.Object({
      rate: NullableRate,
      activatedUsers: Count,
      /** Meaningful interaction only in sessions from an HR campaign: not activated. */
      promptedUsers: Count,
      /** Same as activatedUsers: at least one meaningful interaction not from a campaign. */
      unpromptedUsers: Count,
    }),
    timeToFirstInteraction: Type.Object({
      medianHours: NullableNumber,
      p90Hours: NullableNumber,
      users: Count,
    }),
    supportLoad: Type.Object({
      sessions: Count,
      help: Count,
      errors: Count,
      /** (help + errors) per 100 sessions. */
      per100Sessions: NullableNumber,
      helpPer100Sessions: NullableNumber,
      errorsPer100Sessions: NullableNumber,
    }),
    groups: Type.Array(ActivationGroup),
    /** Always per team (the roster's teams), whatever `groupBy` is: uniformity is measured on it. */
    teams: Type.Array(ActivationGroup),
    /**
     * One row per ISO week (Monday, UTC) that overlaps the range, oldest first; the first and last
     * weeks count only their days inside the range (docs/activation.md, Weekly series).
     */
    weekly: Type.Array(
      Type.Object({
        /** The week's Monday, `YYYY-MM-DD`. */
        week: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
        /** Audience members who started a session that week. */
        activeUsers: Count,
        /** Audience members whose first unprompted meaningful session of the range was that week. */
        newActivations: Count,
        /** Sessions started that week (every user), per source; `unknown` = no source recorded. */
        sessions: Type.Object({
          embedded: Count,
          nudge: Count,
          deeplink: Count,
          campaign: Count,
          unknown: Count,
        }),
        /** Of those, meaningful sessions. */
        meaningfulSessions: Count,
        /** HR campaign nudges sent that week (`POST /v1/nudges` with `campaign: true`). */
        campaignSends: Count,
      }),
    ),
    /** Over the published team rows ("Other teams" is one row), never over a folded team. */
    uniformity: Type.Object({ min: NullableNumber, max: NullableNumber, cv: NullableNumber }),
    /** The small-group rule applied to every per-team figure (docs/activation.md, Small groups). */
    privacy: Type.Object({
      /** Teams with fewer audience members are never shown on their own. */
      minGroupSize: Type.Integer({ minimum: 1 }),
      /** Teams combined into the "Other teams" row. */
      foldedTeams: Count,
      /** Teams not shown at all: the whole audience is under `minGroupSize`. */
      withheldTeams: Count,
      /** With `groupBy=segment`: segments not shown (too small, or they would reveal a small difference). */
      withheldSegments: Type.Optional(Count),
    }),
    /** Return visits of the range's new activations (docs/activation.md, Return visits). */
    returns: Type.Object({
      /** Activated audience members whose first activation was at least 14 days before the range end. */
      eligible: Count,
      /** Of those, who started another session within 14 days of it. */
      returned: Count,
      rate: NullableRate,
      /** One row per week with new activations (`weekly[].newActivations`), oldest first. */
      cohorts: Type.Array(
        Type.Object({
          week: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          users: Count,
          /** Share who started a session in weeks k+1 … k+4; null for a week after the range. */
          again: Type.Array(NullableRate, { minItems: 4, maxItems: 4 }),
        }),
      ),
      /** Cohorts of fewer than `privacy.minGroupSize` people: not shown. */
      withheldCohorts: Count,
    }),
    /** Scores of completed sessions in the range, aggregated; never one person's score. */
    growth: Type.Object({
      scenarios: Type.Array(GrowthRow),
      teams: Type.Array(GrowthRow),
      /** Scenarios practised by fewer than `privacy.minGroupSize` people: left out of every row. */
      withheldScenarios: Count,
    }),
    /** The service's own timings of the range's turns, and coach errors (docs/activation.md). */
    stability: Type.Object({
      /** Turns answered in the range. */
      turns: Count,
      /** From the turn reaching the coach to its first text delta, in ms; null without turns. */
      firstDeltaP50Ms: NullableNumber,
      firstDeltaP95Ms: NullableNumber,
      /** From the turn reaching the coach to the reply stored, in ms. */
      turnP95Ms: NullableNumber,
      /** Coach failures answered `coach_unavailable` (replies and feedback). */
      coachErrors: Count,
      /** Over `supportLoad.sessions`; null with no sessions. */
      coachErrorsPer100Sessions: NullableNumber,
    }),
    goNoGo: Type.Object({
      /** On the focus segment when the tenant names one (`focus`), else on the whole audience. */
      decision: Decision,
      criteria: Type.Array(Criterion),
      /** The tenant's `focusSegment` (docs/activation.md, Focus segment). */
      focus: Type.Optional(
        Type.Object({
          segment: Type.String(),
          /** The tenant's label; null for a segment it does not define (a failing criterion). */
          label: Type.Union([Type.String(), Type.Null()]),
          /** Audience members in the segment; null when its figures are withheld. */
          audience: Type.Union([Count, Type.Null()]),
          /** Its figures are withheld: it, or the rest of the audience, is under `minGroupSize`. */
          withheld: Type.Boolean(),
          /** The same criteria on the whole audience, shown beside. */
          wholeAudience: Type.Object({ decision: Decision, criteria: Type.Array(Criterion) }),
          /** The segment's activation rate ÷ the rest of the audience's; null when undefined. */
          enthusiastGap: NullableNumber,
        }),
      ),
    }),
  },
  { $id: 'ActivationReport' },
);

export const NudgeRequest = Type.Object(
  {
    user: Type.String({ minLength: 1, maxLength: 128 }),
    scenario: Id,
    channel: Type.Union([Type.Literal('slack'), Type.Literal('teams'), Type.Literal('webhook')]),
    /** Page the deep link opens, e.g. the vendor's review screen. */
    url: Type.String({ format: 'uri', maxLength: 2000 }),
    message: Type.Optional(Type.String({ maxLength: 500 })),
    campaign: Type.Optional(Type.Boolean()),
    /** Deliver then instead of now: not in the past, at most 90 days ahead (docs/nudges.md). */
    sendAt: Type.Optional(Timestamp),
    /**
     * At send time, skip the user if they had a meaningful session on this scenario since the
     * nudge was queued (the tenant's `meaningfulTurns`, or completed); the nudge is `skipped`.
     */
    unlessPractised: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const NudgeDelivery = Type.Object({
  attempt: Type.Integer({ minimum: 1 }),
  at: Timestamp,
  status: Type.Union([Type.Integer(), Type.Null()]),
  ok: Type.Boolean(),
  error: Type.Optional(Type.String()),
});

/**
 * A nudge and its delivery. `POST /v1/nudges` answers 202 with it before anything is sent (the
 * outbound queue delivers it, docs/nudges.md); `GET /v1/nudges/{id}` reads it back with every
 * attempt the queue made.
 */
export const NudgeResponse = Type.Object({
  id: Uuid,
  link: Type.String(),
  channel: Type.String(),
  /** Its delivery's status in the outbound queue. */
  status: DeliveryStatus,
  /** `status` is `delivered`. */
  delivered: Type.Boolean(),
  /** Its job in `GET /v1/deliveries` (null for a nudge sent before deliveries were queued). */
  deliveryId: Type.Union([Uuid, Type.Null()]),
  /** When it is (or was) due. */
  sendAt: Timestamp,
  unlessPractised: Type.Boolean(),
  /** Why it is `dead` or `skipped`. */
  reason: Type.Optional(Type.String()),
  deliveries: Type.Array(NudgeDelivery),
});

/** `GET /openapi.json`: an OpenAPI 3.1 document (only its version is pinned here). */
export const OpenApiDocument = Type.Object({ openapi: Type.Literal('3.1.0') });

export const Health = Type.Object({ status: Type.Union([Type.Literal('ok'), Type.Literal('not_ready')]) });

export type Static<T extends Type.TSchema> = Type.Static<T>;
