// scripts/pnpm.mjs, the one way this repo runs pnpm: once pnpm is on the machine, no pnpm command
// asks the registry for pnpm itself (with a `packageManager` pin pnpm 12 resolves its build for
// every platform on each command, and this registry answers some of them 404); and a pnpm that
// cannot be obtained fails with a clear error after its retries, leaving no half-installed copy.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { root, userEnv } from './support.js';

const exec = promisify(execFile);
const pnpmScript = join(root, 'scripts/pnpm.mjs');
// Nothing listens on port 9 of the loopback: every registry request fails at once.
const noRegistry = {
  npm_config_registry: 'http://127.0.0.1:9/',
  pnpm_config_registry: 'http://127.0.0.1:9/',
  npm_config_fetch_retries: '0',
};

test('pnpm runs workspace commands with the registry unreachable', async () => {
  await exec(process.execPath, [pnpmScript, '--version'], { cwd: root, env: userEnv() }); // on the machine
  const { stdout } = await exec(
    process.execPath,
    [pnpmScript, '--filter', './demo', 'exec', 'node', '-p', '"ok"'],
    {
      cwd: root,
      env: userEnv(noRegistry),
      timeout: 60_000,
    },
  );
  expect(stdout.trim()).toBe('ok');
  const version = await exec(process.execPath, [pnpmScript, '--version'], {
    cwd: root,
    env: userEnv(noRegistry),
  });
  expect(version.stdout.trim()).toBe('12.21.0');
});

test('a pnpm that cannot be installed fails clearly after its retries and leaves nothing half-done', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'inflow-pnpm-cache-'));
  const npmCache = mkdtempSync(join(tmpdir(), 'inflow-npm-cache-')); // npm would install from its cache
  try {
    const home = join(cache, 'pnpm');
    const failed = await exec(process.execPath, [pnpmScript, '--version'], {
      cwd: root,
      env: userEnv({ ...noRegistry, INFLOW_PNPM_HOME: home, npm_config_cache: npmCache }),
      timeout: 120_000,
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(
      /attempt 4\/5[\s\S]*could not install pnpm 12\.21\.0 into .* after 5 attempts/,
    );
    expect(readdirSync(cache)).toEqual([]);
  } finally {
    rmSync(cache, { recursive: true, force: true });
    rmSync(npmCache, { recursive: true, force: true });
  }
}, 180_000);
