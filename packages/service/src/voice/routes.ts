/**
 * Voice (docs/voice.md): `GET /v1/audio` says what the tenant allows and the service provides;
 * `POST /v1/audio/transcriptions` and `/v1/audio/speech` proxy the configured OpenAI-compatible
 * servers. Same auth as turns. Audio is never stored or logged: it lives in this request only.
 */
import { LIMITS } from '@inflow/contract';
import { SpeechRequest, TranscriptionRequest } from '@inflow/contract/schemas';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { recordFailure } from '../ops/request-log.js';
import { readBody } from '../validate.js';
import type { SpeechProvider, VoiceConfig } from './config.js';
import { providerFailed, synthesize, transcribe } from './upstream.js';

function allowVoice(c: Context<AppEnv>): void {
  if (c.get('auth').tenant.voice === false)
    throw new ApiError(
      'voice_disabled',
      'voice is turned off for this organisation; type your reply instead',
    );
}

function configured(provider: SpeechProvider | undefined, what: string): SpeechProvider {
  if (!provider) throw new ApiError('voice_unavailable', `this service has no ${what} provider configured`);
  return provider;
}

async function guarded<T>(c: Context<AppEnv>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    recordFailure(c, error);
    throw providerFailed();
  }
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  try {
    return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  } catch {
    throw new ApiError('validation_failed', 'the audio is not valid base64', [
      { path: '/audio', message: 'not valid base64' },
    ]);
  }
}

export function voiceRoutes(config: VoiceConfig): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) =>
    c.json({
      allowed: c.get('auth').tenant.voice !== false,
      transcription: Boolean(config.stt),
      speech: Boolean(config.tts),
      maxSeconds: LIMITS.voiceSeconds,
      maxBytes: LIMITS.voiceAudioBytes,
    }),
  );

  app.post('/transcriptions', async (c) => {
    // The tenant's policy first (403), then the body (422, 413), then the configuration (503).
    allowVoice(c);
    const body = await readBody(c, TranscriptionRequest);
    const audio = decode(body.audio);
    if (audio.byteLength > LIMITS.voiceAudioBytes)
      throw new ApiError('payload_too_large', `a recording may be at most ${LIMITS.voiceAudioBytes} bytes`);
    const provider = configured(config.stt, 'speech-to-text');
    const text = await guarded(c, () =>
      transcribe(provider, audio, body.type, body.locale, config.timeoutMs, c.req.raw.signal),
    );
    return c.json({ text });
  });

  app.post('/speech', async (c) => {
    allowVoice(c);
    const { text } = await readBody(c, SpeechRequest);
    const provider = configured(config.tts, 'text-to-speech');
    const { audio, type } = await guarded(c, () =>
      synthesize(provider, text, config.timeoutMs, c.req.raw.signal),
    );
    let binary = '';
    for (let i = 0; i < audio.length; i += 0x8000)
      binary += String.fromCharCode(...audio.subarray(i, i + 0x8000));
    return c.json({ audio: btoa(binary), type });
  });

  return app;
}
