/**
 * Test helper: a loopback HTTP receiver on 127.0.0.1:0 that records every request and answers
 * from a script (one reply per call, the last one repeating). `hold()` keeps answers back until
 * `release()`, to show that a slow receiver blocks nothing but its own delivery. A `judge` may
 * answer instead of the script (the loopback LRS's rules, test/lrs.ts).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  /** Path and query, e.g. `/hook` or `/xapi/statements`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  script(...replies: Reply[]): void;
  hold(): void;
  release(): void;
  /** Resolves once `n` requests have arrived. */
  arrived(n: number): Promise<void>;
  close(): Promise<void>;
}

/** Sees each request and the script's reply for it, and answers (the script's or its own). */
export type Judge = (request: Received, scripted: Reply) => Reply;

export async function startReceiver(judge?: Judge): Promise<Receiver> {
  const received: Received[] = [];
  let replies: Reply[] = [{ status: 200 }];
  let held: (() => void)[] | undefined;
  const waiters: { n: number; done: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: Received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      for (const w of waiters.filter((x) => received.length >= x.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
      const scripted = (replies.length > 1 ? replies.shift() : replies[0]) ?? { status: 200 };
      const reply = judge ? judge(request, scripted) : scripted;
      // One connection per request: a kept-alive socket idle past Node's 5 s keepAliveTimeout is
      // closed by the server just as the worker reuses it (ECONNRESET), seen when tests run slowly.
      const answer = () =>
        res.writeHead(reply.status, { connection: 'close', ...reply.headers }).end(reply.body ?? '');
      if (held) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    script: (...next) => void (replies = next),
    hold: () => void (held ??= []),
    release: () => {
      const pending = held ?? [];
      held = undefined;
      for (const answer of pending) answer();
    },
    arrived: (n) =>
      received.length >= n ? Promise.resolve() : new Promise<void>((done) => waiters.push({ n, done })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
