// Element tests run in real Chromium, configured by scripts/chromium.mjs (path and flags).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
// The real service for element tests that need a backend (GET /__inflow-test-config gives its URL).
import { inflowServicePlugin } from './packages/elements/test/inflow-service-plugin.mjs';

// Voice tests (src/practice/voice*.test.ts) record from Chromium's fake microphone, which plays
// this WAV: 1 s of a 440 Hz tone (speech to the level detector), then 2 s of silence (a pause).
function fakeSpeechWav() {
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

const launchOptions = chromiumLaunchOptions();
launchOptions.args.push(
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${fakeSpeechWav()}`,
  '--autoplay-policy=no-user-gesture-required',
);

export default {
  files: ['packages/elements/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'development', 'browser'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    inflowServicePlugin(),
  ],
  browsers: [chromeLauncher({ launchOptions })],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
};
