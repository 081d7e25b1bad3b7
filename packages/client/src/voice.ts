/**
 * Calls of voice practice (docs/voice.md): what the tenant and service allow, speech to text
 * and text to speech through the service. They hang off the client returned by `createClient`.
 */
import type {
  SpeechRequest,
  SpeechResponse,
  TranscriptionRequest,
  TranscriptionResponse,
  VoiceCapabilities,
} from '@inflow/contract';
import type { Http } from './http.js';

type Options = { signal?: AbortSignal };

export interface VoiceCalls {
  /** Whether the tenant allows voice and which speech providers the service has. */
  voiceCapabilities(options?: Options): Promise<VoiceCapabilities>;
  /** A recording (base64) to text. 413 over the size limit, 403 `voice_disabled`, 502/503 provider. */
  transcribe(request: TranscriptionRequest, options?: Options): Promise<TranscriptionResponse>;
  /** Text to audio (base64 with its media type). */
  speak(request: SpeechRequest, options?: Options): Promise<SpeechResponse>;
}

export function voiceCalls(http: Http): VoiceCalls {
  return {
    voiceCapabilities: (o) => http.json('/v1/audio', { signal: o?.signal }),
    transcribe: (request, o) =>
      http.json('/v1/audio/transcriptions', { method: 'POST', body: request, signal: o?.signal }),
    speak: (request, o) =>
      http.json('/v1/audio/speech', { method: 'POST', body: request, signal: o?.signal }),
  };
}
