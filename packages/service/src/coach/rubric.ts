/**
 * Rubric scoring with evidence: each criterion is scored from the user's own turns, and the
 * quotes that earned the score are returned, so feedback is checkable rather than vibes.
 */
import type { CriterionScore, Feedback } from '@inflow/contract';
import type { TranscriptEntry } from './engine.js';
import type { ScriptedCriterion, ScriptedScenario } from './scenarios.js';

export const CRITERION_MAX = 3;
const QUOTE_CHARS = 160;

export function matches(criterion: ScriptedCriterion, text: string): RegExpMatchArray | null {
  for (const signal of criterion.signals) {
    const m = text.match(signal);
    if (m) return m;
  }
  return null;
}

/** The sentence of `text` around the match, trimmed to a quotable length. */
function quote(text: string, m: RegExpMatchArray): string {
  const at = m.index ?? 0;
  const start = Math.max(text.lastIndexOf('.', at) + 1, text.lastIndexOf('?', at) + 1, text.lastIndexOf('!', at) + 1, 0);
  const endCandidates = ['.', '?', '!'].map((p) => text.indexOf(p, at + m[0].length)).filter((i) => i >= 0);
  const end = endCandidates.length ? Math.min(...endCandidates) + 1 : text.length;
  const sentence = text.slice(start, end).trim();
  return sentence.length > QUOTE_CHARS ? `${sentence.slice(0, QUOTE_CHARS - 1)}…` : sentence;
}

/** 0 = not shown, 2 = shown once, 3 = shown in two or more turns. */
function scoreFor(turnsShown: number): number {
  return turnsShown === 0 ? 0 : turnsShown === 1 ? 2 : CRITERION_MAX;
}

export function scoreTranscript(s: ScriptedScenario, transcript: TranscriptEntry[]): Omit<Feedback, 'sessionId'> {
  const userTurns = transcript.filter((t) => t.role === 'user').map((t) => t.text);
  const scores: CriterionScore[] = s.criteria.map((c) => {
    const evidence: string[] = [];
    for (const text of userTurns) {
      const m = matches(c, text);
      if (m) evidence.push(quote(text, m));
    }
    return { criterion: c.id, label: c.label, score: scoreFor(evidence.length), max: CRITERION_MAX, evidence: evidence.slice(0, 3) };
  });
  const strong = scores.filter((x) => x.score >= 2).map((x) => x.label.toLowerCase());
  const missing = s.criteria.filter((_, i) => scores[i]!.score === 0);
  const weakest = missing[0] ?? s.criteria[scores.reduce((lo, x, i) => (x.score < scores[lo]!.score ? i : lo), 0)]!;
  const total = scores.reduce((sum, x) => sum + x.score, 0);
  const max = scores.length * CRITERION_MAX;
  let summary: string;
  if (userTurns.length === 0) summary = 'You ended the practice before saying anything, so there is nothing to score yet.';
  else if (missing.length === 0) summary = `Strong conversation (${total}/${max}): you showed every behaviour the rubric looks for.`;
  else {
    summary =
      `${total}/${max}. ` +
      (strong.length ? `You showed ${strong.join(', ')}. ` : '') +
      `Not yet shown: ${missing.map((c) => c.label.toLowerCase()).join(', ')}.`;
  }
  return { scenario: s.scenario.id, scores, summary, nextStep: weakest.tip };
}
