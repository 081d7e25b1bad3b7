// Property-based fuzzing of every route in the contract's ROUTES (a new route is fuzzed without
// touching this file): arbitrary bodies, queries, headers and path ids against the real app.
// Property: never a 5xx, never a stack trace, every error a stable code whose status matches.
// Run counts are bounded (FUZZ_RUNS, default 120 per route and property) so the suite stays fast.
import { ERROR_CODES } from '@inflow/contract';
import { ROUTES, type RouteSpec } from '@inflow/contract/openapi';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { testTenants, token } from '../test/harness.js';
import { checkResponse, concrete, inProcess, label, type InProcess } from '../test/support.js';
import {
  accept,
  authKind,
  bodyText,
  contentType,
  pathId,
  printable,
  query,
  type Auth,
} from '../test/fuzz-arbitraries.js';

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

function authHeader(kind: Auth, junk: string): string | undefined {
  if (kind === 'practice') return `Bearer ${practice}`;
  if (kind === 'admin') return `Bearer ${admin}`;
  if (kind === 'garbage') return `Bearer ${junk}`;
  if (kind === 'scheme') return junk;
  return undefined;
}

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
