// Property-based fuzzing of every route in the contract's ROUTES (a new route is fuzzed without
// touching this file): arbitrary bodies, queries, headers and path ids against the real app.
// Property: never a 5xx, never a stack trace, every error a stable code whose status matches.
// Run counts are bounded (FUZZ_RUNS, default 120 per route and property) so the suite stays fast.
import { request } from 'node:http';
import { ERROR_CODES, LIMITS } from '@inflow/contract';
import { ROUTES, type RouteSpec } from '@inflow/contract/openapi';
import { VOICE_BODY_BYTES } from '@inflow/contract/schemas';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { RunningServer } from '../node.js';
import { start, testTenants, token, uuid } from '../test/harness.js';
import { checkResponse, concrete, inProcess, label, validBody, type InProcess } from '../test/support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

let api: InProcess;
let practice: string;
let admin: string;
let sessionId: string;
const logged: unknown[] = [];

beforeAll(async () => {
  const { tenants } = await testTenants();
  api = await inProcess(tenants);
  practice = await token({ sub: 'fuzz-user', team: 'fuzz-team' });
  admin = await token({ sub: 'fuzz-admin', scope: 'admin' });
  const res = await api.fetch('/v1/sessions', {
    method: 'POST',
    headers: { authorization: `Bearer ${practice}`, 'content-type': 'application/json' },
    body: JSON.stringify({ scenario: 'underperformance', source: 'embedded' }),
  });
  sessionId = ((await res.json()) as { id: string }).id;
  // Anything reaching the server-side error log is an unhandled error: the fuzzer must find none.
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
});

// FUZZ_STATS=1 prints the status mix per route (to see that the fuzzer reaches past validation).
const statuses: Record<string, Record<number, number>> = {};

afterAll(async () => {
  if (process.env.FUZZ_STATS) console.log(JSON.stringify(statuses, null, 1));
  vi.restoreAllMocks();
  await api.service.close();
});

// ---- generators -------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '',
  '\u0000',
  '\uD800',
  '𝕏'.repeat(300),
  '<script>alert(1)</script>',
  "'; drop table events; --",
  '../../etc/passwd',
  '%00',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'x'.repeat(LIMITS.turnTextChars + 1),
  '1e999',
  '-0',
);
const leaf = fc.oneof(
  fc.string({ maxLength: 50 }),
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const json = fc.oneof(
  { depthSize: 'small' },
  leaf,
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(leaf, { maxLength: 5 }),
  fc.dictionary(
    fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'token')),
    leaf,
    { maxKeys: 5 },
  ),
);

/** Replaces, removes or adds one field of the valid body (one level deep, or inside arrays' first item). */
function mutated(route: RouteSpec): fc.Arbitrary<unknown> {
  const base = validBody(route);
  const keys = Object.keys(base);
  if (keys.length === 0) return json;
  return fc
    .tuple(
      fc.constantFrom(...keys),
      fc.oneof(json, fc.constant(undefined)),
      fc.option(fc.tuple(fc.string({ maxLength: 12 }), json), { freq: 3 }),
    )
    .map(([key, value, extra]) => {
      const copy: Record<string, unknown> = structuredClone(base);
      const target = copy[key];
      // Reach into the first array item (events[0], members[0]) half the time.
      if (
        Array.isArray(target) &&
        target[0] &&
        typeof target[0] === 'object' &&
        typeof value !== 'undefined' &&
        extra
      ) {
        (target[0] as Record<string, unknown>)[extra[0]] = value;
      } else if (value === undefined) delete copy[key];
      else copy[key] = value;
      if (extra) copy[extra[0]] = extra[1];
      return copy;
    });
}

/** The raw body text: JSON of a mutated/arbitrary value, or not JSON at all. */
function bodyText(route: RouteSpec): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(JSON.stringify(validBody(route))), weight: 3 },
    { arbitrary: mutated(route).map((v) => JSON.stringify(v) ?? 'undefined'), weight: 5 },
    json.map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      undefined,
      '',
      '{',
      '{"events":',
      '[]',
      'null',
      '\uFEFF{}',
      'user,team\nu1,t1\n"',
      '{"a":'.repeat(2000),
    ),
  );
}

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});
const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 6 },
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'text/csv',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/merge-patch+json',
    'APPLICATION/JSON',
  ),
  printable,
);
const accept = fc.oneof(
  fc.constantFrom('application/json', 'text/event-stream', '*/*', 'application/json, text/event-stream'),
  printable,
);

type Auth = 'practice' | 'admin' | 'none' | 'garbage' | 'scheme';
// Mostly a token the route accepts, so most runs get past auth and probe the handler itself.
const authKind = (route: RouteSpec) =>
  fc.oneof(
    { arbitrary: fc.constant<Auth>(route.scope === 'admin' ? 'admin' : 'practice'), weight: 6 },
    fc.constantFrom<Auth>('practice', 'admin', 'none', 'garbage', 'scheme'),
  );
function authHeader(kind: Auth, junk: string): string | undefined {
  if (kind === 'practice') return `Bearer ${practice}`;
  if (kind === 'admin') return `Bearer ${admin}`;
  if (kind === 'garbage') return `Bearer ${junk}`;
  if (kind === 'scheme') return junk;
  return undefined;
}

/** A path id: the real session, an unknown UUID, or any string (percent-encoded into the path). */
const pathId = fc.oneof(
  { arbitrary: fc.constant('__session__'), weight: 4 },
  fc.uuid().map(String),
  fc.string({ maxLength: 40 }),
  nasty,
);

