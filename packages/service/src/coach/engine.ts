/**
 * The coach behind one interface (defined with the playable scenario it plays, playable.ts): the
 * scripted engine (deterministic, the default) and the OpenAI-compatible model engine. Scoring
 * quotes only the user's own turns as evidence, whichever engine played the persona.
 */
export type {
  CoachEngine,
  EngineFeedback,
  PlayableScenario,
  TranscriptEntry,
  TurnInput,
} from './playable.js';
