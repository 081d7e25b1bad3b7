// `npm run bench` (after install + build): runs every benchmark in its own Node process, one after
// the other (they would disturb each other's figures if run together), and writes
// docs/benchmarks.md with the machine, the date, the load average, each figure's median over its
// runs, its ratio to the peer or baseline measured in the same run, and the budgets of
// docs/design.md §8 (bench/budgets.mjs) it meets or misses.
// BENCH_QUICK=1: small sizes and few runs (development; the document says so).
// BENCH_ONLY=bundle,host-page,…: run a subset (the document then lists the rest as not run);
// optional benches (export) run only when named there.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release, platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { ACTIVATION_EVENTS } from './budgets.mjs';
import { renderReport } from './report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.env.BENCH_QUICK === '1';
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const TSX = ['--conditions=source', '--import', 'tsx'];

/** Each bench, its command and an upper bound on its time (a hung browser must not hang the run). */
const BENCHES = [
  { id: 'bundle', args: [...TSX, 'bench/bundle.ts'], timeoutS: 120 },
  { id: 'host-page', args: [...TSX, 'bench/host-page.ts'], timeoutS: 300 },
  { id: 'practice', args: [...TSX, 'bench/practice.ts'], timeoutS: 300 },
  { id: 'outbox', args: [...TSX, 'bench/outbox.ts'], timeoutS: 240 },
  { id: 'load', args: [...TSX, 'bench/load.ts'], timeoutS: 600 },
  { id: 'judge', args: [...TSX, 'bench/judge.ts'], timeoutS: 300 },
  // Includes one run of the quadratic baseline per hostile input, each cut off at 300 s.
  { id: 'markdown', args: [...TSX, 'bench/markdown.ts'], timeoutS: 900 },
  // The seeded demo company scaled to ≥ 1M events (packages/service/bench/activation.ts), on
  // in-memory PGlite and on a throw-away PostgreSQL.
  activationBench('activation', []),
  activationBench('activation-pg', ['--postgres']),
  // Voice: end of speech → transcript, reply → speech start (issue 20).
  { id: 'voice', args: [...TSX, 'bench/voice.ts'], timeoutS: 300 },
  // Deliveries per second with 1 and 2 service processes, ingest while delivering (issue 19).
  {
    id: 'outbound',
    args: [
      ...TSX,
      'packages/service/bench/outbound.ts',
      '--jobs',
      QUICK ? '2000' : '10000',
      '--runs',
      QUICK ? '1' : '3',
    ],
    timeoutS: 900,
  },
  // Optional, run only when BENCH_ONLY names it: the warehouse export's memory at 1 M and 10 M
  // rows (filling 10 M rows takes minutes); figures in docs/activation.md, Export.
  { id: 'export', args: ['--expose-gc', ...TSX, 'bench/export.ts'], timeoutS: 3600, optional: true },
];

function activationBench(id, extra) {
  return {
    id,
    args: [
      ...TSX,
      'packages/service/bench/activation.ts',
      '--events',
      QUICK ? '50000' : String(ACTIVATION_EVENTS),
      '--runs',
      QUICK ? '1' : '3',
      ...extra,
    ],
    timeoutS: 600,
    parse: (out) => {
      const line = out
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('{"bench":"activation"'));
      const load = out.split('\n').find((l) => l.startsWith('{"step":"load"'));
      return line ? { ...JSON.parse(line), load: load ? JSON.parse(load) : undefined } : undefined;
    },
  };
}

