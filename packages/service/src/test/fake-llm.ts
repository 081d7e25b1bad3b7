/**
 * An OpenAI-compatible chat-completions server on a loopback port that misbehaves on purpose, for
 * the service's OpenAI engine (issue #11): it hangs, breaks its stream, sends malformed chunks,
 * or streams hostile text (XSS payloads) that the elements must render inert.
 * The behaviour is chosen per request by the `mode` getter, so one server serves a whole suite.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LlmRequest {
  messages: { role: string; content: string }[];
}

export type LlmMode =
  | { kind: 'ok'; deltas: string[] }
  /** Deltas computed from the request (e.g. echo what the user or the host context said), sent `delayMs` apart. */
  | { kind: 'script'; reply: (request: LlmRequest) => string[]; delayMs?: number }
  /** Accepts the request and never answers (no headers). */
  | { kind: 'hang' }
  /** Sends some deltas, then stays silent with the connection open. */
  | { kind: 'stall'; deltas: string[] }
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
  /** Request bodies received (the service's prompts), newest last. */
  requests: LlmRequest[];
  close(): Promise<void>;
}

const chunk = (text: string) =>
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })}\n\n`;

export async function startFakeLlm(
  initial: LlmMode = { kind: 'ok', deltas: ['Hello', ' there.'] },
): Promise<FakeLlm> {
  const open = new Set<ServerResponse>();
  const state: FakeLlm = { baseUrl: '', mode: initial, requests: [], close: async () => undefined };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      try {
        state.requests.push(JSON.parse(body) as LlmRequest);
      } catch {
        /* not our concern */
      }
      const mode = state.mode;
      open.add(res);
      res.on('close', () => open.delete(res));
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
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  state.close = async () => {
    for (const res of open) res.socket?.destroy();
    await new Promise((r) => server.close(r));
  };
  return state;
}
