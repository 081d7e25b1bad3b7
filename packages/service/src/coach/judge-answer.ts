/**
 * Turning the judge's answer into feedback anyone can check (docs/scenarios.md, "The judge and
 * its fallbacks"). The answer is validated item by item; criteria the rubric does not have are
 * dropped; scores are clamped to 0…max; only quotes found verbatim in the user's own turns stay;
 * a criterion scored above 0 with no verified quote left, or missing or malformed, takes the
 * rubric scorer's verdict. Nothing of the raw answer survives except what passed these checks.
 */
import Type from 'typebox';
import Compile from 'typebox/compile';
import type { TranscriptEntry } from './engine.js';
import { cutAtWord, dropUnverifiedQuotes, verifyQuote } from './evidence.js';
import type { EngineFeedback, JudgedScore, PlayableScenario } from './playable.js';
import { assembleFeedback, rubricScore, rubricSummary, userTurnsOf } from './rubric.js';

const MAX_EVIDENCE = 3;
const SUMMARY_CHARS = 1200;
const NEXT_STEP_CHARS = 600;

// Extra fields are allowed here and ignored: the feedback is rebuilt from the known ones only.
const ScoreItem = Compile(
  Type.Object({ criterion: Type.String(), score: Type.Number(), evidence: Type.Array(Type.String()) }),
);
const AnswerShape = Compile(Type.Object({ scores: Type.Array(Type.Unknown(), { maxItems: 100 }) }));
const Words = Compile(Type.String({ minLength: 1 }));

/** The judge's words, with unverifiable quotes removed; undefined when unusable. */
function words(value: unknown, max: number, userTurns: readonly string[]): string | undefined {
  if (!Words.Check(value)) return undefined;
  const t = cutAtWord(
    dropUnverifiedQuotes(value.normalize('NFC'), userTurns).replace(/\s+/gu, ' ').trim(),
    max,
  );
  return t || undefined;
}

/**
 * Feedback from a parsed judge answer, or undefined when the answer is unusable as a whole (not
 * an object with a `scores` array, or no criterion left scored by the model).
 */
export function feedbackFromAnswer(
  p: PlayableScenario,
  transcript: readonly TranscriptEntry[],
  answer: unknown,
  judgeVersion: string,
): EngineFeedback | undefined {
  if (!AnswerShape.Check(answer)) return undefined;
  const userTurns = userTurnsOf(transcript);
  const byCriterion = new Map<string, { score: number; evidence: string[] }>();
  for (const item of answer.scores) {
    if (!ScoreItem.Check(item) || byCriterion.has(item.criterion)) continue;
    byCriterion.set(item.criterion, item);
  }
  const scores: JudgedScore[] = p.criteria.map((c) => {
    const judged = byCriterion.get(c.id);
    if (!judged || !Number.isFinite(judged.score)) return rubricScore(c, userTurns);
    const score = Math.min(c.max, Math.max(0, Math.round(judged.score)));
    const evidence = [
      ...new Set(
        judged.evidence.map((q) => verifyQuote(q, userTurns)).filter((q): q is string => q !== undefined),
      ),
    ];
    if (score > 0 && evidence.length === 0) return rubricScore(c, userTurns);
    return {
      criterion: c.id,
      label: c.label,
      score,
      max: c.max,
      evidence: evidence.slice(0, MAX_EVIDENCE),
      scoredBy: 'model',
    };
  });
  if (!scores.some((s) => s.scoredBy === 'model')) return undefined;
  const fallback = rubricSummary(p, scores, userTurns);
  const total = scores.reduce((sum, x) => sum + x.score, 0);
  const max = scores.reduce((sum, x) => sum + x.max, 0);
  const summary = words((answer as { summary?: unknown }).summary, SUMMARY_CHARS, userTurns);
  const nextStep = words((answer as { nextStep?: unknown }).nextStep, NEXT_STEP_CHARS, userTurns);
  return assembleFeedback(
    p,
    scores,
    // The total always comes from the sanitised scores, whatever number the judge wrote.
    {
      summary: summary ? `${total}/${max}. ${summary}` : fallback.summary,
      nextStep: nextStep ?? fallback.nextStep,
    },
    judgeVersion,
  );
}
