/**
 * The real Inflow service for the element tests (@web/test-runner cannot start servers inside
 * the browser): in-memory PGlite, scripted coach, demo token endpoint. Started by
 * inflow-service-plugin.mjs as a child process; prints one JSON line with its URL and fixtures.
 * Adds two test-only routes on the same origin:
 *   GET /__test/events?user=…  → a user's stored activation events (to assert "recorded once")
 *   GET /__test/expired-token  → a correctly signed token that expired an hour ago
 *   GET /__test/sessions?user=… → the stored sessions (id, user, scenario, source)
 *   POST /__test/voice?mode=ok|error|reject|hang → how the loopback speech server answers
 * Voice: the service proxies speech to a loopback server speaking the OpenAI audio API.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AddressInfo } from 'node:net';
import { mintToken } from '../../service/src/auth.js';
import { createService } from '../../service/src/node.js';
import { DEMO_SECRET } from '../../service/src/tenants.js';
import { openAiAudioServer } from '../../service/src/test/openai-audio.js';

const speech = await openAiAudioServer();
speech.transcript = 'I want to talk about the missed deadlines.';
const service = await createService({
  dataDir: 'memory://',
  demo: true,
  rateLimit: false,
  log: () => undefined,
  env: { INFLOW_STT_BASE_URL: speech.url, INFLOW_TTS_BASE_URL: speech.url, INFLOW_VOICE_TIMEOUT_MS: '2000' },
});
const root = new Hono();
root.use('/__test/*', cors());
root.get('/__test/events', async (c) => {
  const user = c.req.query('user') ?? '';
  const rows = await service.query<{
    id: string;
    name: string;
    session_id: string | null;
    scenario: string | null;
    source: string | null;
  }>('select id, name, session_id, scenario, source, props from events where "user" = $1 order by at, name', [
    user,
  ]);
  return c.json(rows);
});
// Sessions as stored (source attribution: embedded / nudge / deeplink / campaign).
root.get('/__test/sessions', async (c) => {
  const user = c.req.query('user');
  const rows = await service.query<{ id: string; user: string; scenario: string; source: string }>(
    user
      ? 'select id, "user", scenario, source from sessions where "user" = $1 order by created_at'
      : 'select id, "user", scenario, source from sessions order by created_at',
    user ? [user] : [],
  );
  return c.json(rows);
});
root.get('/__test/expired-token', async (c) => {
  const { token } = await mintToken({
    tenant: 'demo',
    user: 'expired-user',
    secret: DEMO_SECRET,
    ttlSeconds: 60,
    now: new Date(Date.now() - 3600_000),
  });
  return c.json({ token });
});
root.post('/__test/voice', (c) => {
  speech.mode = (c.req.query('mode') ?? 'ok') as typeof speech.mode;
  return c.json({ mode: speech.mode, uploads: speech.uploads.length });
});
root.route('/', service.app as unknown as Hono);

const server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(`${JSON.stringify({ apiBase: `http://127.0.0.1:${info.port}` })}\n`);
});

const stop = async () => {
  server.close();
  await service.close();
  await speech.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
// The parent (web-test-runner) closing our stdin means it is gone: do not outlive it.
process.stdin.on('end', () => void stop());
process.stdin.resume();
