// The one place the pnpm version is pinned, and the one way this repo runs pnpm:
//   node scripts/pnpm.mjs <pnpm args…>        (exit code is pnpm's)
//   import { pnpm, pnpmBinary } from './pnpm.mjs'
//
// pnpm 12 is a native binary (`pnpm` on npm, its optionalDependencies `@pnpm/exe.<platform>`).
// It is npm-installed once per machine into a cache directory (INFLOW_PNPM_HOME, default
// ~/.cache/inflow/pnpm-<version>), checked with `--version`, and retried with a back-off when the
// registry fails; later runs start the cached binary and touch no registry for pnpm itself.
//
// Self-management is off: the root package.json has no `packageManager` field and
// pnpm-workspace.yaml says `pmOnFail: ignore`. With a pin, pnpm resolves its own build for every
// platform from the registry on each command (ERR_PNPM_BAD_CONFIG_DEP when one of those answers
// 404), even when the running version already matches. See docs/contributing.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const PNPM_VERSION = '12.21.0';
const ATTEMPTS = 5;

const home =
  process.env.INFLOW_PNPM_HOME ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'inflow', `pnpm-${PNPM_VERSION}`);
const binary = join(home, 'node_modules', '.bin', process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm');

/** The environment pnpm runs in: without npm's `npm_config_*` (pnpm would read them as its own config). */
export function pnpmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
  return { ...env, pnpm_config_pm_on_fail: 'ignore', ...extra };
}

function versionOf(file) {
  if (!existsSync(file)) return undefined;
  // Asked outside any project: a project's own pins must not make `--version` reach the registry.
  const r = spawnSync(file, ['--version'], {
    cwd: dirname(home),
    encoding: 'utf8',
    env: pnpmEnv(),
    timeout: 60_000,
  });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Path of a working pnpm <PNPM_VERSION> binary, installed on first use. Throws after ATTEMPTS failures. */
export function pnpmBinary() {
  if (versionOf(binary) === PNPM_VERSION) return binary;
  mkdirSync(dirname(home), { recursive: true });
  let lastError = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    // Install into a fresh directory, then rename it into place: a half-finished install is never
    // taken for a good one, and two processes installing at once do not corrupt each other.
    const staging = mkdtempSync(`${home}.partial-`);
    const r = spawnSync(
      'npm',
      ['install', `pnpm@${PNPM_VERSION}`, '--prefix', staging, '--no-save', '--no-package-lock'],
      { encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } },
    );
    const installed = join(
      staging,
      'node_modules',
      '.bin',
      process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm',
    );
    const version = r.status === 0 ? versionOf(installed) : undefined;
    if (version === PNPM_VERSION) {
      rmSync(home, { recursive: true, force: true });
      try {
        renameSync(staging, home);
      } catch {
        rmSync(staging, { recursive: true, force: true }); // another process won the race
      }
      if (versionOf(binary) === PNPM_VERSION) return binary;
    } else {
      rmSync(staging, { recursive: true, force: true });
    }
    lastError = r.error?.message ?? `${r.stderr ?? ''}`.trim().split('\n').slice(-5).join('\n');
    lastError ||= `installed pnpm answered --version with ${version ?? 'nothing'}, not ${PNPM_VERSION}`;
    if (attempt < ATTEMPTS) {
      console.error(
        `[pnpm.mjs] getting pnpm ${PNPM_VERSION} failed (attempt ${attempt}/${ATTEMPTS}), retrying:\n${lastError}`,
      );
      sleep(2000 * attempt);
    }
  }
  throw new Error(
    `could not install pnpm ${PNPM_VERSION} into ${home} after ${ATTEMPTS} attempts:\n${lastError}`,
  );
}

/** Runs pnpm synchronously with inherited stdio; returns spawnSync's result. */
export function pnpm(args, options = {}) {
  return spawnSync(pnpmBinary(), args, {
    stdio: 'inherit',
    ...options,
    env: pnpmEnv(options.env),
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let r;
  try {
    r = pnpm(process.argv.slice(2));
  } catch (error) {
    console.error(`[pnpm.mjs] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (r.error) console.error(`[pnpm.mjs] ${r.error.message}`);
  process.exit(r.status ?? 1);
}
