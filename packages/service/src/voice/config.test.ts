// The speech providers' environment: each half on only with its base URL, defaults named in
// docs/voice.md, and a bad value refused at start-up with the variable's name.
import { expect, test } from 'vitest';
import { tenantRegistry } from '../tenants.js';
import { voiceConfigFromEnv } from './config.js';

test('no base URL: no provider; defaults otherwise', () => {
  expect(voiceConfigFromEnv({})).toEqual({ timeoutMs: 20_000 });
  expect(
    voiceConfigFromEnv({
      INFLOW_STT_BASE_URL: 'http://stt.local/v1/',
      INFLOW_TTS_BASE_URL: 'http://tts.local/v1',
    }),
  ).toEqual({
    stt: { baseUrl: 'http://stt.local/v1', model: 'whisper-1' },
    tts: { baseUrl: 'http://tts.local/v1', model: 'tts-1', voice: 'alloy' },
    timeoutMs: 20_000,
  });
});

test.each([
  [{ INFLOW_STT_BASE_URL: 'not a url' }, /INFLOW_STT_BASE_URL/],
  [{ INFLOW_TTS_BASE_URL: 'tts.local' }, /INFLOW_TTS_BASE_URL/],
  [{ INFLOW_VOICE_TIMEOUT_MS: '0' }, /INFLOW_VOICE_TIMEOUT_MS/],
  [{ INFLOW_VOICE_TIMEOUT_MS: 'soon' }, /INFLOW_VOICE_TIMEOUT_MS/],
])('%o is refused naming the variable', (env, message) => {
  expect(() => voiceConfigFromEnv(env)).toThrow(message);
});

test("a tenant's voice setting must be true or false", () => {
  const tenant = { id: 't', secrets: ['x'.repeat(32)] };
  expect(() => tenantRegistry([{ ...tenant, voice: 'no' as unknown as boolean }])).toThrow(
    /voice must be true or false/,
  );
  expect(tenantRegistry([{ ...tenant, voice: false }]).get('t')?.voice).toBe(false);
});
