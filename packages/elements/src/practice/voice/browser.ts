/**
 * The browser provider: the Web Speech API. Recognition is SpeechRecognition (or Chrome's
 * webkitSpeechRecognition), which in some browsers sends the audio to the vendor's cloud
 * (docs/voice.md, "Privacy"); replies are spoken with speechSynthesis.
 */
import { VoiceFault } from './fault.js';
import type { FaultKind, VoiceProvider } from './types.js';

interface Recognizer extends EventTarget {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  start(): void;
  stop(): void;
  abort(): void;
}
interface ResultEvent extends Event {
  results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
}

const ERRORS: Record<string, FaultKind> = {
  'not-allowed': 'denied',
  'audio-capture': 'no-microphone',
  'no-speech': 'no-speech',
  aborted: 'hidden',
};

/** Reply text without markdown marks, so they are not read out. */
export const plain = (text: string): string => text.replace(/[*_`#>[\]]/g, '');

export function speakWithSynthesis(
  text: string,
  locale: string | undefined,
  signal: AbortSignal,
): Promise<void> {
  const synth = globalThis.speechSynthesis;
  if (!synth || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(plain(text));
    if (locale) utterance.lang = locale;
    utterance.onend = utterance.onerror = () => resolve();
    signal.addEventListener('abort', () => (synth.cancel(), resolve()), { once: true });
    synth.speak(utterance);
  });
}

export function browserProvider(Recognition: new () => Recognizer): VoiceProvider {
  return {
    name: 'browser',
    listen(o) {
      const r = new Recognition();
      r.lang = o.locale || document.documentElement.lang || 'en';
      r.interimResults = true;
      // Hands-free: the recogniser ends the turn itself after a pause (its own speech detection).
      r.continuous = !o.handsFree;
      let text = '';
      let cancelled = false;
      let failed: VoiceFault | undefined;
      const done = new Promise<string>((resolve, reject) => {
        r.addEventListener('result', (e) => {
          const { results } = e as ResultEvent;
          text = Array.from(results, (result) => result[0]?.transcript ?? '')
            .join('')
            .trim();
          o.onText(text);
        });
        r.addEventListener('error', (e) => {
          failed = new VoiceFault(ERRORS[(e as Event & { error: string }).error] ?? 'provider');
        });
        r.addEventListener('end', () => {
          if (cancelled) reject(new VoiceFault('hidden'));
          else if (failed && !(failed.kind === 'no-speech' && text)) reject(failed);
          else resolve(text);
        });
      });
      r.start();
      return {
        done,
        stop: () => r.stop(),
        cancel: () => {
          cancelled = true;
          r.abort();
        },
      };
    },
    speak: speakWithSynthesis,
  };
}

export type { Recognizer };
