// The npm packages as vendors get them, packed as published (support/packed.ts): each tarball is
// linted with publint and checked with Are the Types Wrong (ESM-only profile); each holds its
// README and LICENSE, no test helper, no bare import of a package it does not depend on, and no
// source map naming a file outside the package.
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { expect, test } from 'vitest';
import { bin, packed, PACKAGES, packedPackages, root, run, tarballs, version } from './support/packed.js';

packedPackages({ install: false });

test('every tarball is publint-clean and types resolve for ESM consumers (attw)', async () => {
  expect(tarballs.map((t) => t.replace(/.*\//, '')).sort()).toEqual(
    PACKAGES.map((p) => `inflow-${p}-${version(p)}.tgz`).sort(),
  );
  for (const tarball of tarballs) {
    const unpacked = `${tarball}.d`;
    // --strict turns warnings into failures; the exit code is the verdict.
    await run(bin('publint'), [join(unpacked, 'package'), '--pack', 'false', '--strict'], { cwd: root });
    // ESM-only profile: node10 / require() resolution are out of scope for ESM-only packages.
    await run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], { cwd: root });
  }
});

test('every tarball has its README and MIT LICENSE, and no test or test helper', async () => {
  for (const { dir, files, manifest } of await packed()) {
    expect(files, manifest.name).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    expect(manifest.license).toBe('MIT');
    expect(await readFile(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const readme = await readFile(join(dir, 'README.md'), 'utf8');
    expect(readme, `${manifest.name} README: title, install, a use, a link to the docs`).toMatch(
      new RegExp(
        `^# ${manifest.name}[\\s\\S]*npm install (--save-dev )?${manifest.name}[\\s\\S]*\\]\\([^)]*docs/`,
      ),
    );
    const helpers = files.filter(
      (f) =>
        /(^|\/)(test|tests|__tests__|security)\//.test(f) || /\.(test|spec)\.[cm]?[jt]sx?(\.map)?$/.test(f),
    );
    expect(helpers, `${manifest.name} ships test files`).toEqual([]);
  }
});

test('no shipped module imports a package its package.json does not depend on', async () => {
  const builtins = new Set(builtinModules);
  const offenders: string[] = [];
  for (const { dir, files, manifest } of await packed()) {
    const allowed = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
      ...Object.keys(manifest.optionalDependencies ?? {}),
    ]);
    for (const file of files.filter((f) => /\.m?js$/.test(f))) {
      const code = await readFile(join(dir, file), 'utf8');
      for (const [, , specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\s]+)\1/g)) {
        if (/^(\.|\/|node:|data:|https?:)/.test(specifier!) || builtins.has(specifier!)) continue;
        const name = specifier!
          .split('/')
          .slice(0, specifier!.startsWith('@') ? 2 : 1)
          .join('/');
        if (!allowed.has(name)) offenders.push(`${manifest.name}/${file} imports ${specifier}`);
      }
    }
  }
  expect(offenders).toEqual([]);
});

test('source maps name only files inside the package, each shipped or embedded', async () => {
  const offenders: string[] = [];
  let maps = 0;
  for (const { dir, files, manifest } of await packed()) {
    for (const file of files.filter((f) => f.endsWith('.map'))) {
      maps++;
      const map = JSON.parse(await readFile(join(dir, file), 'utf8')) as {
        sources: string[];
        sourceRoot?: string;
        sourcesContent?: (string | null)[];
      };
      map.sources.forEach((source, i) => {
        const path = normalize(join(dirname(file), map.sourceRoot ?? '', source));
        if (path.startsWith('..') || path.startsWith('/'))
          offenders.push(`${manifest.name}/${file}: ${source} is outside`);
        else if (!files.includes(path) && typeof map.sourcesContent?.[i] !== 'string')
          offenders.push(`${manifest.name}/${file}: ${source} is neither shipped nor embedded`);
      });
    }
  }
  expect(maps).toBeGreaterThan(0);
  expect(offenders.slice(0, 20)).toEqual([]);
});

test('the elements tarball ships the manifest, the embed and the framework types, and no tests', async () => {
  const elements = tarballs.find((t) => t.includes('inflow-elements'))!;
  const { stdout } = await run('tar', ['tzf', elements]);
  const files = stdout.split('\n');
  for (const f of [
    'package/custom-elements.json',
    'package/dist/cdn/inflow.js',
    'package/dist/frameworks/react.d.ts',
    'package/dist/define/launcher.js',
  ]) {
    expect(files).toContain(f);
  }
  expect(files.filter((f) => /\.test\.(ts|js)$/.test(f))).toEqual([]);
});
