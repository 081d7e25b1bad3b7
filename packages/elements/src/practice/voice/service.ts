/**
 * The service provider: MediaRecorder records, the Inflow service transcribes through its
 * OpenAI-compatible speech server (POST /v1/audio/transcriptions) and speaks replies
 * (POST /v1/audio/speech), or speechSynthesis does when the service has no speech server.
 */
import { speakWithSynthesis, plain } from './browser.js';
import { faultOf, VoiceFault } from './fault.js';
import { watchLevel } from './level.js';
import type { VoiceClient, VoiceProvider } from './types.js';

const base64 = async (blob: Blob): Promise<string> => {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

async function speakWithService(
  client: VoiceClient,
  text: string,
  locale: string | undefined,
  signal: AbortSignal,
) {
  let url = '';
  try {
    const { audio, type } = await client.speak(
      { text: plain(text).slice(0, 4000), ...(locale ? { locale } : {}) },
      { signal },
    );
    url = URL.createObjectURL(new Blob([Uint8Array.from(atob(audio), (c) => c.charCodeAt(0))], { type }));
  } catch {
    if (signal.aborted) return;
    throw new VoiceFault('speech');
  }
  const player = new Audio(url);
  await new Promise<void>((resolve) => {
    player.onended = player.onerror = () => resolve();
    signal.addEventListener('abort', () => (player.pause(), resolve()), { once: true });
    player.play().catch(() => resolve());
  });
  URL.revokeObjectURL(url);
}

export function serviceProvider(client: VoiceClient, serviceSpeech: boolean): VoiceProvider {
  return {
    name: 'service',
    listen(o) {
      let recorder: MediaRecorder | undefined;
      let cancelled = false;
      const stop = () => {
        if (recorder?.state === 'recording') recorder.stop();
      };
      const done = (async () => {
        let stream: MediaStream;
        try {
          stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        } catch (error) {
          const name = (error as Error)?.name;
          throw new VoiceFault(
            name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'no-microphone',
          );
        }
        if (cancelled) {
          for (const track of stream.getTracks()) track.stop();
          throw new VoiceFault('hidden');
        }
        const chunks: Blob[] = [];
        const rec = (recorder = new MediaRecorder(stream, { audioBitsPerSecond: 32_000 }));
        rec.ondataavailable = (e) => chunks.push(e.data);
        const ended = new Promise((r) => (rec.onstop = r));
        const started = performance.now();
        const unwatch = watchLevel(stream, o.onLevel, o.handsFree ? stop : undefined);
        // The service's limit is in bytes; this keeps a recording within its duration too.
        const cap = setTimeout(stop, o.maxSeconds * 1000);
        rec.start();
        await ended;
        clearTimeout(cap);
        unwatch();
        for (const track of stream.getTracks()) track.stop();
        if (cancelled) throw new VoiceFault('hidden');
        const blob = new Blob(chunks, { type: rec.mimeType || 'audio/webm' });
        if (!blob.size) throw new VoiceFault('no-speech');
        o.onTranscribing();
        try {
          const { text } = await client.transcribe({
            audio: await base64(blob),
            type: blob.type,
            durationMs: Math.min(Math.round(performance.now() - started), o.maxSeconds * 1000),
            ...(o.locale ? { locale: o.locale } : {}),
          });
          o.onText(text);
          return text;
        } catch (error) {
          throw faultOf(error);
        }
      })();
      return {
        done,
        stop,
        cancel: () => {
          cancelled = true;
          stop();
        },
      };
    },
    speak: serviceSpeech
      ? (text, locale, signal) => speakWithService(client, text, locale, signal)
      : speakWithSynthesis,
  };
}