function runBench(bench) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n[bench] ▶ ${bench.id}`);
    const child = spawn(process.execPath, bench.args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      // Progress lines to the console; the RESULT line is for us.
      for (const line of d.toString().split('\n'))
        if (line && !line.startsWith('RESULT ')) process.stdout.write(`  ${line.slice(0, 300)}\n`);
    });
    child.stderr.on('data', (d) => {
      err += d;
      for (const line of d.toString().split('\n')) {
        // Chromium's dbus complaints on a headless box are noise.
        if (line && !/dbus|^\[pid=/.test(line)) process.stderr.write(`  ${line.slice(0, 300)}\n`);
      }
    });
    const timer = setTimeout(() => {
      err += `\ntimed out after ${bench.timeoutS} s`;
      try {
        process.kill(-child.pid, 'SIGKILL'); // its whole group: Chromium, servers
      } catch {
        /* gone */
      }
    }, bench.timeoutS * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const seconds = Math.round((Date.now() - started) / 1000);
      let value;
      try {
        value = bench.parse
          ? bench.parse(out)
          : JSON.parse(
              out
                .split('\n')
                .reverse()
                .find((l) => l.startsWith('RESULT '))
                .slice('RESULT '.length),
            );
      } catch {
        value = undefined;
      }
      if (code !== 0 || !value) {
        const why = err
          .trim()
          .split('\n')
          .filter((l) => !/dbus|^\[pid=|^\s+at /.test(l))
          .slice(-4)
          .join(' ')
          .slice(0, 400);
        console.error(`[bench] ✖ ${bench.id} failed (exit ${code}) after ${seconds}s: ${why}`);
        resolve({ ok: false, seconds, error: why || `exit ${code}` });
      } else {
        console.log(`[bench] ✔ ${bench.id} (${seconds}s)`);
        resolve({ ok: true, seconds, value });
      }
    });
  });
}

const version = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n')[0] : undefined;
};
const machine = {
  cpu: `${cpus()[0]?.model ?? 'unknown CPU'}`,
  cores: cpus().length,
  memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  os: `${platform()} ${release()}`,
  node: process.version,
  chromium: version(CHROMIUM_PATH, ['--version']) ?? 'not found',
  postgres: version('/usr/lib/postgresql/15/bin/postgres', ['--version']) ?? 'not found',
};
/**
 * Seconds since the parent process started: under `npm run bench` that is scripts/inflow.mjs, so
 * this is the whole command (install + build + benchmarks). Linux /proc only; else undefined.
 */
function parentSeconds() {
  try {
    if (!/inflow\.mjs/.test(readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8'))) return undefined;
    const fields = readFileSync(`/proc/${process.ppid}/stat`, 'utf8').split(') ')[1].split(' ');
    const startTicks = Number(fields[19]); // field 22 (starttime), counted after "pid (comm) "
    const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return Math.round(uptime - startTicks / hz);
  } catch {
    return undefined;
  }
}

const started = new Date();
const loadStart = loadavg();
const results = {};
for (const bench of BENCHES) {
  if (ONLY ? !ONLY.includes(bench.id) : bench.optional) continue;
  let outcome = await runBench(bench);
  if (!outcome.ok) {
    // One more attempt (a browser or a port can fail on a loaded machine); the page keeps the
    // first failure beside the figures, so a flaky bench is visible rather than hidden.
    const retry = await runBench(bench);
    outcome = retry.ok
      ? { ...retry, seconds: outcome.seconds + retry.seconds, firstError: outcome.error }
      : retry;
  }
  results[bench.id] = outcome;
}
const loadEnd = loadavg();
const seconds = Math.round((Date.now() - started.getTime()) / 1000);
const run = {
  started,
  seconds,
  totalSeconds: parentSeconds(),
  quick: QUICK,
  machine,
  loadStart,
  loadEnd,
  results,
};
// Kept beside the bench (committed with the page) so report.mjs can re-render it; prettier-formatted.
const prettier = await import('prettier');
const options = (await prettier.resolveConfig(`${root}bench/last-run.json`)) ?? {};
writeFileSync(
  `${root}bench/last-run.json`,
  await prettier.format(JSON.stringify(run), { ...options, parser: 'json' }),
);
writeFileSync(`${root}docs/benchmarks.md`, renderReport(run));
console.log(`\n[bench] wrote docs/benchmarks.md (${seconds}s of benchmarks)`);
const failed = Object.entries(results)
  .filter(([, r]) => !r.ok)
  .map(([id]) => id);
if (failed.length) {
  console.error(`[bench] not measured: ${failed.join(', ')}`);
  process.exit(1);
}
