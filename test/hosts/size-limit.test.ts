// The size budgets are enforced, not just printed: size-limit reports every check of
// .size-limit.js with its size, and growing what a check measures by 20 % makes that check fail
// (on a padded copy of the built embed; the real bundle is left alone).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';

const exec = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const cdnDir = join(root, 'packages/elements/dist/cdn');

interface Check {
  name: string;
  size: number;
  sizeLimit: number;
  passed: boolean;
}

/** Runs size-limit on the bundle in `dir`; a failing budget exits non-zero but still prints JSON. */
async function sizeLimit(dir: string): Promise<Check[]> {
  const env = { ...process.env, INFLOW_CDN_DIR: dir };
  const out = await exec(join(root, 'node_modules/.bin/size-limit'), ['--json'], { cwd: root, env }).catch(
    (e: { stdout: string }) => e,
  );
  return JSON.parse(out.stdout) as Check[];
}

let checks: Check[];
let work: string;

beforeAll(async () => {
  if (!existsSync(join(cdnDir, 'meta.json')))
    throw new Error('Build the packages first (npm run build): packages/elements/dist/cdn is missing.');
  checks = await sizeLimit(cdnDir);
  work = await mkdtemp(join(tmpdir(), 'inflow-size-'));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('size-limit reports a size for every budget: the launcher and everything at the design values', () => {
  expect(checks.map((c) => c.name)).toEqual([
    'launcher entry: inflow.js + static chunks (design ≤ 12 kB)',
    'everything the launcher can load (design ≤ 35 kB)',
    '<inflow-nudge> on first sight (guard)',
    '<inflow-activation-report> on first sight (guard)',
    '<inflow-scenario-editor> on first sight (guard)',
    'voice chunk, on the first use of the microphone (≤ 6 kB)',
  ]);
  for (const c of checks) expect(c.size).toBeGreaterThan(1000);
  expect(checks[0]!.sizeLimit).toBe(12_000);
  expect(checks[1]!.sizeLimit).toBe(35_000);
});

// Which file grows for each check: the entry for the launcher budgets, the element's (or the voice) chunk
// for the guards (found by its source module in esbuild's metafile).
async function fileFor(checkIndex: number): Promise<string> {
  if (checkIndex < 2) return 'inflow.js';
  if (checkIndex === 5) return outputFile('dist/practice/voice/index.js');
  return outputFile(
    ['dist/define/nudge.js', 'dist/define/activation-report.js', 'dist/define/scenario-editor.js'][
      checkIndex - 2
    ]!,
  );
}

async function outputFile(source: string): Promise<string> {
  const meta = JSON.parse(await readFile(join(cdnDir, 'meta.json'), 'utf8')) as {
    outputs: Record<string, { entryPoint?: string }>;
  };
  const [file] = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === source)!;
  return file.replace(/^.*?dist\/cdn\//, '');
}

test.each([
  { index: 0, check: 'launcher entry' },
  { index: 1, check: 'everything' },
  { index: 2, check: 'nudge guard' },
  { index: 3, check: 'activation-report guard' },
  { index: 4, check: 'scenario-editor guard' },
])('a deliberate 20 percent growth fails the $check check', async ({ index }) => {
  const before = checks[index]!;
  // A budget that 20 % growth cannot break would be no budget at all.
  expect(before.size * 1.2).toBeGreaterThan(before.sizeLimit);
  const after = await grown(index, 0.2 * before.size);
  expect(after.size).toBeGreaterThanOrEqual(before.size * 1.2);
  expect(after.passed).toBe(false);
});

test('the voice chunk grown past its 6 kB fails its check', async () => {
  const before = checks[5]!;
  const after = await grown(5, before.sizeLimit - before.size + 100);
  expect(after.size).toBeGreaterThan(before.sizeLimit);
  expect(after.passed).toBe(false);
});

/** Check `index` on a copy of the embed whose file for it grew by `bytes` of gzip. */
async function grown(index: number, bytes: number): Promise<Check> {
  const copy = join(work, `cdn-${index}`);
  await cp(cdnDir, copy, { recursive: true });
  const file = join(copy, await fileFor(index));
  // Incompressible padding (random base64 in a comment) until the file's gzip grew by `bytes`.
  const gz = async () => gzipSync(await readFile(file), { level: 9 }).length;
  const start = await gz();
  while ((await gz()) - start < bytes) await appendFile(file, `/*${randomBytes(512).toString('base64')}*/`);
  return (await sizeLimit(copy))[index]!;
}
