/**
 * Coach engine for any OpenAI-wire chat-completions server (OpenAI, Azure OpenAI, Ollama, vLLM):
 * the model plays the persona of the session's scenario version, streamed with `stream: true`,
 * and judges the transcript at `complete` (judge.ts). The opening line stays the scenario's own,
 * so the first line shows at once.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { judgedFeedback } from './judge.js';
import { ModelError, postChat, withRetry, type ModelConfig, type ModelProvider } from './model-client.js';
import { modelJudgeVersion, type CoachEngine, type TurnInput } from './playable.js';
import { personaPrompt } from './prompts.js';

export type OpenAiEngineOptions = Omit<ModelConfig, 'provider'> & {
  /** Default `openai` (any server with the OpenAI URL and bearer-token shape). */
  provider?: ModelProvider;
  /** Operator log for judge fallbacks (never transcript text). */
  log?: (message: string) => void;
};

interface ChunkChoice {
  delta?: { content?: string | null };
}

export function openAiEngine(options: OpenAiEngineOptions): CoachEngine {
  const config: ModelConfig = { ...options, provider: options.provider ?? 'openai' };
  const judgeVersion = modelJudgeVersion(config.model);
  return {
    name: `openai:${config.model}`,
    judgeVersion,
    opening: (p) => p.script.opening,
    feedback: (p, transcript, signal) =>
      judgedFeedback(config, judgeVersion, p, transcript, signal, options.log),
    async *reply(input: TurnInput) {
      const body = {
        stream: true,
        temperature: 0.7,
        max_tokens: 300,
        messages: [
          { role: 'system', content: personaPrompt(input.scenario, input.context, input.locale) },
          // The persona is the "assistant"; the practising manager is the "user".
          ...input.transcript.map((t) => ({
            role: t.role === 'coach' ? 'assistant' : 'user',
            content: t.text,
          })),
        ],
      };
      // The retry covers the wait for the response headers: once text has streamed, it cannot be taken back.
      const response = await withRetry(
        config,
        (signal) => postChat(config, body, signal, 'text/event-stream'),
        input.signal,
      );
      if (!response.body) throw new ModelError('protocol', 'chat completions answered without a body');
      const events = response.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream());
      for await (const event of events as unknown as AsyncIterable<{ data: string }>) {
        if (event.data === '[DONE]') return;
        let chunk: { choices?: ChunkChoice[]; error?: { message?: string } };
        try {
          chunk = JSON.parse(event.data) as typeof chunk;
        } catch {
          throw new ModelError('protocol', 'chat completions sent a chunk that is not JSON');
        }
        if (chunk.error) throw new ModelError('protocol', 'chat completions sent an error in the stream');
        const text = chunk.choices?.[0]?.delta?.content;
        if (text) yield text;
      }
    },
  };
}
