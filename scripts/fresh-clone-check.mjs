// Measures the README's first hour on this machine: N fresh `git clone`s of the committed repo,
// each running `npm start` with only Node and npm on PATH until the demo is served (then Ctrl-C),
// and with --test also `npm test`. Each run gets its own empty pnpm cache (INFLOW_PNPM_HOME), as
// on a new machine; the npm cache and pnpm's package store are the machine's (as for any user).
//   node scripts/fresh-clone-check.mjs [--runs 10] [--test] [--source <git url or path>] [--out results.jsonl]
// Prints one JSON line per run and a summary; exits 1 if any run failed. See docs/contributing.md.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    test: { type: 'boolean', default: false },
    source: { type: 'string', default: fileURLToPath(new URL('..', import.meta.url)) },
    out: { type: 'string' },
  },
});
const START_TIMEOUT_MS = 20 * 60_000;
const TEST_TIMEOUT_MS = 90 * 60_000;

/** node, npm, npx and /usr/bin:/bin: what a machine with only Node and npm has (no pnpm). */
function nodeOnlyPath(dir) {
  mkdirSync(dir, { recursive: true });
  for (const name of ['node', 'npm', 'npx'])
    symlinkSync(join(dirname(process.execPath), name), join(dir, name));
  return `${dir}:/usr/bin:/bin`;
}

// Stopped with Ctrl-C or kill: take the running clone's process group down too.
let current;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    if (current) {
      try {
        process.kill(-current.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    process.exit(130);
  });

/** Runs `npm <args>` in its own process group; `until(output)` true → success, then the group is stopped. */
function npm(args, { cwd, env, timeoutMs, until, log }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    let output = '';
    let verdict;
    const stop = (result) => {
      verdict ??= result;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => stop({ ok: false, why: `timeout after ${timeoutMs / 1000}s` }), timeoutMs);
    const onData = async (chunk) => {
      output += chunk;
      appendFileSync(log, chunk);
      if (until && !verdict) {
        const served = await until(output);
        if (served) stop({ ok: true, ...served });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // 'close', not 'exit': output still in the pipes arrives after npm exits, and the run's
    // directory (its output.log) is removed once this resolves.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const result =
        verdict ?? (code === 0 && !until ? { ok: true } : { ok: false, why: `exit ${code ?? signal}` });
      resolve({ ...result, seconds, ...(result.ok ? {} : { tail: output.slice(-1500) }) });
    });
  });
}

/** The demo is served: the service printed its URL, /healthz is ok and the demo page has a launcher. */
async function demoServed(output) {
  const url = /Inflow service listening on (http:\/\/\S+)/.exec(output)?.[1];
  if (!url) return undefined;
  const health = await fetch(`${url}/healthz`).then(
    (r) => r.status,
    () => 0,
  );
  const page = await fetch(`${url}/`).then(
    (r) => r.text(),
    () => '',
  );
  return health === 200 && page.includes('<inflow-launcher') ? { url } : undefined;
}

const runs = Number.parseInt(values.runs, 10);
const results = [];
for (let i = 1; i <= runs; i++) {
  const work = mkdtempSync(join(tmpdir(), `inflow-fresh-${i}-`));
  const repo = join(work, 'repo');
  const log = join(work, 'output.log');
  writeFileSync(log, '');
  const started = Date.now();
  const clone = spawnSync('git', ['clone', '--quiet', values.source, repo], { encoding: 'utf8' });
  const result = {
    run: i,
    commit: spawnSync('git', ['-C', repo, 'rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
    }).stdout.trim(),
  };
  if (clone.status !== 0) {
    result.clone = { ok: false, why: clone.stderr.trim() };
  } else {
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_)/i.test(k))),
      PATH: nodeOnlyPath(join(work, 'bin')),
      INFLOW_PNPM_HOME: join(work, 'pnpm'),
      PORT: '0',
      INFLOW_DATA_DIR: join(work, 'data'),
      // As the project's CI runs it: tools colour their output when CI is set, even into a pipe.
      CI: '1',
    };
    result.start = await npm(['start'], {
      cwd: repo,
      env,
      timeoutMs: START_TIMEOUT_MS,
      until: demoServed,
      log,
    });
    if (values.test) result.test = await npm(['test'], { cwd: repo, env, timeoutMs: TEST_TIMEOUT_MS, log });
  }
  result.ok = [result.clone, result.start, result.test].every((step) => step === undefined || step.ok);
  result.seconds = Math.round((Date.now() - started) / 1000);
  if (result.ok) rmSync(work, { recursive: true, force: true });
  else result.kept = work; // the clone and its output.log, to read what failed
  results.push(result);
  const line = JSON.stringify(result);
  console.log(line);
  if (values.out) appendFileSync(values.out, `${line}\n`);
}

const median = (xs) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] : undefined;
const summary = {
  runs: results.length,
  passed: results.filter((r) => r.ok).length,
  startSecondsMedian: median(results.filter((r) => r.start?.ok).map((r) => r.start.seconds)),
  startSecondsMax: Math.max(...results.filter((r) => r.start?.ok).map((r) => r.start.seconds)),
  ...(values.test
    ? { testSecondsMedian: median(results.filter((r) => r.test?.ok).map((r) => r.test.seconds)) }
    : {}),
};
console.log(JSON.stringify({ summary }));
if (values.out) appendFileSync(values.out, `${JSON.stringify({ summary })}\n`);
process.exit(summary.passed === summary.runs ? 0 : 1);
