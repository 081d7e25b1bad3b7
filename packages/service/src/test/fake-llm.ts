/**
 * An OpenAI-compatible chat-completions server on a loopback port that misbehaves on purpose, for
 * the service's model engine: streamed replies (`stream: true`) follow `mode` — it hangs, breaks
 * its stream, sends malformed chunks, or streams hostile text (XSS payloads) that the elements
 * must render inert; non-streamed completions (the judge's structured output) follow `judge` —
 * an answer, a refusal, content that is not JSON, a hang or an HTTP error. `upcoming` overrides
 * the next requests (e.g. one 503, then the normal answer, to see the one retry).
 * The behaviour is read per request, so one server serves a whole suite.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LlmRequest {
  model?: string;
  stream?: boolean;
  messages: { role: string; content: string }[];
  response_format?: {
    type: string;
    json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> };
  };
  [field: string]: unknown;
}

/** How a non-streamed completion (the judge) is answered. */
export type JudgeMode =
  /** `choices[0].message.content` is the JSON of `answer` (computed from the request if a function). */
  | { kind: 'answer'; answer: unknown; delayMs?: number }
  /** `content` verbatim (e.g. not JSON, or truncated JSON). */
  | { kind: 'content'; content: string }
  /** A structured-output refusal: `message.refusal` set, `content` null. */
  | { kind: 'refusal'; refusal: string }
  /** An HTTP 200 whose body is not JSON. */
  | { kind: 'garbage' }
  | { kind: 'hang' }
  | { kind: 'status'; status: number };

export interface LlmCall {
  /** Path and query, e.g. `/openai/deployments/d/chat/completions?api-version=2024-10-21`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: LlmRequest;
  /** `performance.now()` when the request arrived and when its response ended (benchmarks). */
  startedAt: number;
  endedAt?: number;
}

export type LlmMode =
  | { kind: 'ok'; deltas: string[] }
  /** Deltas computed from the request (e.g. echo what the user or the host context said), sent `delayMs` apart. */
  | { kind: 'script'; reply: (request: LlmRequest) => string[]; delayMs?: number }
  /** Accepts the request and never answers (no headers). */
  | { kind: 'hang' }
  /** Sends some deltas, then stays silent with the connection open. */
  | { kind: 'stall'; deltas: string[] }
  /** Sends `before`, waits for `gate` (the test holds a turn in flight), then sends `after` and ends. */
  | { kind: 'gated'; before: string[]; gate: Promise<void>; after: string[] }
  /** Sends some deltas, then a chunk that is not JSON. */
  | { kind: 'malformed'; deltas: string[] }
  /** Sends some deltas, then destroys the socket. */
  | { kind: 'reset'; deltas: string[] }
  /** Answers with an HTTP error. */
  | { kind: 'status'; status: number }
  /** An in-stream `{error}` object, as OpenAI sends on overload. */
  | { kind: 'error-chunk'; deltas: string[] };

export interface FakeLlm {
  /** Base URL including `/v1`, for `openAiEngine({ baseUrl })`. */
  baseUrl: string;
  mode: LlmMode;
  judge: JudgeMode;
  /** Answers for the next requests of either kind, used up first. */
  upcoming: ({ kind: 'status'; status: number } | { kind: 'hang' })[];
  /** Request bodies received (the service's prompts), newest last. */
  requests: LlmRequest[];
  /** Every request with its URL and headers, newest last. */
  calls: LlmCall[];
  close(): Promise<void>;
}

const completion = (message: Record<string, unknown>) =>
  JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1,
    model: 'fake',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });

const chunk = (text: string) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })}\n\n`;

export async function startFakeLlm(
  initial: LlmMode = { kind: 'ok', deltas: ['Hello', ' there.'] },
): Promise<FakeLlm> {
  const open = new Set<ServerResponse>();
  const state: FakeLlm = {
    baseUrl: '',
    mode: initial,
    judge: { kind: 'answer', answer: { scores: [], summary: '', nextStep: '' } },
    upcoming: [],
    requests: [],
    calls: [],
    close: async () => undefined,
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const startedAt = performance.now();
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      let request: LlmRequest = { messages: [] };
      try {
        request = JSON.parse(body) as LlmRequest;
        state.requests.push(request);
      } catch {
        /* not our concern */
      }
      const call: LlmCall = { url: req.url ?? '', headers: req.headers, body: request, startedAt };
      state.calls.push(call);
      res.on('finish', () => (call.endedAt = performance.now()));
      open.add(res);
      res.on('close', () => open.delete(res));
      const next = state.upcoming.shift();
      if (next?.kind === 'hang') return;
      if (next?.kind === 'status') {
        res.writeHead(next.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }));
        return;
      }
      if (request.stream !== true) return answerJudge(state.judge, request, res);
      const mode = state.mode;
      if (mode.kind === 'hang') return;
      if (mode.kind === 'status') {
        res.writeHead(mode.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      if (mode.kind === 'script') {
        const deltas = mode.reply(state.requests.at(-1) ?? { messages: [] });
        const send = (i: number): void => {
          if (res.destroyed) return;
          if (i >= deltas.length) return void res.end('data: [DONE]\n\n');
          res.write(chunk(deltas[i]!));
          setTimeout(() => send(i + 1), mode.delayMs ?? 0);
        };
        return send(0);
      }
      if (mode.kind === 'gated') {
        for (const d of mode.before) res.write(chunk(d));
        void mode.gate.then(() => {
          if (res.destroyed) return;
          for (const d of mode.after) res.write(chunk(d));
          res.end('data: [DONE]\n\n');
        });
        return;
      }
      for (const d of mode.deltas) res.write(chunk(d));
      switch (mode.kind) {
        case 'ok':
          res.end('data: [DONE]\n\n');
          return;
        case 'stall':
          return;
        case 'malformed':
          res.end('data: {"choices":[{"delta":{"content":"unterminated\n\ndata: [DONE]\n\n');
          return;
        case 'reset':
          setTimeout(() => res.socket?.destroy(), 20);
          return;
        case 'error-chunk':
          res.end(
            `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request.' } })}\n\n`,
          );
      }
    });
  });
  function answerJudge(mode: JudgeMode, request: LlmRequest, res: ServerResponse): void {
    if (mode.kind === 'hang') return;
    if (mode.kind === 'status') {
      res.writeHead(mode.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    if (mode.kind === 'garbage') return void res.end('<html>Bad gateway</html>');
    if (mode.kind === 'refusal') return void res.end(completion({ content: null, refusal: mode.refusal }));
    if (mode.kind === 'content') return void res.end(completion({ content: mode.content, refusal: null }));
    const answer =
      typeof mode.answer === 'function' ? (mode.answer as (r: LlmRequest) => unknown)(request) : mode.answer;
    const send = () => res.end(completion({ content: JSON.stringify(answer), refusal: null }));
    if (mode.delayMs) setTimeout(send, mode.delayMs);
    else send();
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = async () => {
    for (const res of open) res.socket?.destroy();
    await new Promise((r) => server.close(r));
  };
  return state;
}
