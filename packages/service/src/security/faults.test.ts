// Fault tests for the service, over real HTTP:
//  - an LLM endpoint that hangs, stalls mid-stream, sends malformed chunks, resets, or errors:
//    the user gets a clear `coach_unavailable` (SSE `error` event or 502), within the engine's
//    time limit, and nothing of the failed turn is stored (no half reply, no counted turn);
//  - PostgreSQL restarted (fast and immediate) in the middle of an event load: the service stays
//    up, answers with stable error codes while the database is away, recovers by itself, and
//    every acknowledged event is stored exactly once;
//  - a PGlite data directory on a read-only disk: a clear startup error, not a hang.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openAiEngine } from '../coach/openai.js';
import { createService, type RunningServer } from '../node.js';
import { client, start, testTenants, token, uuid } from '../test/harness.js';
import { startPostgres, type PostgresServer } from '../test/postgres.js';
import { startFakeLlm, type FakeLlm, type LlmMode } from '../test/fake-llm.js';
import { checkResponse } from '../test/support.js';

function sse(
  text: string,
): { event: string; data: { text?: string; error?: { code: string; message: string } } }[] {
  const out: ReturnType<typeof sse> = [];
  const parser = createParser({
    onEvent: (e) =>
      out.push({
        event: e.event ?? 'message',
        data: JSON.parse(e.data) as ReturnType<typeof sse>[number]['data'],
      }),
  });
  parser.feed(text);
  return out;
}

describe('an LLM endpoint that misbehaves', () => {
  let llm: FakeLlm;
  let server: RunningServer;
  let call: ReturnType<typeof client>;
  let bearer: string;
  const TIME_LIMIT_MS = 1500;

  beforeAll(async () => {
    llm = await startFakeLlm();
    const { tenants } = await testTenants();
    server = await start({
      dataDir: 'memory://',
      tenants,
      coach: openAiEngine({ baseUrl: llm.baseUrl, model: 'fake', timeoutMs: TIME_LIMIT_MS }),
    });
    call = client(server.url);
    bearer = await token({ sub: 'llm-faults' });
  });
  afterAll(async () => {
    await server.close();
    await llm.close();
  });

  async function stored(
    id: string,
  ): Promise<{ user_turns: number; transcript: { role: string; text: string }[] }> {
    const [row] = await server.query<{ user_turns: number; transcript: { role: string; text: string }[] }>(
      'select user_turns, transcript from sessions where id = $1',
      [id],
    );
    return row!;
  }

  const faults: { name: string; mode: LlmMode }[] = [
    { name: 'hangs before answering', mode: { kind: 'hang' } },
    { name: 'stalls mid-stream', mode: { kind: 'stall', deltas: ['I hear', ' you, but'] } },
    { name: 'sends a malformed chunk', mode: { kind: 'malformed', deltas: ['Well,'] } },
    { name: 'resets the connection mid-stream', mode: { kind: 'reset', deltas: ['Sure', ' thing'] } },
    { name: 'answers HTTP 500', mode: { kind: 'status', status: 500 } },
    { name: 'answers HTTP 429', mode: { kind: 'status', status: 429 } },
    { name: 'sends an in-stream error object', mode: { kind: 'error-chunk', deltas: ['Partial'] } },
  ];

  test.each(faults)(
    '$name: streamed turn ends with a clear error event; nothing half-stored; the next turn works',
    async ({ mode }) => {
      const created = await call('POST', '/v1/sessions', {
        token: bearer,
        body: { scenario: 'goal-setting', source: 'embedded' },
      });
      expect(created.status).toBe(201);
      const id = created.json.id as string;
      const before = await stored(id);

      llm.mode = mode;
      const r = await call('POST', `/v1/sessions/${id}/turns`, {
        token: bearer,
        body: { text: 'Can we agree three goals?' },
        headers: { accept: 'text/event-stream' },
      });
      expect(r.status).toBe(200);
      const events = sse(r.text);
      const last = events.at(-1);
      expect(last?.event, r.text).toBe('error');
      expect(last?.data.error?.code).toBe('coach_unavailable');
      expect(events.some((e) => e.event === 'done')).toBe(false);
      expect(r.text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|TypeError|SyntaxError/);
      expect(await stored(id), 'the failed turn left no trace').toEqual(before);

      llm.mode = { kind: 'ok', deltas: ['Three goals', ' sounds fair.'] };
      const ok = await call('POST', `/v1/sessions/${id}/turns`, {
        token: bearer,
        body: { text: 'Can we agree three goals?' },
        headers: { accept: 'text/event-stream' },
      });
      const done = sse(ok.text).at(-1);
      expect(done?.event, ok.text).toBe('done');
      const after = await stored(id);
      expect(after.user_turns).toBe(1);
      expect(after.transcript.map((t) => t.role)).toEqual(['coach', 'user', 'coach']);
      expect(after.transcript[2]!.text).toBe('Three goals sounds fair.');
    },
  );

  test.each(faults)('$name: JSON turn answers 502 coach_unavailable; nothing stored', async ({ mode }) => {
    const created = await call('POST', '/v1/sessions', {
      token: bearer,
      body: { scenario: 'goal-setting', source: 'embedded' },
    });
    const id = created.json.id as string;
    const before = await stored(id);
    llm.mode = mode;
    const res = await fetch(`${server.url}/v1/sessions/${id}/turns`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bearer}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ text: 'Hello' }),
    });
    const { status, code } = await checkResponse(res, 'JSON turn', ['coach_unavailable']);
    expect({ status, code }).toEqual({ status: 502, code: 'coach_unavailable' });
    expect(await stored(id)).toEqual(before);
  });
});

