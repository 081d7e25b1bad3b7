// The audio routes proxy a loopback server speaking the OpenAI audio API, over real HTTP: the
// recording arrives there byte for byte, the reply comes back as audio, the tenant policy and
// the limits hold, and neither audio nor text reaches the service's log.
import { LIMITS } from '@inflow/contract';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningServer } from '../node.js';
import { ACME_SECRET, client, start, testTenants, token } from '../test/harness.js';
import { openAiAudioServer, SPEECH_BYTES, type OpenAiAudioServer } from '../test/openai-audio.js';

let upstream: OpenAiAudioServer;
let server: RunningServer;
let bare: RunningServer;
const logs: string[] = [];
let call: ReturnType<typeof client>;
let practice: string;

const RECORDING = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const upload = { audio: b64(RECORDING), type: 'audio/webm;codecs=opus', durationMs: 1800, locale: 'en-GB' };

beforeAll(async () => {
  upstream = await openAiAudioServer();
  const { tenants } = await testTenants({ acme: { voice: false } });
  server = await start({
    dataDir: 'memory://',
    tenants,
    log: (line) => logs.push(line),
    env: {
      INFLOW_STT_BASE_URL: upstream.url,
      INFLOW_STT_MODEL: 'whisper-large-v3',
      INFLOW_STT_API_KEY: 'stt-key',
      INFLOW_TTS_BASE_URL: upstream.url,
      INFLOW_VOICE_TIMEOUT_MS: '300',
    },
  });
  bare = await start({ dataDir: 'memory://', tenants, env: {} });
  call = client(server.url);
  practice = await token();
});

afterAll(async () => {
  await server.close();
  await bare.close();
  await upstream.close();
});

describe('POST /v1/audio/transcriptions', () => {
  test('passes the recording to the provider byte for byte and answers its text', async () => {
    upstream.mode = 'ok';
    const res = await call('POST', '/v1/audio/transcriptions', { token: practice, body: upload });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ text: upstream.transcript });
    const seen = upstream.uploads.at(-1)!;
    expect(seen).toMatchObject({ model: 'whisper-large-v3', fileName: 'speech.webm', language: 'en' });
    expect(seen.type).toBe('audio/webm;codecs=opus');
    expect(seen.bytes).toEqual([...RECORDING]);
  });

  test('a recording over the size limit answers 413, and nothing reaches the provider', async () => {
    const before = upstream.uploads.length;
    const big = new Uint8Array(LIMITS.voiceAudioBytes + 10);
    const res = await call('POST', '/v1/audio/transcriptions', {
      token: practice,
      body: { ...upload, audio: b64(big) },
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
    expect(upstream.uploads.length).toBe(before);
  });

  test('a recording longer than the limit answers 422 naming /durationMs', async () => {
    const res = await call('POST', '/v1/audio/transcriptions', {
      token: practice,
      body: { ...upload, durationMs: LIMITS.voiceSeconds * 1000 + 1 },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain('/durationMs');
  });

  test.each(['error', 'reject', 'hang'] as const)(
    'a provider that answers %s: 502 voice_provider_failed',
    async (mode) => {
      upstream.mode = mode;
      const res = await call('POST', '/v1/audio/transcriptions', { token: practice, body: upload });
      upstream.mode = 'ok';
      expect(res.status).toBe(502);
      expect(res.json.error.code).toBe('voice_provider_failed');
    },
  );

  test('without a token: 401', async () => {
    const res = await call('POST', '/v1/audio/transcriptions', { body: upload });
    expect(res.status).toBe(401);
  });
});

describe('POST /v1/audio/speech', () => {
  test("answers the provider's audio for the reply text", async () => {
    const text = 'Fine, but the deadlines were not realistic.';
    const res = await call('POST', '/v1/audio/speech', { token: practice, body: { text } });
    expect(res.status).toBe(200);
    expect(res.json.type).toBe('audio/mpeg');
    expect([...Buffer.from(res.json.audio, 'base64')]).toEqual(SPEECH_BYTES);
    expect(upstream.spoken.at(-1)).toEqual({
      model: 'tts-1',
      voice: 'alloy',
      input: text,
      response_format: 'mp3',
    });
  });
});

describe('policy and configuration', () => {
  test('a tenant whose policy forbids voice: 403 voice_disabled on both routes, allowed: false', async () => {
    const acme = await token({ iss: 'acme', secret: ACME_SECRET });
    const before = upstream.uploads.length;
    for (const [path, body] of [
      ['/v1/audio/transcriptions', upload],
      ['/v1/audio/speech', { text: 'Hello' }],
    ] as const) {
      const res = await call('POST', path, { token: acme, body });
      expect({ path, status: res.status, code: res.json.error.code }).toEqual({
        path,
        status: 403,
        code: 'voice_disabled',
      });
    }
    expect(upstream.uploads.length).toBe(before);
    expect((await call('GET', '/v1/audio', { token: acme })).json.allowed).toBe(false);
  });

  test('GET /v1/audio says what the service provides', async () => {
    expect((await call('GET', '/v1/audio', { token: practice })).json).toEqual({
      allowed: true,
      transcription: true,
      speech: true,
      maxSeconds: LIMITS.voiceSeconds,
      maxBytes: LIMITS.voiceAudioBytes,
    });
    const none = await client(bare.url)('GET', '/v1/audio', { token: practice });
    expect(none.json).toMatchObject({ transcription: false, speech: false });
  });

  test('a service without providers: 503 voice_unavailable', async () => {
    const res = await client(bare.url)('POST', '/v1/audio/transcriptions', { token: practice, body: upload });
    expect(res.status).toBe(503);
    expect(res.json.error.code).toBe('voice_unavailable');
  });

  test('neither the audio, the transcript, the reply text nor the API key reaches the log', () => {
    const all = logs.join('\n');
    expect(all).toContain('/v1/audio/transcriptions');
    for (const secret of [
      upload.audio.slice(0, 40),
      upstream.transcript,
      'deadlines were not realistic',
      'stt-key',
    ])
      expect(all).not.toContain(secret);
  });
});
