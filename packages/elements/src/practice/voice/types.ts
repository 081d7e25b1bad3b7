/** The voice providers' one interface (docs/voice.md, "Providers"); type-only, no runtime cost. */
import type {
  SpeechRequest,
  SpeechResponse,
  TranscriptionRequest,
  TranscriptionResponse,
  VoiceCapabilities,
} from '@inflow/contract';

export type VoiceMode = 'push' | 'hands-free';
export type VoiceState = 'idle' | 'listening' | 'thinking' | 'speaking';
/** Why voice fell back to text; each has its own message (messages.ts). */
export type FaultKind =
  'denied' | 'no-microphone' | 'provider' | 'too-long' | 'hidden' | 'forbidden' | 'no-speech' | 'speech';

export interface ListenOptions {
  locale: string | undefined;
  /** Hands-free: the turn ends by itself after a pause (voice-activity detection). */
  handsFree: boolean;
  maxSeconds: number;
  /** The transcript so far (interim results included). */
  onText(text: string): void;
  /** Input level 0–1 while recording (the level meter). */
  onLevel(level: number): void;
  /** The recording ended and the provider is transcribing it. */
  onTranscribing(): void;
}

export interface Listening {
  /** Ends the turn: `done` resolves with the final transcript. */
  stop(): void;
  /** Discards the recording (tab hidden, element removed): `done` rejects with `hidden`. */
  cancel(): void;
  readonly done: Promise<string>;
}

export interface VoiceProvider {
  readonly name: 'browser' | 'service';
  listen(options: ListenOptions): Listening;
  /** Speaks `text`; resolves when it is done or `signal` aborts. */
  speak(text: string, locale: string | undefined, signal: AbortSignal): Promise<void>;
}

/** The client calls voice uses (`@inflow/client`'s VoiceCalls, read structurally). */
export interface VoiceClient {
  voiceCapabilities(): Promise<VoiceCapabilities>;
  transcribe(request: TranscriptionRequest): Promise<TranscriptionResponse>;
  speak(request: SpeechRequest, options?: { signal?: AbortSignal }): Promise<SpeechResponse>;
}