describe('PostgreSQL restarted in the middle of a load', () => {
  let pgServer: PostgresServer | undefined;
  let skip: string | undefined;
  beforeAll(async () => {
    const s = await startPostgres();
    if ('skip' in s) skip = s.skip;
    else pgServer = s;
  });
  afterAll(() => pgServer?.stop());

  test.for(['fast', 'immediate'] as const)(
    '%s restart: the service stays up, errors are clean, it recovers, every acknowledged event is stored once',
    async (mode, ctx) => {
      if (!pgServer) return ctx.skip(skip);
      const { tenants } = await testTenants();
      const server = await start({
        databaseUrl: await pgServer.createDatabase(`restart_${mode}_${Date.now()}`),
        tenants,
      });
      const unhandled: unknown[] = [];
      // The service logs each failed request's stack server-side (console.error): expected here.
      const serverLog = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const onUnhandled = (e: unknown) => unhandled.push(e);
      process.on('uncaughtException', onUnhandled);
      process.on('unhandledRejection', onUnhandled);
      try {
        const bearer = await token({ sub: 'pg-restart', team: 'ops' });
        const acknowledged = new Set<string>();
        const errorCodes = new Map<string, number>();
        let next = 0;
        let stop = false;
        // 8 writers, each posting one new event at a time and retrying it until acknowledged, like
        // the client's outbox does.
        const writer = async () => {
          while (!stop) {
            const id = uuid(1_000_000 + next++);
            for (let attempt = 0; ; attempt++) {
              const res = await fetch(`${server.url}/v1/events`, {
                method: 'POST',
                headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
                body: JSON.stringify({ events: [{ id, name: 'open', at: new Date().toISOString() }] }),
              });
              // During the outage the answer must still be a clean JSON error with a stable code.
              const { status, code } = await checkResponse(res, 'events during restart', [
                'internal',
                'not_ready',
              ]);
              if (status === 202) {
                acknowledged.add(id);
                break;
              }
              errorCodes.set(code!, (errorCodes.get(code!) ?? 0) + 1);
              if (attempt > 200) throw new Error('the service did not recover');
              await new Promise((r) => setTimeout(r, 50));
            }
          }
        };
        const writers = Array.from({ length: 8 }, writer);
        while (acknowledged.size < 50) await new Promise((r) => setTimeout(r, 20));
        await pgServer.restart(mode);
        const atRestart = acknowledged.size;
        while (acknowledged.size < atRestart + 50) await new Promise((r) => setTimeout(r, 20));
        stop = true;
        await Promise.all(writers);

        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        const rows = await server.query<{ id: string; n: string }>(
          "select id::text as id, count(*)::text as n from events where tenant = 'demo' group by id",
        );
        const storedIds = new Set(rows.map((r) => r.id));
        expect(
          rows.filter((r) => r.n !== '1'),
          'stored more than once',
        ).toEqual([]);
        expect(
          [...acknowledged].filter((id) => !storedIds.has(id)),
          'acknowledged but lost',
        ).toEqual([]);
        expect(unhandled, 'the service process saw no uncaught error').toEqual([]);
        console.info(
          `[faults] PostgreSQL ${mode} restart: ${acknowledged.size} events acknowledged, errors during the outage: ${JSON.stringify(Object.fromEntries(errorCodes))}`,
        );
      } finally {
        process.off('uncaughtException', onUnhandled);
        process.off('unhandledRejection', onUnhandled);
        serverLog.mockRestore();
        await server.close();
      }
    },
  );
});

describe('a PGlite data directory on a read-only disk', () => {
  // As root, file permissions do not stop writes, so the disk itself is made read-only: a tmpfs
  // mounted here, written once, then remounted read-only (needs CAP_SYS_ADMIN, which root has in
  // this container). As a non-root user, a directory without write permission is equivalent.
  let dir: string;
  let mounted = false;
  let skip: string | undefined;
  const asRoot = process.getuid?.() === 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'inflow-ro-'));
    if (asRoot) {
      const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir], { encoding: 'utf8' });
      if (m.status !== 0) {
        skip = `cannot mount a tmpfs as root here: ${m.stderr.trim()}`;
        return;
      }
      mounted = true;
    }
    // A directory with data from an earlier run, and one that never held any.
    const { tenants } = await testTenants();
    const first = await createService({ dataDir: join(dir, 'existing'), tenants, log: () => undefined });
    await first.store.insertEvents({ tenant: 'demo', user: 'u', team: null }, [
      { id: uuid(1), name: 'open', at: new Date().toISOString() },
    ]);
    await first.close();
    mkdirSync(join(dir, 'empty'));
    if (mounted) {
      const r = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`remount ro failed: ${r.stderr}`);
    } else spawnSync('chmod', ['-R', 'a-w', dir]);
  });
  afterAll(() => {
    if (mounted) spawnSync('umount', [dir]);
    else spawnSync('chmod', ['-R', 'u+w', dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  test.for(['existing', 'empty'])(
    '%s data directory: startup fails with a clear error (bounded by the open timeout), not a hang',
    async (name, ctx) => {
      if (skip) return ctx.skip(skip);
      const { tenants } = await testTenants();
      const error = await createService({
        dataDir: join(dir, name),
        tenants,
        log: () => undefined,
        openTimeoutMs: 20_000,
      }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error, 'the service must refuse to start').toBeInstanceOf(Error);
      expect(error!.message).toMatch(/read-only|EROFS|EACCES|permission/i);
      console.info(`[faults] read-only ${name} data directory → ${error!.message}`);
    },
  );
});
