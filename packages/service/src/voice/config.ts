/**
 * The speech providers read from the environment (docs/voice.md, "Configuration"): each an
 * OpenAI-compatible server (OpenAI, a Whisper server, vLLM) named by `INFLOW_STT_*` for
 * speech-to-text and `INFLOW_TTS_*` for text-to-speech. Without a base URL that half is off.
 */

export interface SpeechProvider {
  /** Base URL up to `/v1`, e.g. `https://api.openai.com/v1`; `/audio/...` is appended. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** TTS only: the voice name the server knows (`alloy` by default). */
  voice?: string;
}

export interface VoiceConfig {
  stt?: SpeechProvider;
  tts?: SpeechProvider;
  /** Upper bound of one provider call (default 20 s); slower answers 502. */
  timeoutMs: number;
}

function provider(
  env: Record<string, string | undefined>,
  prefix: 'INFLOW_STT' | 'INFLOW_TTS',
  defaultModel: string,
): SpeechProvider | undefined {
  const baseUrl = env[`${prefix}_BASE_URL`]?.trim();
  if (!baseUrl) return undefined;
  if (!URL.canParse(baseUrl)) throw new Error(`${prefix}_BASE_URL: expected a URL, got "${baseUrl}"`);
  const apiKey = env[`${prefix}_API_KEY`]?.trim();
  const voice = prefix === 'INFLOW_TTS' ? env.INFLOW_TTS_VOICE?.trim() || 'alloy' : undefined;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    model: env[`${prefix}_MODEL`]?.trim() || defaultModel,
    ...(apiKey ? { apiKey } : {}),
    ...(voice ? { voice } : {}),
  };
}

export function voiceConfigFromEnv(env: Record<string, string | undefined>): VoiceConfig {
  const timeout = env.INFLOW_VOICE_TIMEOUT_MS?.trim();
  const timeoutMs = timeout ? Number(timeout) : 20_000;
  if (!(Number.isInteger(timeoutMs) && timeoutMs > 0))
    throw new Error(`INFLOW_VOICE_TIMEOUT_MS: expected a positive integer, got "${timeout}"`);
  const stt = provider(env, 'INFLOW_STT', 'whisper-1');
  const tts = provider(env, 'INFLOW_TTS', 'tts-1');
  return { ...(stt ? { stt } : {}), ...(tts ? { tts } : {}), timeoutMs };
}
