/**
 * The npm packages as vendors get them (packages-*.test.ts): each workspace package packed the
 * way it is published (`pnpm pack` through scripts/pnpm.mjs: publishConfig.exports without the
 * `source` condition, `workspace:*` → versions) and unpacked; with `install`, all tarballs
 * installed together into an empty folder with npm. `packedPackages()` does it in the calling
 * file's beforeAll and removes it all afterwards.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';

const exec = promisify(execFile);
// Children get the environment without the npm_* variables that `npx vitest` sets: npm and pnpm
// read them as their own configuration.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
export const run = (file: string, args: string[], options: { cwd?: string; timeout?: number } = {}) =>
  exec(file, args, { ...options, env: cleanEnv, maxBuffer: 16 * 1024 * 1024 });
export const root = new URL('../../../', import.meta.url).pathname;
export const bin = (name: string) => join(root, 'node_modules/.bin', name);
export const PACKAGES = ['contract', 'client', 'elements', 'service', 'mocks'];
export const version = (p: string) =>
  (JSON.parse(readFileSync(join(root, 'packages', p, 'package.json'), 'utf8')) as { version: string })
    .version;

let work: string;
export let tarballs: string[];
export let app: string;

/** Packs (and with `install`, installs) every package before the file's tests. */
export function packedPackages({ install }: { install: boolean }): void {
  beforeAll(async () => {
    for (const p of PACKAGES) {
      if (!existsSync(join(root, 'packages', p, 'dist')))
        throw new Error(`Build the packages first (npm run build): packages/${p}/dist is missing.`);
    }
    work = await mkdtemp(join(tmpdir(), 'inflow-pack-'));
    const packs = join(work, 'packs');
    for (const p of PACKAGES) {
      await run(process.execPath, [join(root, 'scripts/pnpm.mjs'), 'pack', '--pack-destination', packs], {
        cwd: join(root, 'packages', p),
      });
    }
    tarballs = (await readdir(packs)).filter((f) => f.endsWith('.tgz')).map((f) => join(packs, f));
    for (const tarball of tarballs) {
      await run('mkdir', ['-p', `${tarball}.d`]);
      await run('tar', ['xzf', tarball, '-C', `${tarball}.d`]);
    }
    if (!install) return;
    app = join(work, 'app');
    await run('mkdir', ['-p', app]);
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'vendor-app', private: true, type: 'module' }),
    );
    // One install for all tarballs, so @inflow/* dependencies resolve to these versions, not the registry.
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
      cwd: app,
      timeout: 300_000,
    });
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });
}

/** Each package as unpacked from its tarball: its folder, its manifest and every file in it. */
export async function packed() {
  return Promise.all(
    tarballs.map(async (tarball) => {
      const dir = join(`${tarball}.d`, 'package');
      const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
        .sort();
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        license: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
        optionalDependencies?: Record<string, string>;
      };
      return { dir, files, manifest };
    }),
  );
}
