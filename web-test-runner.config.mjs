// Element tests run in real Chromium, configured by scripts/chromium.mjs (path and flags).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
import { fakeMicrophoneArgs } from './scripts/fake-speech-wav.mjs';
// The real service for element tests that need a backend (GET /__inflow-test-config gives its URL).
import { inflowServicePlugin } from './packages/elements/test/inflow-service-plugin.mjs';

// Voice tests (src/practice/voice*.test.ts) record from Chromium's fake microphone.
const launchOptions = chromiumLaunchOptions();
launchOptions.args.push(...fakeMicrophoneArgs());

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
