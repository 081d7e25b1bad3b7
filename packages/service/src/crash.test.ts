// Durability and crash safety on PGlite (docs/design.md §7): data survives a restart; a service killed
// with SIGKILL restarts on the same data directory and has every acknowledged (202) event; a
// clean SIGTERM releases the directory; a second service is refused; opening is bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createService } from './node.js';
import { OpenTimeoutError } from './store/open-node.js';
import { client, start, testTenants, token, uuid } from './test/harness.js';

const repoRoot = new URL('../../../', import.meta.url).pathname;
const cli = new URL('./cli.ts', import.meta.url).pathname;
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'inflow-crash-'));
  dirs.push(d);
  return d;
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Runs `inflow serve` from source in a child process, as an operator would run the CLI. */
async function serveChild(dataDir: string): Promise<{
  child: ChildProcess;
  url: string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', cli, 'serve', '--port', '0', '--data-dir', dataDir],
    {
      cwd: repoRoot,
      env: { ...process.env, INFLOW_TENANTS: '', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    void exited.then(() => reject(new Error(`service exited before listening:\n${out}`)));
  });
  return { child, url, exited };
}

const events = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: uuid(from + i),
    name: 'open',
    at: new Date().toISOString(),
    source: 'embedded',
  }));

describe('PGlite data directory', () => {
  test('sessions and events survive a clean restart', async () => {
    const dataDir = tempDir();
    const { tenants } = await testTenants();
    const t = await token();
    let server = await start({ dataDir, tenants });
    let call = client(server.url);
    expect((await call('POST', '/v1/events', { token: t, body: { events: events(1, 3) } })).json).toEqual({
      accepted: 3,
      duplicates: 0,
    });
    const session = await call('POST', '/v1/sessions', {
      token: t,
      body: { scenario: 'goal-setting', source: 'embedded' },
    });
    await server.close();

    server = await start({ dataDir, tenants });
    call = client(server.url);
    // The same ids again are recognised as duplicates: the dedupe state survived too.
    expect((await call('POST', '/v1/events', { token: t, body: { events: events(1, 3) } })).json).toEqual({
      accepted: 0,
      duplicates: 3,
    });
    const turn = await call('POST', `/v1/sessions/${session.json.id}/turns`, {
      token: t,
      body: { text: 'What would you like to work on?' },
      headers: { accept: 'application/json' },
    });
    expect(turn.status).toBe(200);
    await server.close();
  });

  test('SIGKILL, then restart on the same directory: every acknowledged event is there', async () => {
    const dataDir = tempDir();
    const t = await token();
    const first = await serveChild(dataDir);
    const call = client(first.url);
    let acknowledged = 0;
    for (let batch = 0; batch < 5; batch++) {
      const r = await call('POST', '/v1/events', {
        token: t,
        body: { events: events(1000 + batch * 100, 50) },
      });
      expect(r.status).toBe(202);
      acknowledged += r.json.accepted as number;
    }
    // While it runs, nobody else may open the directory.
    await expect(createService({ dataDir, log: () => undefined })).rejects.toThrow(
      /in use by another Inflow service/,
    );

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // The unclean stop left its traces behind.
    expect(existsSync(join(dataDir, 'inflow.lock'))).toBe(true);

    const logs: string[] = [];
    const service = await createService({ dataDir, openTimeoutMs: 60_000, log: (m) => logs.push(m) });
    try {
      expect(logs.join('\n')).toMatch(/did not stop cleanly/);
      const rows = await service.query<{ n: number }>(
        `select count(*)::int as n from events where tenant = 'demo'`,
      );
      expect(rows[0]!.n).toBe(acknowledged);
      expect(acknowledged).toBe(250);
    } finally {
      await service.close();
    }
    expect(existsSync(join(dataDir, 'inflow.lock'))).toBe(false);
  });

  test('SIGTERM closes cleanly: exit 0, lock released, data intact', async () => {
    const dataDir = tempDir();
    const t = await token();
    const s = await serveChild(dataDir);
    expect(
      (await client(s.url)('POST', '/v1/events', { token: t, body: { events: events(5000, 2) } })).status,
    ).toBe(202);
    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dataDir, 'inflow.lock'))).toBe(false);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    const logs: string[] = [];
    const service = await createService({ dataDir, log: (m) => logs.push(m) });
    expect(logs.join('\n')).not.toMatch(/did not stop cleanly/);
    expect((await service.query<{ n: number }>(`select count(*)::int as n from events`))[0]!.n).toBe(2);
    await service.close();
  });

  test('the lock names a process, not just a pid: a reused pid or a garbled lock is stale, a live owner is not', async () => {
    const dataDir = tempDir();
    const lock = join(dataDir, 'inflow.lock');
    const open = async () => {
      const logs: string[] = [];
      const s = await createService({ dataDir, log: (m) => logs.push(m) });
      await s.close();
      return logs.join('\n');
    };
    await open(); // initialise the directory
    // pid 1 is alive (in a container it is the service itself in every incarnation), but it is
    // not the process that wrote this lock: its start time differs.
    writeFileSync(lock, JSON.stringify({ pid: 1, start: '1' }));
    expect(await open()).toMatch(/did not stop cleanly/);
    writeFileSync(lock, '{"pid": 12');
    expect(await open()).toMatch(/did not stop cleanly/);
    // A live process with the recorded start time owns the directory: refused.
    const holder = spawn('sleep', ['60']);
    children.push(holder);
    await new Promise((r) => holder.once('spawn', r));
    const stat = readFileSync(`/proc/${holder.pid}/stat`, 'utf8');
    writeFileSync(
      lock,
      JSON.stringify({ pid: holder.pid, start: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] }),
    );
    await expect(createService({ dataDir, log: () => undefined })).rejects.toThrow(
      `in use by another Inflow service (pid ${holder.pid})`,
    );
  });

  test('a damaged directory fails to start with a message that says what to do', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'pg'));
    writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), 'not a version\n');
    await expect(createService({ dataDir, log: () => undefined })).rejects.toThrow(
      /could not open .*move the directory aside/s,
    );
    expect(existsSync(join(dataDir, 'inflow.lock'))).toBe(false);
  });

  test('opening is bounded: a directory that does not open in time fails with a clear error', async () => {
    const dataDir = tempDir();
    const error = await createService({ dataDir, openTimeoutMs: 1, log: () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenTimeoutError);
    expect((error as Error).message).toMatch(/did not open .* within 1 ms.*move the directory aside/s);
    // The failed start released the directory, and the late open is closed rather than left running.
    expect(existsSync(join(dataDir, 'inflow.lock'))).toBe(false);
    await (error as OpenTimeoutError).abandoned;
  });
});