const query = fc.oneof(
  fc.constant(''),
  fc
    .record(
      {
        from: fc.oneof(
          fc.constantFrom('2026-01-01', '2026-13-45', '2026-01-01T00:00:00Z', '0000-00-00', '9999-12-31'),
          fc.string({ maxLength: 30 }),
        ),
        to: fc.oneof(
          fc.constantFrom('2026-02-01', '1970-01-01', '2026-01-01T25:61:00Z'),
          fc.string({ maxLength: 30 }),
        ),
        groupBy: fc.oneof(
          fc.constantFrom('team', 'scenario', 'source', 'TEAM', ''),
          fc.string({ maxLength: 20 }),
        ),
        [fc.string({ maxLength: 10 }) as unknown as string]: fc.string({ maxLength: 10 }),
      },
      { requiredKeys: [] },
    )
    .map((q) => `?${new URLSearchParams(q as Record<string, string>).toString()}`),
  fc.string({ maxLength: 60 }).map((s) => `?${s.replace(/#/g, '')}`),
);

// ---- properties -------------------------------------------------------------------------

/** The 5xx codes a route's contract declares (the audio routes' 502 and 503: no provider here). */
const declared5xx = (route: RouteSpec): string[] =>
  Object.entries(ERROR_CODES)
    .filter(([, status]) => status >= 500 && route.errors?.includes(String(status)))
    .map(([code]) => code);

describe.each(ROUTES.map((r) => ({ route: r, name: label(r) })))('fuzz $name', ({ route }) => {
  test('arbitrary body, headers, query and path id: no 5xx, no stack trace, stable error codes', async () => {
    await fc.assert(
      fc.asyncProperty(
        authKind(route),
        printable,
        contentType,
        accept,
        bodyText(route),
        query,
        pathId,
        async (auth, junk, type, acc, body, q, id) => {
          const headers: Record<string, string> = { 'content-type': type, accept: acc };
          const a = authHeader(auth, junk);
          if (a !== undefined) headers.authorization = a;
          const path = concrete(route, id === '__session__' ? sessionId : id) + q;
          const send = body !== undefined && route.method !== 'get';
          const res = await api.fetch(path, {
            method: route.method.toUpperCase(),
            headers,
            ...(send ? { body } : {}),
          });
          const { status } = await checkResponse(
            res,
            `${route.method.toUpperCase()} ${path} [${auth}, ${type}] ${String(body).slice(0, 120)}`,
            declared5xx(route),
          );
          const seen = (statuses[label(route)] ??= {});
          seen[status] = (seen[status] ?? 0) + 1;
        },
      ),
      { numRuns: RUNS },
    );
    expect(logged, 'no unhandled error reached the server log').toEqual([]);
  });
});

// A route with a body must answer a body over its limit with 413 — over HTTP, with a body that is
// still being uploaded, so "refused before it was read whole" is what is measured: the server
// answers while the client has not yet finished (and never will finish) sending.
describe('oversize bodies are refused before they are read whole', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const { tenants } = await testTenants();
    // Demo mode, so the demo-only route with a body is measured too.
    server = await start({ dataDir: 'memory://', tenants, demo: true });
  });
  afterAll(() => server.close());

  const withBody = ROUTES.filter((r) => r.body);
  const limitOf = (r: RouteSpec): number => {
    if (r.path === '/v1/events') return LIMITS.eventsBodyBytes;
    if (r.path === '/v1/audience') return 16 * 1024 * 1024;
    if (r.path === '/demo/token') return LIMITS.demoTokenBodyBytes;
    if (r.path === '/v1/audio/transcriptions') return VOICE_BODY_BYTES;
    if (r.path.startsWith('/v1/scenarios/')) return LIMITS.scenarioBodyBytes;
    return LIMITS.jsonBodyBytes;
  };

  test.each(withBody.map((r) => ({ route: r, name: label(r) })))(
    '$name: chunked upload that never ends → 413',
    async ({ route }) => {
      const bearer = await token({ sub: 'big', scope: route.scope === 'admin' ? 'admin' : 'practice' });
      const { port } = new URL(server.url);
      const limit = limitOf(route);
      const path = concrete(route, uuid(7));
      const answer = await new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
        let sent = 0;
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: route.method.toUpperCase(),
            path,
            headers: {
              authorization: `Bearer ${bearer}`,
              'content-type': 'application/json',
              'transfer-encoding': 'chunked',
            },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => {
              clearInterval(pump);
              req.destroy();
              resolve({ status: res.statusCode ?? 0, sent, body });
            });
          },
        );
        req.on('error', (e) => {
          clearInterval(pump);
          reject(e);
        });
        const chunk = Buffer.alloc(Math.max(16 * 1024, limit / 128), 0x20);
        req.write('{"x":"');
        // Keep uploading up to 4× the limit, then stall with the request still open: a server that
        // waits for the whole body never answers, and the test times out.
        const pump = setInterval(() => {
          if (sent < limit * 4) {
            req.write(chunk);
            sent += chunk.length;
          }
        }, 1);
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } });
      expect(answer.sent + 6).toBeGreaterThan(limit);
    },
  );

  test.each(withBody.map((r) => ({ route: r, name: label(r) })))(
    '$name: declared Content-Length over the limit → 413 with no body sent',
    async ({ route }) => {
      const bearer = await token({ sub: 'big', scope: route.scope === 'admin' ? 'admin' : 'practice' });
      const { port } = new URL(server.url);
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: route.method.toUpperCase(),
            path: concrete(route, uuid(7)),
            headers: {
              authorization: `Bearer ${bearer}`,
              'content-type': 'application/json',
              'content-length': String(limitOf(route) + 1),
            },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, body });
            });
          },
        );
        req.on('error', reject);
        req.flushHeaders(); // headers only; the body is never sent
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } });
    },
  );
});
