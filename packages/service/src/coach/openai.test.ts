// The OpenAI-compatible engine against an in-process server that speaks the chat-completions
// streaming format (SSE `data: {choices:[{delta:{content}}]}` … `data: [DONE]`), driven through
// the real service over HTTP.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { coachFromEnv } from '../node.js';
import type { RunningServer } from '../node.js';
import { client, start, token } from '../test/harness.js';
import { openAiEngine } from './openai.js';

interface Seen {
  auth: string | undefined;
  body: { model: string; stream: boolean; messages: { role: string; content: string }[] };
}

let llm: Server;
let llmUrl: string;
let mode: 'ok' | 'fail' | 'midstream-error' = 'ok';
const seen: Seen[] = [];
const CHUNKS = ['Honestly, ', 'the escalations ', 'keep pulling ', 'me away.'];

async function readBody(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += String(chunk);
  return s;
}

let service: RunningServer;

beforeAll(async () => {
  llm = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Seen['body'];
    seen.push({ auth: req.headers.authorization, body });
    if (req.url !== '/v1/chat/completions' || mode === 'fail') {
      res.writeHead(mode === 'fail' ? 503 : 404, { 'content-type': 'application/json' }).end('{"error":{"message":"overloaded"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: body.model };
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }] })}\n\n`);
    for (const [i, c] of CHUNKS.entries()) {
      if (mode === 'midstream-error' && i === 2) {
        res.write(`data: ${JSON.stringify({ error: { message: 'model crashed' } })}\n\n`);
        res.end();
        return;
      }
      res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { content: c }, finish_reason: null }] })}\n\n`);
    }
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((r) => llm.listen(0, '127.0.0.1', () => r()));
  llmUrl = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
  service = await start({ dataDir: 'memory://', coach: openAiEngine({ baseUrl: llmUrl, model: 'test-model', apiKey: 'sk-test' }) });
});

afterAll(async () => {
  await service?.close();
  llm.closeAllConnections();
  await new Promise((r) => llm.close(r));
});

beforeEach(() => {
  mode = 'ok';
  seen.length = 0;
});

test('streams the model reply through the service as SSE deltas', async () => {
  const call = client(service.url);
  const t = await token({ sub: 'm1' });
  const s = await call('POST', '/v1/sessions', { token: t, body: { scenario: 'underperformance', source: 'embedded', context: { role: 'Senior engineer' } } });
  const r = await call('POST', `/v1/sessions/${s.json.id}/turns`, { token: t, body: { text: 'What is getting in the way?' } });
  const deltas = [...r.text.matchAll(/event: delta\ndata: (.*)\n/g)].map((m) => (JSON.parse(m[1]!) as { text: string }).text);
  expect(deltas).toEqual(CHUNKS);
  expect(r.text).toContain('event: done');

  const req = seen[0]!;
  expect(req.auth).toBe('Bearer sk-test');
  expect(req.body.model).toBe('test-model');
  expect(req.body.stream).toBe(true);
  expect(req.body.messages[0]!.role).toBe('system');
  expect(req.body.messages[0]!.content).toContain('Sam Patel');
  expect(req.body.messages[0]!.content).toContain('role: Senior engineer');
  // The persona is the assistant; the opening line and the user's turn follow in order.
  expect(req.body.messages.slice(1).map((m) => m.role)).toEqual(['assistant', 'user']);
  expect(req.body.messages[2]!.content).toBe('What is getting in the way?');

  // The next turn carries the stored reply as history.
  await call('POST', `/v1/sessions/${s.json.id}/turns`, { token: t, body: { text: 'I see.' }, headers: { accept: 'application/json' } });
  expect(seen[1]!.body.messages.slice(1).map((m) => m.content)).toEqual([s.json.opening.text, 'What is getting in the way?', CHUNKS.join(''), 'I see.']);
  // Feedback is still the rubric's, quoting the user.
  const fb = await call('POST', `/v1/sessions/${s.json.id}/complete`, { token: t });
  expect(fb.json.scores.find((x: { criterion: string }) => x.criterion === 'inquiry').evidence).toEqual(['What is getting in the way?']);
});

test('a failing model is a 502 coach_unavailable (JSON) or an SSE error event; the turn is not stored', async () => {
  const call = client(service.url);
  const t = await token({ sub: 'm2' });
  const s = await call('POST', '/v1/sessions', { token: t, body: { scenario: 'goal-setting', source: 'embedded' } });
  mode = 'fail';
  const json = await call('POST', `/v1/sessions/${s.json.id}/turns`, { token: t, body: { text: 'Hello?' }, headers: { accept: 'application/json' } });
  expect({ status: json.status, code: json.json.error.code }).toEqual({ status: 502, code: 'coach_unavailable' });
  mode = 'midstream-error';
  const sse = await call('POST', `/v1/sessions/${s.json.id}/turns`, { token: t, body: { text: 'Hello?' } });
  expect(sse.text).toMatch(/event: error\ndata: \{"error":\{"code":"coach_unavailable"/);
  expect(sse.text).not.toContain('event: done');
  const rows = await service.query<{ user_turns: number }>(`select user_turns from sessions where id = $1`, [s.json.id]);
  expect(rows[0]!.user_turns).toBe(0);
});

test('INFLOW_LLM_BASE_URL selects the OpenAI-compatible engine; without it the scripted one', () => {
  expect(coachFromEnv({ INFLOW_LLM_BASE_URL: llmUrl, INFLOW_LLM_MODEL: 'm' }).name).toBe('openai:m');
  expect(coachFromEnv({}).name).toBe('scripted');
});
