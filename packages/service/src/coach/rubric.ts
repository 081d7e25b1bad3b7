/**
 * Rubric scoring with evidence: each criterion is scored from the user's own turns, and the
 * quotes that earned the score are returned, so feedback is checkable rather than vibes. It is
 * the scripted engine's scorer and the model judge's fallback (docs/scenarios.md).
 */
import type { TranscriptEntry } from './engine.js';
import { cutAtWord, QUOTE_CHARS } from './evidence.js';
import { defaultLines } from './lines.js';
import {
  rubricJudgeVersion,
  type EngineFeedback,
  type JudgedScore,
  type PlayableCriterion,
  type PlayableScenario,
} from './playable.js';

/** The first signal of `criterion` that `text` shows (text compared in Unicode NFC). */
export function matches(
  criterion: Pick<PlayableCriterion, 'signals'>,
  text: string,
): RegExpMatchArray | null {
  const normalised = text.normalize('NFC');
  for (const signal of criterion.signals) {
    const m = normalised.match(signal);
    if (m) return m;
  }
  return null;
}

/** The sentence of `text` around the match, trimmed to a quotable length. */
function quote(text: string, m: RegExpMatchArray): string {
  const at = m.index ?? 0;
  const start = Math.max(
    text.lastIndexOf('.', at) + 1,
    text.lastIndexOf('?', at) + 1,
    text.lastIndexOf('!', at) + 1,
    0,
  );
  const endCandidates = ['.', '?', '!'].map((p) => text.indexOf(p, at + m[0].length)).filter((i) => i >= 0);
  const end = endCandidates.length ? Math.min(...endCandidates) + 1 : text.length;
  const sentence = text.slice(start, end).trim();
  return cutAtWord(sentence, QUOTE_CHARS);
}

/** 0 = not shown, two thirds of max = shown once, max = shown in two or more turns. */
export function scoreFor(turnsShown: number, max: number): number {
  return turnsShown === 0 ? 0 : turnsShown === 1 ? Math.max(1, Math.round((max * 2) / 3)) : max;
}

export const userTurnsOf = (transcript: readonly TranscriptEntry[]): string[] =>
  transcript.filter((t) => t.role === 'user').map((t) => t.text.normalize('NFC'));

/** The rubric scorer's verdict on one criterion. */
export function rubricScore(c: PlayableCriterion, userTurns: readonly string[]): JudgedScore {
  const evidence: string[] = [];
  for (const text of userTurns) {
    const m = matches(c, text);
    if (m) evidence.push(quote(text, m));
  }
  return {
    criterion: c.id,
    label: c.label,
    score: scoreFor(evidence.length, c.max),
    max: c.max,
    evidence: evidence.slice(0, 3),
    scoredBy: 'rubric',
  };
}

/** The rubric's own summary of `scores` (one per criterion of `p`, in order). */
export function rubricSummary(
  p: PlayableScenario,
  scores: readonly JudgedScore[],
  userTurns: readonly string[],
): { summary: string; nextStep: string } {
  const total = scores.reduce((sum, x) => sum + x.score, 0);
  const max = scores.reduce((sum, x) => sum + x.max, 0);
  const strong = scores.filter((x) => x.score * 3 >= x.max * 2);
  const missing = p.criteria.filter((_, i) => scores[i]!.score === 0);
  const weakest =
    missing[0] ??
    p.criteria[
      scores.reduce((lo, x, i) => (x.score / x.max < scores[lo]!.score / scores[lo]!.max ? i : lo), 0)
    ]!;
  const lines = defaultLines(p.scenario.locale);
  // Labels run on inside a sentence; German keeps its capitalised nouns.
  const lower = !/^de\b/i.test(p.scenario.locale);
  const labels = (xs: { label: string }[]) =>
    xs.map((x) => (lower ? x.label.toLocaleLowerCase(p.scenario.locale) : x.label));
  const score = `${total}/${max}`;
  let summary: string;
  if (userTurns.length === 0) summary = lines.silent;
  else if (missing.length === 0) summary = lines.strong(score);
  else summary = lines.partial(score, labels(strong), labels(missing));
  return { summary, nextStep: weakest.tip };
}

/** Totals, pass/fail and versions around a set of criterion scores. */
export function assembleFeedback(
  p: PlayableScenario,
  scores: JudgedScore[],
  words: { summary: string; nextStep: string },
  judgeVersion: string,
): EngineFeedback {
  const total = scores.reduce((sum, x) => sum + x.score, 0);
  const max = scores.reduce((sum, x) => sum + x.max, 0);
  return {
    scenario: p.scenario.id,
    scores,
    summary: words.summary,
    nextStep: words.nextStep,
    scenarioVersion: p.version,
    judgeVersion,
    passThreshold: p.passThreshold,
    // In thousandths: in floating point 0.7 × 10 is 7.000000000000001, which would fail a 7/10.
    passed: max > 0 && total * 1000 >= Math.round(p.passThreshold * 1000) * max,
  };
}

/** The rubric scorer's feedback on the whole transcript. */
export function scoreTranscript(p: PlayableScenario, transcript: readonly TranscriptEntry[]): EngineFeedback {
  const userTurns = userTurnsOf(transcript);
  const scores = p.criteria.map((c) => rubricScore(c, userTurns));
  return assembleFeedback(p, scores, rubricSummary(p, scores, userTurns), rubricJudgeVersion());
}
