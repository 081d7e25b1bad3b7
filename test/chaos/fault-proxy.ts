// A loopback HTTP proxy in front of the real service that injects the faults of the chaos run:
// 5xx before the request reaches the service, 5xx AFTER it was stored (the response is lost, so
// the client must resend and the service must dedupe), 429 bursts with Retry-After, and 401 for
// a token we declare expired, and 500 to every post carrying a poisoned event (a batch the service
// keeps refusing). Everything else passes through untouched, CORS preflights included.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Faults {
  /** Share of event posts answered with a 5xx (half before, half after the service stored them). */
  p5xx: number;
  /** Until this time (ms), every event post gets 429 with `Retry-After: retryAfterSeconds`. */
  burst429Until: number;
  retryAfterSeconds: number;
  /** Tokens the proxy treats as expired (401 token_expired), in a header or a text/plain body. */
  expiredTokens: Set<string>;
  /** Delay (ms) before forwarding a regular event post: widens the window in which two tabs could overlap. */
  holdMs: number;
  /** Event ids whose every post (regular or unload form) is answered 500. */
  poisoned?: Set<string>;
}

export interface ProxyCounters {
  eventPosts: number;
  /** CORS-simple unload flushes (text/plain, keepalive). */
  unloadPosts: number;
  preflights: number;
  injected5xxBefore: number;
  injected5xxAfter: number;
  injected429: number;
  injected401: number;
  /** Posts answered 500 because they carried a poisoned event. */
  refusedPoisoned: number;
  passed2xx: number;
  /** Sum of the service's `duplicates` over delivered responses: resends it deduped. */
  duplicatesReported: number;
  tokensSeen: Set<string>;
  /** Regular (locked) event posts in flight now, and the most seen at once since the last reset. */
  inFlight: number;
  maxInFlight: number;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function carriesPoison(body: Buffer, poisoned: Set<string>): boolean {
  try {
    const { events } = JSON.parse(body.toString()) as { events?: { id?: string }[] };
    return (events ?? []).some((e) => e.id !== undefined && poisoned.has(e.id));
  } catch {
    return false; // not JSON: the service answers it
  }
}

export async function startFaultProxy(target: string, faults: Faults, random: () => number) {
  const upstream = new URL(target);
  const counters: ProxyCounters = {
    eventPosts: 0,
    unloadPosts: 0,
    preflights: 0,
    injected5xxBefore: 0,
    injected5xxAfter: 0,
    injected429: 0,
    injected401: 0,
    refusedPoisoned: 0,
    passed2xx: 0,
    duplicatesReported: 0,
    tokensSeen: new Set(),
    inFlight: 0,
    maxInFlight: 0,
  };
  const cors = (req: IncomingMessage) => ({
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'retry-after',
    vary: req.headers.origin ? 'origin' : '',
  });
  const reply = (
    res: import('node:http').ServerResponse,
    req: IncomingMessage,
    status: number,
    code: string,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...cors(req), ...extra });
    res.end(JSON.stringify({ error: { code, message: `injected by the chaos proxy` } }));
  };

  const server: Server = createServer(async (req, res) => {
    let regular = false;
    try {
      const body = await readBody(req);
      const isEvents = req.method === 'POST' && (req.url ?? '').startsWith('/v1/events');
      if (req.method === 'OPTIONS') counters.preflights++;
      let token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (isEvents) {
        counters.eventPosts++;
        // Unload flushes bypass the flush lock by design (the page is going away); the rest may not overlap.
        regular = !(req.headers['content-type'] ?? '').startsWith('text/plain');
        if (regular) {
          counters.maxInFlight = Math.max(counters.maxInFlight, ++counters.inFlight);
          if (faults.holdMs > 0) await new Promise((r) => setTimeout(r, faults.holdMs));
        }
        if ((req.headers['content-type'] ?? '').startsWith('text/plain')) {
          counters.unloadPosts++;
          try {
            token = (JSON.parse(body.toString()) as { token?: string }).token;
          } catch {
            // leave it to the service
          }
        }
        if (token) counters.tokensSeen.add(token);
        if (token && faults.expiredTokens.has(token)) {
          counters.injected401++;
          return reply(res, req, 401, 'token_expired', {
            'www-authenticate': 'Bearer error="invalid_token"',
          });
        }
        if (faults.poisoned?.size && carriesPoison(body, faults.poisoned)) {
          counters.refusedPoisoned++;
          return reply(res, req, 500, 'internal');
        }
        if (Date.now() < faults.burst429Until) {
          counters.injected429++;
          return reply(res, req, 429, 'rate_limited', { 'retry-after': String(faults.retryAfterSeconds) });
        }
      }
      const roll = isEvents ? random() : 1;
      if (roll < faults.p5xx / 2) {
        counters.injected5xxBefore++;
        return reply(res, req, [500, 502, 503][Math.floor(random() * 3)]!, 'internal');
      }
      const headers = { ...req.headers, host: upstream.host };
      const upstreamRes = await new Promise<IncomingMessage>((resolve, reject) => {
        const out = httpRequest(
          { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
          resolve,
        );
        out.on('error', reject);
        out.end(body);
      });
      const answer = await readBody(upstreamRes);
      if (roll < faults.p5xx) {
        // The service has stored the batch; the client never learns it. It must resend.
        counters.injected5xxAfter++;
        return reply(res, req, 502, 'internal');
      }
      if (isEvents && upstreamRes.statusCode && upstreamRes.statusCode < 300) {
        counters.passed2xx++;
        try {
          counters.duplicatesReported +=
            (JSON.parse(answer.toString()) as { duplicates?: number }).duplicates ?? 0;
        } catch {
          // not JSON
        }
      }
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      res.end(answer);
    } catch {
      res.destroy();
    } finally {
      if (regular) counters.inFlight--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
