// The README's two commands, each self-sufficient on a fresh machine with Node and npm:
//   npm start  → install, build, serve API + demo on one origin (PORT, default 8787)
//   npm test   → install (Chromium too), build, typecheck, lint, unit, browser and end-to-end suites
//   npm run bench → benchmarks into docs/benchmarks.md
import { spawnSync } from 'node:child_process';
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
  pnpm('install', 'install', ...(process.env.CI ? ['--frozen-lockfile'] : []));
}
function build() {
  pnpm('build packages', '-r', '--filter', './packages/**', 'run', 'build');
  pnpm('build demo', '--filter', './demo', 'run', 'build');
}

const command = process.argv[2];
if (command === 'start') {
  install();
  build();
  const port = process.env.PORT ?? '8787';
  // Replace this process with the service so Ctrl-C / SIGTERM reach it and it closes cleanly.
  const r = spawnSync(process.execPath, ['packages/service/dist/cli.js', 'serve', '--static', 'demo/dist', '--demo'], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, PORT: port },
  });
  process.exit(r.status ?? 0);
} else if (command === 'test') {
  const chromium = ensureChromium();
  install();
  build();
  pnpm('typecheck', '-r', 'run', 'typecheck');
  bin('lint', 'eslint', '.');
  bin('unit and integration tests (Vitest)', 'vitest', 'run');
  run('element tests in Chromium (@web/test-runner)', `${root}node_modules/.bin/web-test-runner`, [], { CHROME_PATH: chromium });
  run('end-to-end tests in Chromium', `${root}node_modules/.bin/vitest`, ['run', '--config', 'test/vitest.config.ts'], { CHROME_PATH: chromium });
} else if (command === 'bench') {
  ensureChromium();
  install();
  build();
  run('benchmarks', process.execPath, ['bench/run.mjs']);
} else {
  console.error('usage: node scripts/inflow.mjs start|test|bench');
  process.exit(2);
}
