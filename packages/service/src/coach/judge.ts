/**
 * The model judge: one non-streamed chat completion with a strict structured-output schema,
 * then `feedbackFromAnswer`. Whenever the judge times out, errors, refuses or answers something
 * unusable, the rubric scorer decides the whole feedback instead; the caller's abort is the only
 * failure that propagates. The raw answer is never stored or logged.
 */
import type { TranscriptEntry } from './engine.js';
import { feedbackFromAnswer } from './judge-answer.js';
import { ModelError, postChat, withRetry, type ModelConfig } from './model-client.js';
import type { EngineFeedback, PlayableScenario } from './playable.js';
import { judgeMessages, judgeResponseFormat } from './prompts.js';
import { scoreTranscript } from './rubric.js';

interface CompletionMessage {
  content?: unknown;
  refusal?: unknown;
}

/** Asks the model once (plus the one retry); resolves with the parsed answer JSON. */
export async function askJudge(
  config: ModelConfig,
  p: PlayableScenario,
  transcript: readonly TranscriptEntry[],
  signal: AbortSignal,
): Promise<unknown> {
  const body = {
    stream: false,
    temperature: 0,
    max_tokens: 1500,
    messages: judgeMessages(p, transcript),
    response_format: judgeResponseFormat(p),
  };
  const completion = await withRetry(
    config,
    async (attemptSignal) => {
      const response = await postChat(config, body, attemptSignal, 'application/json');
      try {
        return (await response.json()) as { choices?: { message?: CompletionMessage }[] };
      } catch (error) {
        if (attemptSignal.aborted) throw error;
        throw new ModelError('protocol', 'the judge answer was not JSON');
      }
    },
    signal,
  );
  const message = completion?.choices?.[0]?.message;
  if (typeof message?.refusal === 'string' && message.refusal.trim())
    throw new ModelError('refusal', 'the judge refused');
  if (typeof message?.content !== 'string')
    throw new ModelError('protocol', 'the judge answer had no content');
  try {
    return JSON.parse(message.content) as unknown;
  } catch {
    throw new ModelError('protocol', 'the judge content was not JSON');
  }
}

export async function judgedFeedback(
  config: ModelConfig,
  judgeVersion: string,
  p: PlayableScenario,
  transcript: readonly TranscriptEntry[],
  signal: AbortSignal,
  log?: (message: string) => void,
): Promise<EngineFeedback> {
  // Nothing said, nothing to judge: no model call.
  if (!transcript.some((t) => t.role === 'user')) return scoreTranscript(p, transcript);
  let answer: unknown;
  try {
    answer = await askJudge(config, p, transcript, signal);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    log?.(
      `judge unavailable (${error instanceof ModelError ? error.kind : 'error'}); the rubric scored scenario ${p.scenario.id}`,
    );
    return scoreTranscript(p, transcript);
  }
  const feedback = feedbackFromAnswer(p, transcript, answer, judgeVersion);
  if (!feedback) log?.(`judge answer unusable; the rubric scored scenario ${p.scenario.id}`);
  return feedback ?? scoreTranscript(p, transcript);
}
