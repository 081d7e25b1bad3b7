/**
 * The default coach: deterministic role-play. The persona reacts to the first rubric behaviour a
 * turn shows for the first time, pushes back when a turn shows nothing new, and closes once every
 * behaviour was shown. Same transcript in, same reply out — so tests and demos are repeatable.
 */
import type { Scenario } from '@inflow/contract';
import type { CoachEngine, TranscriptEntry, TurnInput } from './engine.js';
import { matches, scoreTranscript } from './rubric.js';
import { findScripted, type ScriptedScenario } from './scenarios.js';

function scripted(scenario: Scenario): ScriptedScenario {
  const s = findScripted(scenario.id);
  if (!s) throw new Error(`no scripted scenario "${scenario.id}"`);
  return s;
}

/** Which reply the persona gives to the last user turn of `transcript`. */
export function scriptedReply(s: ScriptedScenario, transcript: TranscriptEntry[]): string {
  const shown = new Set<string>();
  let quietTurns = 0;
  let reply = s.pushback[0] ?? '';
  for (const entry of transcript) {
    if (entry.role !== 'user') continue;
    const fresh = s.criteria.filter((c) => !shown.has(c.id) && matches(c, entry.text));
    for (const c of fresh) shown.add(c.id);
    if (fresh.length > 0) reply = shown.size === s.criteria.length ? `${fresh[0]!.reaction} ${s.closing}` : fresh[0]!.reaction;
    else if (shown.size === s.criteria.length) reply = s.closing;
    else reply = s.pushback[Math.min(quietTurns++, s.pushback.length - 1)] ?? reply;
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
    opening: (scenario) => scripted(scenario).opening,
    async *reply(input: TurnInput) {
      const text = scriptedReply(scripted(input.scenario), input.transcript);
      for (const w of words(text)) {
        if (input.signal?.aborted) return;
        yield w;
      }
    },
    feedback: (scenario, transcript) => scoreTranscript(scripted(scenario), transcript),
  };
}
