/**
 * The coach behind one interface: the scripted engine (deterministic, the default) and the
 * OpenAI-compatible chat-completions engine both implement it. Scoring is shared: the rubric
 * scorer quotes the user's own turns as evidence, whichever engine played the persona.
 */
import type { Feedback, Scenario } from '@inflow/contract';

export interface TranscriptEntry {
  role: 'user' | 'coach';
  text: string;
}

export interface TurnInput {
  scenario: Scenario;
  /** Everything said so far, ending with the user's new turn. */
  transcript: TranscriptEntry[];
  context: Record<string, string>;
  locale: string;
  signal?: AbortSignal;
}

export interface CoachEngine {
  readonly name: string;
  /** The persona's first line; synchronous-fast so the practice opens at once. */
  opening(scenario: Scenario, context: Record<string, string>): string;
  /** The persona's reply to the last user turn, as text deltas. */
  reply(input: TurnInput): AsyncIterable<string>;
  /** Rubric feedback on the user's turns. */
  feedback(scenario: Scenario, transcript: TranscriptEntry[]): Omit<Feedback, 'sessionId'>;
}
