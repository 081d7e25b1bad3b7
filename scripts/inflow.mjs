// The README's commands, each self-sufficient on a fresh machine with only Node and npm on PATH
// (pnpm comes from scripts/pnpm.mjs, never from PATH):
//   npm start  → install, build, serve API + demo on one origin (PORT, default 8787; HOST;
//                INFLOW_DATA_DIR, default ./.inflow-data; PORT=0 picks a free port)
//   npm test   → install (Chromium too), build, typecheck, lint, formatting, unit, browser and end-to-end suites
//   npm run bench → benchmarks into docs/benchmarks.md
//   npm run demo:static → install, build, the static demo (no server: @inflow/mocks in the tab) in
//                         demo/dist-static, served by a plain file server (`-- --build-only` to skip)
//   npm run build|typecheck [-- pnpm filters]   → install if needed, then build/typecheck
//   npm run lint|format|format:check|docs|soak|… → install if needed, then the tool (`tool` below)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';
import { pnpm as runPnpm } from './pnpm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Each finished step's wall-clock seconds, for the summary `npm test` prints last (docs/contributing.md). */
const timings = [];

function step(label, start) {
  const started = Date.now();
  console.log(`\n[inflow] ▶ ${label}`);
  let r;
  try {
    r = start();
  } catch (error) {
    r = { error };
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
    console.error(`[inflow] ✖ ${label} failed (${why}) after ${seconds}s`);
    process.exit(r.status || 1);
  }
  console.log(`[inflow] ✔ ${label} (${seconds}s)`);
  timings.push([label, Number(seconds)]);
}
function printTimings() {
  const total = timings.reduce((sum, [, s]) => sum + s, 0);
  console.log('\n[inflow] time per step');
  for (const [label, s] of [...timings, ['total', total]])
    console.log(`[inflow]   ${`${s.toFixed(1)}s`.padStart(8)}  ${label}`);
}
const run = (label, cmd, args, env = {}) =>
  step(label, () => spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } }));
const pnpm = (label, ...args) => step(label, () => runPnpm(args, { cwd: root }));
const bin = (name) => `${root}node_modules/.bin/${name}`;

function install() {
  // pnpm 12's --frozen-lockfile refuses an up-to-date lockfile (pnpm/pnpm#14124), so CI installs
  // normally and then fails if the install had to change pnpm-lock.yaml.
  pnpm('install', 'install');
  if (process.env.CI && existsSync(`${root}.git`)) {
    run('lockfile is in sync with package.json files', 'git', [
      'diff',
      '--exit-code',
      '--stat',
      'pnpm-lock.yaml',
    ]);
  }
}
/** Installs unless node_modules was installed from this very lockfile (pnpm keeps a copy of it). */
function ensureInstalled() {
  const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  const installed = read(`${root}node_modules/.pnpm/lock.yaml`);
  if (installed === undefined || installed !== read(`${root}pnpm-lock.yaml`)) install();
}
function buildPackages(filters = ['--filter', './packages/**']) {
  pnpm('build packages', '-r', ...filters, 'run', 'build');
}
function build() {
  buildPackages();
  pnpm('build demo', '--filter', './demo', 'run', 'build');
  pnpm('build static demo (preview mode)', '--filter', './demo', 'run', 'build:static');
}

/** The service on the demo build, as a child: SIGINT/SIGTERM are passed on so it closes its storage cleanly. */
function serve() {
  const child = spawn(
    process.execPath,
    ['packages/service/dist/cli.js', 'serve', '--static', 'demo/dist', '--demo'],
    {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, PORT: process.env.PORT ?? '8787' },
    },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** `npm run <name> [-- args]`: a dev tool from node_modules/.bin; args replace the default paths. */
const TOOLS = {
  lint: ['eslint', [], ['.']],
  format: ['prettier', ['--write'], ['.']],
  'format:check': ['prettier', ['--check'], ['.']],
  docs: ['vitepress', ['dev', 'docs'], []],
  'docs:build': ['vitepress', ['build', 'docs'], []],
  'test:unit': ['vitest', ['run'], []],
  'test:browser': ['web-test-runner', [], []],
  'test:e2e': ['vitest', ['run', '--config', 'test/vitest.config.ts'], []],
  size: ['size-limit', [], []],
};

const [command, ...rest] = process.argv.slice(2);
if (command === 'start') {
  install();
  build();
  serve();
} else if (command === 'test') {
  const chromium = ensureChromium();
  install();
  build();
  pnpm('typecheck', '-r', 'run', 'typecheck');
  run('lint', bin('eslint'), ['.']);
  run('formatting (prettier --check)', bin('prettier'), ['--check', '.']);
  run('no import cycles, imports follow the package directions', process.execPath, [
    'scripts/check-imports.mjs',
  ]);
  run('element reference in docs matches the manifest', process.execPath, [
    'packages/elements/scripts/docs.mjs',
    '--check',
  ]);
  run('unit and integration tests (Vitest)', bin('vitest'), ['run']);
  run('element tests in Chromium (@web/test-runner)', bin('web-test-runner'), [], { CHROME_PATH: chromium });
  run('end-to-end tests in Chromium', bin('vitest'), ['run', '--config', 'test/vitest.config.ts'], {
    CHROME_PATH: chromium,
  });
  // Size budgets (docs/design.md §8) on the built embed, checked last: a breach must not hide test results.
  run('size budgets (size-limit, .size-limit.js)', bin('size-limit'), []);
  printTimings();
} else if (command === 'demo-static') {
  install();
  build();
  if (!rest.includes('--build-only')) {
    const port = process.env.PORT ?? '8788';
    run('static demo (preview mode, no Inflow server; Ctrl-C to stop)', process.execPath, [
      'scripts/static-server.mjs',
      'demo/dist-static',
      port,
    ]);
  }
} else if (command === 'bench') {
  ensureChromium();
  install();
  build();
  run('benchmarks', process.execPath, ['bench/run.mjs']);
} else if (command === 'build') {
  ensureInstalled();
  buildPackages(rest.length ? rest : undefined);
} else if (command === 'typecheck') {
  ensureInstalled();
  pnpm('typecheck', ...(rest.length ? rest : ['-r']), 'run', 'typecheck');
} else if (command === 'soak') {
  ensureInstalled();
  run('soak', process.execPath, ['scripts/soak.mjs', ...rest]);
} else if (command in TOOLS) {
  const [name, args, defaults] = TOOLS[command];
  ensureInstalled();
  const r = spawnSync(bin(name), [...args, ...(rest.length ? rest : defaults)], {
    stdio: 'inherit',
    cwd: process.cwd(),
  });
  if (r.error) console.error(`[inflow] ${name}: ${r.error.message}`);
  process.exit(r.status ?? 1);
} else {
  console.error(
    `usage: node scripts/inflow.mjs start|test|bench|demo-static [--build-only]|build|typecheck|soak|${Object.keys(TOOLS).join('|')}`,
  );
  process.exit(2);
}
