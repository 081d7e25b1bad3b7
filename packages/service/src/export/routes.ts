/**
 * `GET /v1/export/events` and `GET /v1/export/sessions` (admin, mounted behind the admin scope):
 * every row of a half-open range, streamed page by page (pager.ts) as NDJSON or CSV (format.ts),
 * pulled by the client's reads, so memory stays constant however many rows the range holds.
 */
import { EXPORT_FORMATS, EXPORT_MAX_RANGE_DAYS, EXPORT_MEDIA_TYPES } from '@inflow/contract/schemas';
import { Hono, type Context } from 'hono';
import { parseRange } from '../activation/routes.js';
import type { AppDeps, AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { errorFields } from '../ops/logger.js';
import { DEFAULT_ABANDON_AFTER_MINUTES } from '../outbound/abandoned.js';
import { withIntegrations } from '../outbound/settings-store.js';
import { encodePage, head, type Format } from './format.js';
import { EVENTS_TABLE, PAGE_SIZE, pages, sessionsTable, type ExportTable, type Range } from './pager.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExportOptions {
  /** Rows per page; small in tests, to cross page boundaries. */
  pageSize?: number;
}

const invalid = (path: string, message: string) =>
  new ApiError('validation_failed', `${path}: ${message}`, [{ path, message }]);

/** `format` wins; without it, CSV when the Accept header asks for `text/csv`, else NDJSON. */
function formatOf(c: Context<AppEnv>): Format {
  const asked = c.req.query('format');
  if (asked !== undefined) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(asked))
      throw invalid('format', `expected one of ${EXPORT_FORMATS.join(', ')}`);
    return asked as Format;
  }
  return /\btext\/csv\b/i.test(c.req.header('accept') ?? '') ? 'csv' : 'ndjson';
}

function rangeOf(c: Context<AppEnv>, now: Date): Range {
  const range = parseRange(c.req.query('from') || undefined, c.req.query('to') || undefined, now);
  if (range.to.getTime() - range.from.getTime() > EXPORT_MAX_RANGE_DAYS * DAY_MS)
    throw invalid('to', `a range of at most ${EXPORT_MAX_RANGE_DAYS} days; export a longer one in parts`);
  return range;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');

export function exportRoutes(
  deps: Pick<AppDeps, 'db' | 'now' | 'logger'>,
  options: ExportOptions = {},
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = deps.now ?? (() => new Date());
  const pageSize = options.pageSize ?? PAGE_SIZE;

  async function respond(c: Context<AppEnv>, what: 'events' | 'sessions', spec: ExportTable, range: Range) {
    const format = formatOf(c);
    const auth = c.get('auth');
    const source = pages(deps.db, spec, auth.tenantId, range, pageSize);
    // The first page before the status line: a failing query still answers a JSON 500.
    const first = await source.next();
    const encoder = new TextEncoder();
    let pending: string | undefined =
      head(format, spec.columns) + (first.done ? '' : encodePage(format, spec.columns, first.value));
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          try {
            if (pending !== undefined) {
              const text = pending;
              pending = undefined;
              if (text) return controller.enqueue(encoder.encode(text));
            }
            const page = await source.next();
            if (page.done) return controller.close();
            if (page.value.length)
              controller.enqueue(encoder.encode(encodePage(format, spec.columns, page.value)));
            else controller.close();
          } catch (error) {
            deps.logger?.error({ route: `export/${what}`, ...errorFields(error) }, 'export stream failed');
            controller.error(error);
          }
        },
        async cancel() {
          await source.return(undefined);
        },
      },
      // One page in flight: the next is read only when the client has taken this one.
      { highWaterMark: 0 },
    );
    const name = `inflow-${what}-${stamp(range.from)}-${stamp(range.to)}.${format === 'csv' ? 'csv' : 'ndjson'}`;
    return c.body(body, 200, {
      'Content-Type':
        format === 'csv'
          ? `${EXPORT_MEDIA_TYPES.csv}; charset=utf-8; header=present`
          : EXPORT_MEDIA_TYPES.ndjson,
      'Content-Disposition': `attachment; filename="${name}"`,
      // Personal data: never in a shared cache, never kept by the browser.
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  }

  app.get('/events', async (c) => {
    const range = rangeOf(c, now());
    return respond(c, 'events', EVENTS_TABLE, range);
  });

  app.get('/sessions', async (c) => {
    const at = now();
    const range = rangeOf(c, at);
    const tenant = await withIntegrations(deps.db, c.get('auth').tenant);
    const minutes = tenant.lrs?.abandonAfterMinutes ?? DEFAULT_ABANDON_AFTER_MINUTES;
    return respond(c, 'sessions', sessionsTable(minutes, at), range);
  });

  return app;
}
