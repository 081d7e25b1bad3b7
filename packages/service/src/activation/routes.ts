/**
 * `GET /v1/activation` and `GET|PUT|PATCH /v1/audience`: two Hono sub-apps the service mounts after its
 * auth middleware (which sets `c.get('auth')`), with the admin scope applied where they are mounted.
 */
import { GROUP_BY, type GroupBy } from '@inflow/contract';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from '../context.js';
import { DATE_MESSAGE, isDateOnly, LATEST_INSTANT_MS, parseInstant } from '../dates.js';
import { ApiError } from '../errors.js';
import { assertStorableText } from '../validate.js';
import { AudienceInvalidError, membersFromCsv, replaceAudience, validateMembers } from './audience.js';
import { listAudience, patchAudience } from './audience-patch.js';
import { parseEffectiveAt } from './history.js';
import { computeActivation } from './metrics.js';
import { activationSettings } from './settings.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Default range: the last six weeks, one performance-review cycle. */
export const DEFAULT_RANGE_DAYS = 42;
/** A roster of LIMITS.audienceRows members as CSV or JSON stays well under this. */
const AUDIENCE_BODY_BYTES = 16 * 1024 * 1024;

const tooLarge = (): never => {
  throw new ApiError('payload_too_large', `audience body over ${AUDIENCE_BODY_BYTES} bytes`);
};

/** A roster problem list becomes the 422 that names every path. */
async function asValidation<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AudienceInvalidError)
      throw new ApiError('validation_failed', error.message, error.problems);
    throw error;
  }
}

function invalid(path: string, message: string): ApiError {
  return new ApiError('validation_failed', `${path}: ${message}`, [{ path, message }]);
}

/**
 * `from`/`to` accept a date or a date-time. A date-only `to` means "through that day", so
 * `from=2026-03-01&to=2026-03-31` covers all of March; the range is half-open [from, to).
 */
export function parseRange(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): { from: Date; to: Date } {
  const parse = (name: string, value: string, endOfDay: boolean) => {
    const date = parseInstant(value);
    if (!date) throw invalid(name, DATE_MESSAGE);
    if (!endOfDay || !isDateOnly(value)) return date;
    return new Date(Math.min(date.getTime() + DAY_MS, LATEST_INSTANT_MS));
  };
  const end = to ? parse('to', to, true) : now;
  const start = from ? parse('from', from, false) : new Date(end.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
  if (start.getTime() >= end.getTime()) throw invalid('from', 'must be before "to"');
  return { from: start, to: end };
}

export function activationRoutes(deps: Pick<AppDeps, 'db' | 'now'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = deps.now ?? (() => new Date());

  app.get('/', async (c) => {
    const groupBy = c.req.query('groupBy') ?? 'team';
    if (!(GROUP_BY as readonly string[]).includes(groupBy))
      throw invalid('groupBy', `expected one of ${GROUP_BY.join(', ')}`);
    const range = parseRange(c.req.query('from') || undefined, c.req.query('to') || undefined, now());
    const auth = c.get('auth');
    const report = await computeActivation(
      deps.db,
      auth.tenantId,
      range,
      groupBy as GroupBy,
      activationSettings(auth.tenant),
    );
    // Rosters and behaviour are personal data aggregated: never cache in shared caches.
    c.header('Cache-Control', 'private, no-store');
    return c.json(report, 200);
  });
  return app;
}

export function audienceRoutes(deps: Pick<AppDeps, 'db' | 'now'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = deps.now ?? (() => new Date());
  app.put('/', bodyLimit({ maxSize: AUDIENCE_BODY_BYTES, onError: tooLarge }), async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    let members: ReturnType<typeof validateMembers>;
    // CSV has no room for it, so it travels as a query parameter; JSON carries it in the body.
    let effectiveAt: unknown = c.req.query('effectiveAt');
    const segments = (c.get('auth').tenant.segments ?? []).map((x) => x.id);
    try {
      if (type === 'text/csv') {
        members = validateMembers(membersFromCsv(await c.req.text()), true, segments);
      } else if (type === 'application/json') {
        if (effectiveAt !== undefined) throw invalid('effectiveAt', 'send it in the JSON body');
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          throw new ApiError('bad_request', 'body is not valid JSON');
        }
        assertStorableText(body);
        const obj = (body ?? {}) as Record<string, unknown>;
        if (
          typeof body !== 'object' ||
          body === null ||
          Array.isArray(body) ||
          Object.keys(obj).some((k) => k !== 'members' && k !== 'effectiveAt')
        ) {
          throw invalid('/', 'expected {"members": [{user, team, accessAt?, segments?}], "effectiveAt"?}');
        }
        members = validateMembers(obj.members, false, segments);
        effectiveAt = obj.effectiveAt;
      } else {
        throw new ApiError('unsupported_media_type', 'send application/json or text/csv');
      }
    } catch (error) {
      if (error instanceof AudienceInvalidError)
        throw new ApiError('validation_failed', error.message, error.problems);
      throw error;
    }
    const at = parseEffectiveAt(effectiveAt, now());
    if (at !== undefined && !(at instanceof Date)) throw invalid(at.path, at.message);
    const change = { ...(at ? { effectiveAt: at } : {}), now: now() };
    return c.json(
      await asValidation(() => replaceAudience(deps.db, c.get('auth').tenantId, members, change)),
      200,
    );
  });

  app.get('/', async (c) => {
    const page = await asValidation(() =>
      listAudience(deps.db, c.get('auth').tenantId, {
        cursor: c.req.query('cursor'),
        limit: c.req.query('limit'),
        at: c.req.query('at'),
      }),
    );
    c.header('Cache-Control', 'private, no-store');
    return c.json(page, 200);
  });

  app.patch('/', bodyLimit({ maxSize: AUDIENCE_BODY_BYTES, onError: tooLarge }), async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new ApiError('unsupported_media_type', 'send application/json');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError('bad_request', 'body is not valid JSON');
    }
    assertStorableText(body);
    const obj = (body ?? {}) as Record<string, unknown>;
    if (
      typeof body !== 'object' ||
      body === null ||
      Array.isArray(body) ||
      Object.keys(obj).some((k) => k !== 'add' && k !== 'remove' && k !== 'effectiveAt')
    )
      throw invalid(
        '/',
        'expected {"add": [{user, team, accessAt?, segments?}], "remove": [user], "effectiveAt"?}',
      );
    const segments = (c.get('auth').tenant.segments ?? []).map((x) => x.id);
    return c.json(
      await asValidation(() => patchAudience(deps.db, c.get('auth').tenantId, obj, segments, now())),
      200,
    );
  });

  return app;
}
