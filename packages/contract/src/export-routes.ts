/**
 * The warehouse export's operations (part of ROUTES, routes.ts): `GET /v1/export/events` and
 * `GET /v1/export/sessions`, streamed as NDJSON or CSV (docs/activation.md, Export).
 */
import type { TSchema } from 'typebox';
import { EXPORT_MEDIA_TYPES, ExportEventRow, ExportQuery, ExportSessionRow } from './export.js';

const NOTE =
  'NDJSON, or CSV with a header row (`format`, else the Accept header). Never transcript text, coach lines, feedback or free-text props';

const media = (row: TSchema) => ({ [EXPORT_MEDIA_TYPES.ndjson]: row, [EXPORT_MEDIA_TYPES.csv]: null });

// No RouteSpec annotation (routes.ts would import back): ROUTES checks each entry where it is spread.
export const EXPORT_ROUTES = [
  {
    method: 'get',
    path: '/v1/export/events',
    operationId: 'exportEvents',
    summary: `Stream every event received in [from, to) for the warehouse, in \`(received_at, id)\` order: ${NOTE}`,
    scope: 'admin',
    query: ExportQuery,
    status: 200,
    response: ExportEventRow,
    responseMediaTypes: media(ExportEventRow),
  },
  {
    method: 'get',
    path: '/v1/export/sessions',
    operationId: 'exportSessions',
    summary: `Stream every session started in [from, to) for the warehouse, in \`(created_at, id)\` order: ${NOTE}`,
    scope: 'admin',
    query: ExportQuery,
    status: 200,
    response: ExportSessionRow,
    responseMediaTypes: media(ExportSessionRow),
  },
] as const;
