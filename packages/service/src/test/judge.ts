/**
 * Test set-up for the judge suites: the model engine against the loopback OpenAI-wire server
 * (started once per file, emptied before each test), the built-in scenario and a four-line transcript.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { TranscriptEntry } from '../coach/engine.js';
import { openAiEngine } from '../coach/openai.js';
import { builtInPlayable, type PlayableScenario } from '../coach/playable.js';
import { startFakeLlm, type FakeLlm } from './fake-llm.js';

export const p: PlayableScenario = builtInPlayable('underperformance')!;
export const user = (text: string): TranscriptEntry => ({ role: 'user', text });
export const coach = (text: string): TranscriptEntry => ({ role: 'coach', text });
export const TRANSCRIPT: TranscriptEntry[] = [
  coach(p.script.opening),
  user('You missed the last three sprint commitments.'),
  coach('The specs changed twice this quarter.'),
  user('Help me understand: what is getting in the way?'),
];

/** Registers the calling file's hooks; `llm()` is the running fake server once they ran. */
export function useJudgeLlm() {
  let server: FakeLlm;
  const logs: string[] = [];
  const llm = () => server;
  const engine = () =>
    openAiEngine({
      baseUrl: server.baseUrl,
      model: 'fake',
      timeoutMs: 400,
      retryDelayMs: 10,
      log: (m) => logs.push(m),
    });
  const feedback = (transcript = TRANSCRIPT) =>
    engine().feedback(p, transcript, new AbortController().signal);
  const judgeCalls = () => server.calls.filter((c) => c.body.stream !== true);

  beforeAll(async () => {
    server = await startFakeLlm();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.calls.length = 0;
    server.requests.length = 0;
    server.upcoming.length = 0;
    logs.length = 0;
  });
  return { llm, logs, engine, feedback, judgeCalls };
}
