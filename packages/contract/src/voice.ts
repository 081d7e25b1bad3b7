/**
 * Voice practice (docs/voice.md): the service's speech-to-text and text-to-speech proxy. Audio
 * travels as base64 inside JSON so one body limit, one validator and one error shape cover it
 * like every other route; recordings are short (LIMITS.voiceSeconds), so the third it adds is small.
 */
import Type from 'typebox';
import { Locale } from './common.js';
import { LIMITS } from './constants.js';

/** Characters of the base64 text of `bytes` bytes. */
export const base64Chars = (bytes: number): number => 4 * Math.ceil(bytes / 3);

/**
 * Bytes of a `POST /v1/audio/transcriptions` body: a recording at the limit as base64, plus room
 * for the other fields. A larger body answers 413 before it is read; so does a recording over
 * `LIMITS.voiceAudioBytes` inside a body under it.
 */
export const VOICE_BODY_BYTES = base64Chars(LIMITS.voiceAudioBytes) + 1024;

const AudioType = Type.String({ pattern: '^audio/[a-z0-9.+-]+(;[ -~]*)?$', maxLength: 100 });
const Base64Audio = Type.String({
  minLength: 4,
  maxLength: VOICE_BODY_BYTES,
  pattern: '^[A-Za-z0-9+/]+={0,2}$',
});

/** What the tenant and the service allow: read once when the microphone is first used. */
export const VoiceCapabilities = Type.Object({
  /** `false` when the tenant's policy forbids voice (then every audio route answers 403). */
  allowed: Type.Boolean(),
  /** The service proxies speech-to-text (`INFLOW_STT_BASE_URL` is set). */
  transcription: Type.Boolean(),
  /** The service proxies text-to-speech (`INFLOW_TTS_BASE_URL` is set). */
  speech: Type.Boolean(),
  maxSeconds: Type.Integer({ minimum: 1 }),
  maxBytes: Type.Integer({ minimum: 1 }),
});

export const TranscriptionRequest = Type.Object(
  {
    /** The recording (e.g. MediaRecorder's audio/webm), base64. */
    audio: Base64Audio,
    type: AudioType,
    /** The recording's length as the browser measured it. */
    durationMs: Type.Integer({ minimum: 0, maximum: LIMITS.voiceSeconds * 1000 }),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

export const TranscriptionResponse = Type.Object({ text: Type.String() });

export const SpeechRequest = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: LIMITS.speechTextChars }),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);

export const SpeechResponse = Type.Object({ audio: Type.String(), type: Type.String() });
