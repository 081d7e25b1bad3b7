/** `GET /v1/activation`: its query and the report (docs/activation.md defines every figure). */
import Type from 'typebox';
import { DateOrTimestamp, Timestamp } from './common.js';
import { EventNameSchema, GroupBySchema } from './literal-unions.js';

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

const Funnel = Type.Array(Type.Object({ step: EventNameSchema, users: Count }));
/** Hours from access (or first impression) to the first interaction (docs/activation.md). */
const TimeToFirstInteraction = Type.Object({
  medianHours: NullableNumber,
  p90Hours: NullableNumber,
  users: Count,
});

/** One row of a grouping (team, scenario, source or segment). Rates are over the group's audience. */
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
  /** Only on segment rows: the funnel of the segment's members. */
  funnel: Type.Optional(Funnel),
  /**
   * Only on segment rows: the segment's time to first interaction; median and p90 are null when
   * fewer than `privacy.minGroupSize` members had one (they would describe too few people).
   */
  timeToFirstInteraction: Type.Optional(TimeToFirstInteraction),
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
    funnel: Funnel,
    activation: Type.Object({
      rate: NullableRate,
      activatedUsers: Count,
      /** Meaningful interaction only in sessions from an HR campaign: not activated. */
      promptedUsers: Count,
      /** Same as activatedUsers: at least one meaningful interaction not from a campaign. */
      unpromptedUsers: Count,
    }),
    timeToFirstInteraction: TimeToFirstInteraction,
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
