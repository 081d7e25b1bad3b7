// The README's two commands, each self-sufficient on a fresh machine with Node and npm:
//   npm start  → install, build, serve API + demo on one origin (PORT, default 8787)
//   npm test   → install (Chromium too), build, typecheck, lint, unit, browser and end-to-end suites
//   npm run bench → benchmarks into docs/benchmarks.md
//   npm run demo:static → install, build, the static demo (no server: @inflow/mocks in the tab) in
//                         demo/dist-static, served by a plain file server (`-- --build-only` to skip)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const PNPM = ['npx', '--yes', 'pnpm@12.21.0'];
const root = new URL('..', import.meta.url).pathname;

function run(label, cmd, args, env = {}) {
  const started = Date.now();
  console.log(`\n[inflow] ▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`[inflow] ✖ ${label} failed (exit ${r.status ?? r.signal}) after ${seconds}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`[inflow] ✔ ${label} (${seconds}s)`);
}
const pnpm = (label, ...args) => run(label, PNPM[0], [...PNPM.slice(1), ...args]);
const bin = (label, name, ...args) => run(label, `${root}node_modules/.bin/${name}`, args);

function install() {
  // pnpm 12's --frozen-lockfile refuses an up-to-date lockfile (pnpm/pnpm#14124), so CI installs
  // normally and then fails if the install had to change pnpm-lock.yaml.
  pnpm('install', 'install');
  if (process.env.CI && existsSync(`${root}.git`)) {
    run('lockfile is in sync with package.json files', 'git', ['diff', '--exit-code', '--stat', 'pnpm-lock.yaml']);
  }
}
function build() {
  pnpm('build packages', '-r', '--filter', './packages/**', 'run', 'build');
  pnpm('build demo', '--filter', './demo', 'run', 'build');
  pnpm('build static demo (preview mode)', '--filter', './demo', 'run', 'build:static');
}

const command = process.argv[2];
if (command === 'start') {
  install();
  build();
  const port = process.env.PORT ?? '8787';
  // Run the service as a child and pass SIGINT/SIGTERM on, so it closes its storage cleanly.
  const child = spawn(process.execPath, ['packages/service/dist/cli.js', 'serve', '--static', 'demo/dist', '--demo'], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, PORT: port },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (command === 'test') {
  const chromium = ensureChromium();
  install();
  build();
  pnpm('typecheck', '-r', 'run', 'typecheck');
  bin('lint', 'eslint', '.');
  run('no import cycles, imports follow the package directions', process.execPath, ['scripts/check-imports.mjs']);
  run('element reference in docs matches the manifest', process.execPath, ['packages/elements/scripts/docs.mjs', '--check']);
  bin('unit and integration tests (Vitest)', 'vitest', 'run');
  run('element tests in Chromium (@web/test-runner)', `${root}node_modules/.bin/web-test-runner`, [], { CHROME_PATH: chromium });
  run('end-to-end tests in Chromium', `${root}node_modules/.bin/vitest`, ['run', '--config', 'test/vitest.config.ts'], { CHROME_PATH: chromium });
  // Size budgets (docs/design.md §8) on the built embed, checked last: a breach must not hide test results.
  bin('size budgets (size-limit, .size-limit.js)', 'size-limit');
} else if (command === 'demo-static') {
  install();
  build();
  if (!process.argv.includes('--build-only')) {
    const { serveDirectory } = await import('./static-server.mjs');
    const port = Number.parseInt(process.env.PORT ?? '8788', 10);
    await serveDirectory(`${root}demo/dist-static`, {}, { port, host: process.env.HOST ?? '127.0.0.1' });
    console.log(`\n[inflow] static demo (preview mode, no Inflow server): http://127.0.0.1:${port}/ — Ctrl-C to stop`);
  }
} else if (command === 'bench') {
  ensureChromium();
  install();
  build();
  run('benchmarks', process.execPath, ['bench/run.mjs']);
} else {
  console.error('usage: node scripts/inflow.mjs start|test|bench|demo-static [--build-only]');
  process.exit(2);
}
