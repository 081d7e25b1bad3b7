// @web/test-runner plugin: starts the real Inflow service (service-for-tests.ts) for the element
// tests and tells them where it is at GET /__inflow-test-config on the test server.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const script = fileURLToPath(new URL('./service-for-tests.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

async function bundleCopy() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/define/launcher.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    write: false,
    conditions: ['source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

let copy;

export function inflowServicePlugin() {
  let child;
  let config;
  return {
    name: 'inflow-service',
    async serverStart() {
      child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
        cwd: root,
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      config = await new Promise((resolve, reject) => {
        const lines = createInterface({ input: child.stdout });
        lines.once('line', (line) => resolve(JSON.parse(line)));
        child.once('exit', (code) => reject(new Error(`test service exited early (${code})`)));
      });
    },
    async serverStop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
    // nanostores reads process.env.NODE_ENV, which bundlers replace; the test server does not
    // bundle, so do the same replacement here.
    transform(context) {
      if (context.path.includes('/nanostores/') && typeof context.body === 'string') {
        return { body: context.body.replaceAll('process.env.NODE_ENV', '"development"') };
      }
    },
    async serve(context) {
      if (context.path === '/__inflow-test-config') return { body: JSON.stringify(config), type: 'json' };
      // A second, separately bundled copy of the SDK (its own Lit, its own classes), to test
      // that two copies on one page do not throw.
      if (context.path === '/__inflow-copy/launcher.js') {
        copy ??= bundleCopy();
        return { body: await copy, type: 'js' };
      }
    },
  };
}
