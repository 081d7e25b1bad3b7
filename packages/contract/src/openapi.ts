/**
 * The OpenAPI 3.1 document of API v1, built from the same TypeBox schemas the service
 * validates with, from the operations in routes.ts (re-exported here, the package's
 * `@inflow/contract/openapi` entry).
 */
import type { TSchema } from 'typebox';
import { ROUTES } from './routes.js';
import * as S from './schemas.js';

export { DemoTokenRequest, DemoTokenResponse } from './demo-token.js';
export { ROUTES, type RouteSpec } from './routes.js';

const uuidParam = { type: 'string', format: 'uuid' };

const errorStatuses: Record<string, string> = {
  '400': 'Malformed request',
  '401': 'Missing, invalid or expired token',
  '403': 'Token scope does not allow this',
  '404': 'Not found (or belongs to another tenant)',
  '409': 'Conflict with the current state (e.g. the session is already complete)',
  '413': 'Body too large',
  '415': 'Body is not JSON',
  '422': 'Body failed validation',
  '429': 'Rate limited; see Retry-After',
};

/** Statuses only some routes answer (listed in their `errors`). */
const routeStatuses: Record<string, string> = {
  '502': 'The upstream provider failed, timed out or refused the request',
  '503': 'Not configured on this service',
};

/** Strips TypeBox's `$id`s so schemas inline cleanly in the document. */
function plain(schema: TSchema): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value) => (key === '$id' ? undefined : value));
}

export function buildOpenApiDocument(serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const errorRef = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    const responses: Record<string, unknown> = {
      [String(r.status)]: {
        description: 'OK',
        content: r.responseMediaTypes
          ? Object.fromEntries(
              Object.entries(r.responseMediaTypes).map(([type, schema]) => [
                type,
                { schema: schema ? plain(schema) : { type: 'string' } },
              ]),
            )
          : {
              'application/json': { schema: plain(r.response) },
              ...(r.stream
                ? {
                    'text/event-stream': {
                      schema: {
                        type: 'string',
                        description:
                          'event: delta {text} … event: done {reply,userTurns} | event: error {error}',
                      },
                    },
                  }
                : {}),
            },
      },
    };
    if (r.scope)
      for (const [code, description] of Object.entries(errorStatuses))
        responses[code] = { description, ...errorRef };
    for (const code of r.errors ?? [])
      responses[code] = { description: errorStatuses[code] ?? routeStatuses[code], ...errorRef };
    const parameters: unknown[] = r.path.includes('{id}')
      ? [{ name: 'id', in: 'path', required: true, schema: r.idSchema ? plain(r.idSchema) : uuidParam }]
      : [];
    if (r.query) {
      const q = plain(r.query) as { properties: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties)) {
        parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
      }
    }
    const operation: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.tags ? { tags: r.tags } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.scope ? { security: [{ embedToken: [] }] } : { security: [] }),
      responses,
    };
    if (r.body) {
      const content: Record<string, unknown> = { 'application/json': { schema: plain(r.body) } };
      for (const type of r.bodyMediaTypes ?? []) content[type] = { schema: { type: 'string' } };
      operation.requestBody = { required: !r.bodyOptional, content };
    }
    (paths[r.path] ??= {})[r.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Inflow API',
      version: '1.0.0',
      description:
        'AI practice in the flow of work. Authenticate with a short-lived embed token (JWT) minted by the vendor backend.',
    },
    servers: [{ url: serverUrl }],
    tags: [
      {
        name: 'demo-only',
        description: 'Served only by a service started with `--demo`; not part of a production API',
      },
    ],
    components: {
      securitySchemes: { embedToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: plain(S.ErrorBody) },
    },
    paths,
  };
}
