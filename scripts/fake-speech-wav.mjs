// The WAV Chromium's fake microphone plays for the voice tests and the voice bench
// (`--use-file-for-fake-audio-capture`): 1 s of a 440 Hz tone (speech to the level detector),
// then 2 s of silence (a pause). Written to the temp folder; returns its path.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function fakeSpeechWav() {
  const rate = 16000;
  const samples = rate * 3;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < rate; i++)
    wav.writeInt16LE(Math.round(12000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  const file = join(tmpdir(), 'inflow-fake-speech.wav');
  writeFileSync(file, wav);
  return file;
}

/** The Chromium flags for a granted fake microphone playing that WAV, and autoplaying replies. */
export const fakeMicrophoneArgs = () => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${fakeSpeechWav()}`,
  '--autoplay-policy=no-user-gesture-required',
];
