// The published OpenAPI document is valid OpenAPI 3.1 and lists exactly the routes the service
// serves: a route added to the app without the contract (or the reverse) fails here.
import SwaggerParser from '@apidevtools/swagger-parser';
import { buildOpenApiDocument, ROUTES } from '@inflow/contract/openapi';
import { describe, expect, test } from 'vitest';
import { createApp } from './app.js';
import { scriptedEngine } from './coach/scripted.js';
import { openMemoryDb } from './store/pglite.js';
import { DEMO_TENANT, tenantRegistry } from './tenants.js';

/** Routes that are deliberately not part of the API document, and why. */
const NOT_API = new Map([['get /docs', 'the human-readable reference page of the document itself']]);

describe('OpenAPI document', () => {
  test('validates as OpenAPI 3.1', async () => {
    const doc = buildOpenApiDocument('http://127.0.0.1:8787');
    // validate() dereferences in place; give it a copy.
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    expect((api as { openapi: string }).openapi).toBe('3.1.0');
  });

  test('the validator does catch a broken document', async () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses?: unknown }>> };
    doc.paths['/v1/sessions']!.post!.responses = {
      '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Missing' } } } },
    };
    await expect(SwaggerParser.validate(doc as never)).rejects.toThrow();
  });

  test('the demo-mode token route is documented, tagged demo-only, with its body and reply', () => {
    type Json = { schema: { properties?: Record<string, unknown>; required?: string[] } };
    type Operation = {
      tags?: string[];
      requestBody: { required: boolean; content: Record<string, Json> };
      responses: Record<string, { content?: Record<string, Json> }>;
    };
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, Operation>> };
    const op = doc.paths['/demo/token']!.post!;
    expect(op.tags).toEqual(['demo-only']);
    expect(op.requestBody.required).toBe(false);
    expect(Object.keys(op.requestBody.content['application/json']!.schema.properties!)).toEqual([
      'user',
      'team',
      'scope',
    ]);
    expect(op.responses['200']!.content!['application/json']!.schema.required).toEqual([
      'token',
      'expiresAt',
    ]);
    expect(op.responses['422']).toBeDefined();
  });

  test('every route the app serves is in the document, and nothing else', async () => {
    const db = await openMemoryDb();
    const app = createApp({
      db,
      tenants: tenantRegistry([DEMO_TENANT]),
      coach: scriptedEngine(),
      demo: true,
    });
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const inDoc = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)),
    );
    expect(
      [...served].filter((r) => !documented.has(r) && !NOT_API.has(r)),
      'served but missing from the OpenAPI document',
    ).toEqual([]);
    expect(
      [...documented].filter((r) => !served.has(r)),
      'documented but not served',
    ).toEqual([]);
    expect([...inDoc].sort()).toEqual([...documented].sort());
    await db.close();
  });
});
