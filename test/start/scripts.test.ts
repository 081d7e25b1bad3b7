// The README's other scripts, run as `npm run …` with only Node and npm on PATH (no pnpm): each
// gets past the point where it used to need a global pnpm and does its job on a small input.
// `npm start` is test/start/start.test.ts; `bench` and `demo:static` share its install and build
// steps (docs/contributing.md).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { npmRun, userEnv } from './support.js';

const scratch = mkdtempSync(join(tmpdir(), 'inflow-scripts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function npmRunOk(args: string[], extra: Record<string, string> = {}) {
  const script = npmRun(args, userEnv(extra));
  const { code } = await script.exited;
  expect(code, `npm ${args.join(' ')}:\n${script.output().slice(-3000)}`).toBe(0);
  return script.output();
}

test('npm run build and typecheck (one package) need no pnpm on PATH', async () => {
  expect(await npmRunOk(['run', 'build', '--', '--filter', '@inflow/contract'])).toMatch(/✔ build packages/);
  expect(await npmRunOk(['run', 'typecheck', '--', '--filter', '@inflow/contract'])).toMatch(/✔ typecheck/);
}, 300_000);

test('npm run lint lints the given files', async () => {
  await npmRunOk(['run', 'lint', '--', 'scripts/pnpm.mjs', 'scripts/inflow.mjs']);
}, 120_000);

test('npm run format formats the given file', async () => {
  const file = join(scratch, 'messy.mjs');
  writeFileSync(file, 'const a   =  {b:1}\n');
  await npmRunOk(['run', 'format', '--', file]);
  expect(readFileSync(file, 'utf8')).toBe('const a = { b: 1 };\n');
}, 120_000);

test('npm run docs serves the docs site', async () => {
  const docs = npmRun(['run', 'docs', '--', '--port', '0'], userEnv());
  try {
    const url = (await docs.waitFor(/Local:\s+(http:\/\/\S+)/, 120_000))[1]!;
    const shell = await fetch(url);
    expect(shell.status).toBe(200);
    expect(await shell.text()).toContain('id="app"');
    // The page itself, compiled from docs/index.md by VitePress on request.
    const page = await fetch(new URL('index.md', url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Quick start for a vendor');
  } finally {
    docs.stop();
    await docs.exited;
  }
}, 180_000);

test('npm run soak runs a short soak (3 sessions, 15 s: one memory sample; figures not written)', async () => {
  const out = await npmRunOk(['run', 'soak'], { SOAK_SESSIONS: '3', SOAK_SECONDS: '15', SOAK_WRITE: '0' });
  expect(out).toMatch(/verdict \| PASS/);
}, 300_000);
