/**
 * Request-body reading and validation with the contract's TypeBox schemas (compiled once per
 * schema). Failures become stable error codes: 415 wrong media type, 400 malformed JSON,
 * 422 schema violations with JSON-pointer details.
 */
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@inflow/contract';
import Compile, { type Validator } from 'typebox/compile';
import type { Static, TSchema } from 'typebox';
import type { Context } from 'hono';
import { ApiError } from './errors.js';

const validators = new WeakMap<TSchema, Validator>();

function validator(schema: TSchema): Validator {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = Compile(schema) as Validator));
  return v;
}

/** JSON-pointer paths of the strings (keys or values) no store can hold, up to `max` of them. */
export function unstorableTextPaths(value: unknown, max = 20): string[] {
  const found: string[] = [];
  // Iterative: a small body can still nest thousands of levels deep.
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length && found.length < max) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) found.push(path || '/');
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!isStorableText(key)) found.push(at);
        else stack.push([child, at]);
      }
    }
  }
  return found;
}

function invalid(details: { path: string; message: string }[]): ApiError {
  return new ApiError(
    'validation_failed',
    `request body failed validation: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
    details,
  );
}

/** One rule for every string of every request body (docs/security.md, "Text and dates"). */
export function assertStorableText(value: unknown): void {
  const unstorable = unstorableTextPaths(value);
  if (unstorable.length)
    throw invalid(unstorable.map((path) => ({ path, message: UNSTORABLE_TEXT_MESSAGE })));
}

export function check<T extends TSchema>(schema: T, value: unknown): Static<T> {
  assertStorableText(value);
  const v = validator(schema);
  if (v.Check(value)) return value as Static<T>;
  // Keep the list short and readable: the first error per path.
  const seen = new Set<string>();
  const details: { path: string; message: string }[] = [];
  for (const e of v.Errors(value)) {
    const path = e.instancePath || '/';
    if (e.keyword === 'boolean' || seen.has(path)) continue;
    seen.add(path);
    details.push({ path, message: e.message });
    if (details.length >= 20) break;
  }
  throw invalid(details);
}

export interface ReadOptions {
  /** Also accept `text/plain` (a CORS-simple request, e.g. the client's unload flush). */
  allowTextPlain?: boolean;
  /** Accept an absent or empty body as `{}`. */
  optional?: boolean;
}

/** Parses the JSON body without validating it (callers add checks that run before the schema). */
export async function readJson(c: Context, options: ReadOptions = {}): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await c.req.text();
  if (text.trim() === '' && options.optional) return {};
  const jsonType =
    type === 'application/json' ||
    type.endsWith('+json') ||
    (options.allowTextPlain && type === 'text/plain');
  if (!jsonType) throw new ApiError('unsupported_media_type', 'send the body as application/json');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('bad_request', 'request body is not valid JSON');
  }
}

export async function readBody<T extends TSchema>(
  c: Context,
  schema: T,
  options: ReadOptions = {},
): Promise<Static<T>> {
  return check(schema, await readJson(c, options));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);
