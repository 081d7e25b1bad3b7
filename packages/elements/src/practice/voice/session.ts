/**
 * One voice conversation: picks the provider (docs/voice.md, "Providers"), runs listening →
 * thinking → speaking, and turns every failure into a VoiceFault for the control (control.ts).
 */
import { browserProvider, type Recognizer } from './browser.js';
import { faultOf, VoiceFault } from './fault.js';
import { serviceProvider } from './service.js';
import type { Listening, VoiceClient, VoiceMode, VoiceProvider, VoiceState } from './types.js';

/** What the control gives the session. */
export interface VoiceHost {
  readonly mode: VoiceMode;
  readonly locale: string | undefined;
  setState(state: VoiceState): void;
  setLevel(level: number): void;
  /** The transcript so far, into the composer (the user can still edit it). */
  setDraft(text: string): void;
  /** Hands-free: the turn ended after a pause; send the composer's text. */
  submit(): void;
  fault(fault: VoiceFault): void;
}

export interface VoiceSession {
  readonly provider: VoiceProvider['name'];
  /** The microphone control: start listening, or end the turn (hands-free: stop the loop). */
  toggle(): void;
  /** Speaks a reply; hands-free then listens again. */
  reply(text: string): void;
  stopSpeaking(): void;
  /** Stops everything (tab hidden, element removed). */
  cancel(): void;
}

const recognition = (): (new () => Recognizer) | undefined =>
  (globalThis as { SpeechRecognition?: new () => Recognizer }).SpeechRecognition ??
  (globalThis as { webkitSpeechRecognition?: new () => Recognizer }).webkitSpeechRecognition;

export async function createVoice(
  client: VoiceClient,
  prefer: 'browser' | 'service' | undefined,
  host: VoiceHost,
): Promise<VoiceSession> {
  let caps;
  try {
    caps = await client.voiceCapabilities();
  } catch (error) {
    throw faultOf(error);
  }
  if (!caps.allowed) throw new VoiceFault('forbidden');
  const Recognition = recognition();
  const recorder = typeof MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
  const useService = caps.transcription && recorder && (prefer === 'service' || !Recognition);
  if (!useService && !Recognition) throw new VoiceFault('provider');
  const provider = useService ? serviceProvider(client, caps.speech) : browserProvider(Recognition!);

  let listening: Listening | undefined;
  let speaking: AbortController | undefined;
  /** Hands-free: the loop runs until the user stops it. */
  let loop = false;
  const handsFree = host.mode === 'hands-free';

  const fail = (error: unknown) => {
    loop = false;
    listening = undefined;
    host.setLevel(0);
    host.setState('idle');
    const fault = faultOf(error);
    // No speech in hands-free just means the loop stops; elsewhere it is worth saying.
    host.fault(fault);
  };

  const listen = () => {
    speaking?.abort();
    host.setState('listening');
    const current = (listening = provider.listen({
      locale: host.locale,
      handsFree,
      maxSeconds: caps.maxSeconds,
      onText: (text) => listening === current && host.setDraft(text),
      onLevel: (level) => host.setLevel(level),
      onTranscribing: () => host.setState('thinking'),
    }));
    current.done.then(
      (text) => {
        if (listening !== current) return;
        listening = undefined;
        host.setLevel(0);
        host.setDraft(text);
        if (handsFree && loop && text) {
          host.setState('thinking');
          host.submit();
        } else {
          loop = false;
          host.setState('idle');
          if (!text) host.fault(new VoiceFault('no-speech'));
        }
      },
      (error) => listening === current && fail(error),
    );
  };

  return {
    provider: provider.name,
    toggle() {
      if (listening) {
        if (handsFree) {
          loop = false;
          listening.cancel();
          listening = undefined;
          host.setLevel(0);
          host.setState('idle');
        } else listening.stop();
        return;
      }
      loop = handsFree;
      listen();
    },
    reply(text) {
      speaking?.abort();
      const abort = (speaking = new AbortController());
      host.setState('speaking');
      provider.speak(text, host.locale, abort.signal).then(() => {
        if (speaking !== abort) return;
        speaking = undefined;
        if (loop && !abort.signal.aborted) listen();
        else host.setState('idle');
      }, fail);
    },
    stopSpeaking() {
      speaking?.abort();
      speaking = undefined;
      loop = false;
      host.setState('idle');
    },
    cancel() {
      loop = false;
      speaking?.abort();
      speaking = undefined;
      listening?.cancel();
    },
  };
}
