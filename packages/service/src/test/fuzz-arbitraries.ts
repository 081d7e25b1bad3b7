/**
 * The fast-check generators of the route fuzzer (security/fuzz-routes.test.ts): hostile strings,
 * JSON values, bodies mutated from each route's valid body, content types, auth kinds, path ids
 * and queries.
 */
import { LIMITS } from '@inflow/contract';
import type { RouteSpec } from '@inflow/contract/openapi';
import fc from 'fast-check';
import { validBody } from './support.js';

export const nasty = fc.constantFrom(
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
export const leaf = fc.oneof(
  fc.string({ maxLength: 50 }),
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
export const json = fc.oneof(
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
export function mutated(route: RouteSpec): fc.Arbitrary<unknown> {
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
export function bodyText(route: RouteSpec): fc.Arbitrary<string | undefined> {
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

export const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 80,
});
export const contentType = fc.oneof(
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
export const accept = fc.oneof(
  fc.constantFrom('application/json', 'text/event-stream', '*/*', 'application/json, text/event-stream'),
  printable,
);

export type Auth = 'practice' | 'admin' | 'none' | 'garbage' | 'scheme';
// Mostly a token the route accepts, so most runs get past auth and probe the handler itself.
export const authKind = (route: RouteSpec) =>
  fc.oneof(
    { arbitrary: fc.constant<Auth>(route.scope === 'admin' ? 'admin' : 'practice'), weight: 6 },
    fc.constantFrom<Auth>('practice', 'admin', 'none', 'garbage', 'scheme'),
  );

/** A path id: the real session, an unknown UUID, or any string (percent-encoded into the path). */
export const pathId = fc.oneof(
  { arbitrary: fc.constant('__session__'), weight: 4 },
  fc.uuid().map(String),
  fc.string({ maxLength: 40 }),
  nasty,
);

export const query = fc.oneof(
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
