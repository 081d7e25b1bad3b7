// The request log of the runtime-neutral app through the real pino logger: a client error is one
// line with its code and no stack; a server error is one line with the stack in `err`; a coach
// that fails mid-stream is one line with the stream's error code and the cause's stack; a driver
// error's row details never reach the line.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../app.js';
import type { CoachEngine } from '../coach/playable.js';
import { scriptedEngine } from '../coach/scripted.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { openMemoryDb } from '../store/pglite.js';
import { DEMO_TENANT, tenantRegistry } from '../tenants.js';
import { token } from '../test/harness.js';
import { pinoLogger } from './pino.js';
import { requestIdOf } from './request-id.js';

let db: Db;
beforeAll(async () => {
  db = await openMemoryDb();
  await migrate(db, MIGRATIONS);
});
afterAll(() => db.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Line = Record<string, any>;

function appWith(over: { db?: Db; coach?: CoachEngine } = {}) {
  const lines: Line[] = [];
  const app = createApp({
    db: over.db ?? db,
    tenants: tenantRegistry([DEMO_TENANT]),
    coach: over.coach ?? scriptedEngine(),
    rateLimit: false,
    logger: pinoLogger({ write: (l) => lines.push(JSON.parse(l) as Line) }),
  });
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await app.request(path, init);
    // A stream's line is written once it has been read to its end.
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  return { lines, call };
}

const json = async (body: unknown, accept = 'application/json'): Promise<RequestInit> => ({
  method: 'POST',
  headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json', accept },
  body: JSON.stringify(body),
});

test('a client error: one info line with its code, no stack', async () => {
  const { lines, call } = appWith();
  const res = await call('/v1/sessions', await json({ scenario: 'nope', source: 'embedded' }));
  expect(res.status).toBe(422);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    level: 30,
    status: 422,
    code: 'validation_failed',
    route: '/v1/sessions',
  });
  expect(lines[0]!.err).toBeUndefined();
  expect(res.headers.get('x-request-id')).toBe(lines[0]!.reqId);
});

test('a server error: exactly one error line with the stack, without the driver error details', async () => {
  const failing = Object.assign(new Error('relation "sessions" does not exist'), {
    code: '42P01',
    detail: 'Key (text)=(the secret row) already exists.',
  });
  // Every path to storage fails: a session's write runs in a transaction (docs/integrations.md).
  const { lines, call } = appWith({
    db: { ...db, query: () => Promise.reject(failing), transaction: () => Promise.reject(failing) },
  });
  const res = await call('/v1/sessions', await json({ scenario: 'goal-setting', source: 'embedded' }));
  expect(res.status).toBe(500);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: 50, status: 500, code: 'internal', route: '/v1/sessions' });
  expect(lines[0]!.err).toMatchObject({
    type: 'Error',
    code: '42P01',
    message: 'relation "sessions" does not exist',
  });
  expect(lines[0]!.err.stack).toMatch(/\n\s+at /);
  expect(JSON.stringify(lines)).not.toContain('the secret row');
});

test('a coach failing mid-stream and in JSON: one line each, with the cause and the answered code', async () => {
  const scripted = scriptedEngine();
  const coach: CoachEngine = {
    ...scripted,
    opening: (s, ctx) => scripted.opening(s, ctx),
    feedback: (...a) => scripted.feedback(...a),
    // eslint-disable-next-line require-yield
    async *reply() {
      throw new Error('model endpoint reset the connection');
    },
  };
  const { lines, call } = appWith({ coach });
  const session = await call('/v1/sessions', await json({ scenario: 'goal-setting', source: 'embedded' }));
  expect(session.status).toBe(201);
  const id = (JSON.parse(session.text) as { id: string }).id;
  lines.length = 0;

  const streamed = await call(`/v1/sessions/${id}/turns`, await json({ text: 'Hello' }, 'text/event-stream'));
  expect(streamed.status).toBe(200);
  expect(streamed.text).toMatch(/event: error\ndata: .*coach_unavailable/);
  const asJson = await call(`/v1/sessions/${id}/turns`, await json({ text: 'Hello' }));
  expect(asJson.status).toBe(502);

  expect(lines).toHaveLength(2);
  for (const [line, status] of [
    [lines[0]!, 200],
    [lines[1]!, 502],
  ] as const) {
    expect(line).toMatchObject({
      level: 50,
      status,
      code: 'coach_unavailable',
      route: '/v1/sessions/:id/turns',
    });
    expect(line.err).toMatchObject({ message: 'model endpoint reset the connection' });
    expect(line.err.stack).toMatch(/\n\s+at /);
  }
});

test('request ids: a sane incoming one is kept, anything else is replaced by a UUID', () => {
  expect(requestIdOf('lb-7f3a.trace:42')).toBe('lb-7f3a.trace:42');
  for (const bad of ['', 'x'.repeat(65), 'a b', 'a\nb', '{"level":60}', 'ünïcode'])
    expect(requestIdOf(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(requestIdOf(undefined)).not.toBe(requestIdOf(undefined));
});
