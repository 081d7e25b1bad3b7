/**
 * The default coach: deterministic role-play of any playable scenario, built-in or authored. The
 * persona reacts to the first rubric behaviour a turn shows for the first time, pushes back when
 * a turn shows nothing new, and closes once every behaviour was shown. Same transcript in, same
 * reply out — so tests and demos are repeatable.
 */
import type { TranscriptEntry } from './engine.js';
import { rubricJudgeVersion, type CoachEngine, type PlayableScenario, type TurnInput } from './playable.js';
import { matches, scoreTranscript } from './rubric.js';

/** Which reply the persona gives to the last user turn of `transcript`. */
export function scriptedReply(p: PlayableScenario, transcript: readonly TranscriptEntry[]): string {
  const { pushback, closing } = p.script;
  const shown = new Set<string>();
  let quietTurns = 0;
  let reply = pushback[0] ?? '';
  for (const entry of transcript) {
    if (entry.role !== 'user') continue;
    const fresh = p.criteria.filter((c) => !shown.has(c.id) && matches(c, entry.text));
    for (const c of fresh) shown.add(c.id);
    if (fresh.length > 0)
      reply = shown.size === p.criteria.length ? `${fresh[0]!.reaction} ${closing}` : fresh[0]!.reaction;
    else if (shown.size === p.criteria.length) reply = closing;
    else reply = pushback[Math.min(quietTurns++, pushback.length - 1)] ?? reply;
  }
  return reply;
}

/** Splits a reply into word-sized deltas, like a model's token stream. */
export function* words(text: string): Generator<string> {
  const parts = text.match(/\S+\s*/g) ?? [];
  for (const p of parts) yield p;
}

export function scriptedEngine(): CoachEngine {
  return {
    name: 'scripted',
    judgeVersion: rubricJudgeVersion(),
    opening: (p) => p.script.opening,
    async *reply(input: TurnInput) {
      const text = scriptedReply(input.scenario, input.transcript);
      for (const w of words(text)) {
        if (input.signal?.aborted) return;
        yield w;
      }
    },
    feedback: async (p, transcript, signal) => {
      signal.throwIfAborted();
      return scoreTranscript(p, transcript);
    },
  };
}
