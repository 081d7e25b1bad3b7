/**
 * Request-body reading and validation with the contract's TypeBox schemas (compiled once per
 * schema). Failures become stable error codes: 415 wrong media type, 400 malformed JSON,
 * 422 schema violations with JSON-pointer details.
 */
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

export function check<T extends TSchema>(schema: T, value: unknown): Static<T> {
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
  throw new ApiError(
    'validation_failed',
    `request body failed validation: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
    details,
  );
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
