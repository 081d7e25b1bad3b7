/**
 * The resolved form of ONE version of a scenario, built-in or authored: what the engines play
 * and score. Built from a stored authored scenario with `toPlayable`, or from the code's
 * built-ins with `builtInPlayable`; the public `scenario` is what clients see, the rest
 * (signals, reactions, tips, script lines) stays server-side.
 */
import {
  DEFAULT_CRITERION_MAX,
  DEFAULT_PASS_THRESHOLD,
  type AuthoredScenario,
  type CriterionScore,
  type Feedback,
  type Scenario,
} from '@inflow/contract';
import { phraseSignal, derivedSignals } from './signals.js';
import { defaultLines } from './lines.js';
import { findScripted } from './scenarios.js';

/** Changes whenever the judge prompt, schema or sanitising algorithm changes. */
export const JUDGE_VERSION = 'judge-1';
/** Changes whenever the rubric scorer (signals → score) changes. */
export const RUBRIC_VERSION = 1;
export const rubricJudgeVersion = (): string => `rubric-${RUBRIC_VERSION}`;
/** The judge version of a model engine: the algorithm and the model that applied it. */
export const modelJudgeVersion = (model: string): string => `${JUDGE_VERSION}:${model}`;

export interface PlayableCriterion {
  id: string;
  label: string;
  description: string;
  /** Highest score for this criterion (default 3). */
  max: number;
  /** What shows the behaviour in a user turn; authored phrases become Unicode-aware whole-word patterns. */
  signals: RegExp[];
  /** The persona's reaction the first time the user shows this behaviour. */
  reaction: string;
  /** Advice when the behaviour was missing. */
  tip: string;
}

export interface ScriptLines {
  opening: string;
  /** Persona lines when a turn shows nothing new; used in order, then the last one repeats. */
  pushback: string[];
  /** Once every criterion was shown. */
  closing: string;
}

export interface PlayableScenario {
  /** The public scenario, exactly what `GET /v1/scenarios` and `Session.scenario` carry. */
  scenario: Scenario;
  /** The scenario version this session plays (built-ins: 1). */
  version: number;
  /** Share of the maximum total score that passes, 0…1. */
  passThreshold: number;
  script: ScriptLines;
  criteria: PlayableCriterion[];
}

/** One criterion's score, and which scorer decided it (`scoredBy`). */
export type JudgedScore = CriterionScore;

/** What an engine's `feedback` returns: the stored feedback, without the session id. */
export type EngineFeedback = Omit<Feedback, 'sessionId'>;

export interface TranscriptEntry {
  role: 'user' | 'coach';
  text: string;
}

export interface TurnInput {
  scenario: PlayableScenario;
  /** Everything said so far, ending with the user's new turn. */
  transcript: TranscriptEntry[];
  context: Record<string, string>;
  locale: string;
  signal?: AbortSignal;
}

export interface CoachEngine {
  readonly name: string;
  /** Recorded on a session at start and on its feedback: `judge-<n>:<model>` or `rubric-<n>`. */
  readonly judgeVersion: string;
  /** The persona's first line; synchronous-fast so the practice opens at once. */
  opening(scenario: PlayableScenario, context: Record<string, string>): string;
  /** The persona's reply to the last user turn, as text deltas. */
  reply(input: TurnInput): AsyncIterable<string>;
  /**
   * Feedback on the user's turns. Never rejects for a model failure: the model engine falls back
   * to the rubric scorer (per criterion or whole), marking `scoredBy`. Rejects only on abort.
   */
  feedback(
    scenario: PlayableScenario,
    transcript: TranscriptEntry[],
    signal: AbortSignal,
  ): Promise<EngineFeedback>;
}

/** One stored version of an authored scenario (status and timestamps do not change how it plays). */
export type AuthoredInput = Omit<AuthoredScenario, 'status' | 'updatedAt'>;

export function toPlayable(a: AuthoredInput): PlayableScenario {
  const lines = defaultLines(a.locale);
  const criteria: PlayableCriterion[] = a.rubric.map((c) => {
    const phrases = (c.signals ?? []).map((p) => p.trim()).filter(Boolean);
    return {
      id: c.id,
      label: c.label,
      description: c.description,
      max: c.max ?? DEFAULT_CRITERION_MAX,
      signals: phrases.length
        ? phrases.map(phraseSignal)
        : derivedSignals(`${c.label} ${c.description}`, a.locale),
      reaction: c.reaction?.trim() || lines.reaction,
      tip: c.tip?.trim() || lines.tip(c.label, c.description),
    };
  });
  const pushback = (a.script?.pushback ?? []).map((p) => p.trim()).filter(Boolean);
  return {
    scenario: {
      id: a.id,
      title: a.title,
      summary: a.summary,
      setting: a.setting,
      persona: a.persona,
      objectives: a.objectives,
      rubric: criteria.map(({ id, label, description }) => ({ id, label, description })),
      locale: a.locale,
      passThreshold: a.passThreshold,
      version: a.version,
    },
    version: a.version,
    passThreshold: a.passThreshold ?? DEFAULT_PASS_THRESHOLD,
    script: {
      opening: a.script?.opening?.trim() || lines.opening,
      pushback: pushback.length ? pushback : lines.pushback,
      closing: a.script?.closing?.trim() || lines.closing,
    },
    criteria,
  };
}

/** A built-in scenario (code-defined, version 1), or undefined for an unknown id. */
export function builtInPlayable(id: string): PlayableScenario | undefined {
  const s = findScripted(id);
  if (!s) return undefined;
  return {
    scenario: {
      ...s.scenario,
      rubric: s.criteria.map(({ id, label, description }) => ({ id, label, description })),
    },
    version: 1,
    passThreshold: DEFAULT_PASS_THRESHOLD,
    script: { opening: s.opening, pushback: s.pushback, closing: s.closing },
    criteria: s.criteria.map((c) => ({ ...c, max: DEFAULT_CRITERION_MAX })),
  };
}
