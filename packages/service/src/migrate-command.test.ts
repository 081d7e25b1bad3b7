// `inflow migrate` as its own command, and `inflow serve --no-migrate` for deployments that
// migrate once: it applies nothing and refuses to start on a schema that is behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MIGRATIONS } from './store/migrations/index.js';
import { runInflow, serveInflow } from './test/cli-child.js';
import { startPostgres, type PostgresServer } from './test/postgres.js';

let pgServer: PostgresServer | undefined;
let pgSkip = 'no storage';
const dir = mkdtempSync(join(tmpdir(), 'inflow-migrate-'));

beforeAll(async () => {
  const started = await startPostgres();
  if ('skip' in started) {
    pgSkip = started.skip;
    console.warn(`[migrate command] PostgreSQL test skipped: ${pgSkip}`);
  } else pgServer = started;
});
afterAll(async () => {
  await pgServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('serve --no-migrate refuses an empty data directory; migrate applies all, then nothing; serve --no-migrate then starts', async () => {
  const dataDir = join(dir, 'data');
  const refused = await runInflow(['serve', '--port', '0', '--no-migrate', '--data-dir', dataDir]);
  expect(refused.code, refused.stdout).toBe(1);
  expect(refused.stderr).toMatch(
    /schema of .* is behind .*not applied \(001_core.*Run `inflow migrate` first/s,
  );

  const first = await runInflow(['migrate', '--data-dir', dataDir]);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain(`applied ${MIGRATIONS.map((m) => m.id).join(', ')}`);
  const again = await runInflow(['migrate', '--data-dir', dataDir]);
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).toMatch(/is up to date/);

  const served = await serveInflow(['--no-migrate', '--data-dir', dataDir]);
  try {
    expect((await fetch(`${served.url}/readyz`)).status).toBe(200);
  } finally {
    expect((await served.stop()).code).toBe(0);
  }
}, 180_000); // four CLI processes, each opening PGlite: minutes on a loaded 2-core machine

test('three `inflow migrate` at once on one empty PostgreSQL database all succeed, one applies', async (ctx) => {
  if (!pgServer) return ctx.skip(pgSkip);
  const url = await pgServer.createDatabase(`migrate_cli_${Date.now()}`);
  const runs = await Promise.all([1, 2, 3].map(() => runInflow(['migrate'], { DATABASE_URL: url })));
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
  expect(runs.filter((r) => r.stdout.includes('applied ')).length).toBe(1);
  expect(runs.filter((r) => r.stdout.includes('is up to date')).length).toBe(2);
}, 180_000);
