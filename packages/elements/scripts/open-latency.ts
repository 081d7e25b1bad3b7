// docs/design.md §8: click → first coach line painted ≤ 150 ms against the local service with the
// scripted engine. Measures it in Chromium (real click, real service over HTTP, in-memory store): from the
// click event to the first animation frame after the opening line is in the DOM.
// "warm" = the launcher had its idle prefetch (the usual case); "cold" = clicked right after load.
// Run: node --conditions=source --import tsx packages/elements/scripts/open-latency.ts [runs]
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { createService } from '../../service/src/node.js';

const runs = Number(process.argv[2] ?? 15);
const bundle = await build({
  stdin: {
    contents: `import { configure } from './index.ts'; import './define/launcher.ts';
      configure({ apiBase: location.origin, fetchToken: async () => (await (await fetch('/demo/token', { method: 'POST' })).json()).token });`,
    resolveDir: fileURLToPath(new URL('../src/', import.meta.url)),
    loader: 'ts',
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  outdir: '/sdk',
  write: false,
  conditions: ['source'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
});
const files = new Map(bundle.outputFiles.map((f) => [f.path.replace(/^\/sdk\//, ''), f.text]));
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>
<inflow-launcher scenario="underperformance"></inflow-launcher><script type="module" src="/sdk/stdin.js"></script></body></html>`;

const service = await createService({
  dataDir: 'memory://',
  demo: true,
  rateLimit: false,
  log: () => undefined,
});
const root = new Hono();
root.get('/sdk/:file', (c) =>
  c.body(files.get(c.req.param('file')) ?? '', files.has(c.req.param('file')) ? 200 : 404, {
    'content-type': 'text/javascript',
  }),
);
root.get('/page', (c) => c.html(page));
root.route('/', service.app as unknown as Hono);
const server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch(chromiumLaunchOptions());
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
try {
  for (const mode of ['warm', 'cold'] as const) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      tab.on('pageerror', (e) => console.log('pageerror:', e.message));
      await tab.goto(`${origin}/page`);
      await tab.locator('inflow-launcher').getByRole('button').waitFor();
      if (mode === 'warm') await tab.waitForTimeout(1500); // idle prefetch: chunk, client, scenario list
      // A string, not a function: tsx would inject its `__name` helper into a function's source.
      await tab.evaluate(`window.__t = new Promise((resolve) => {
        document.addEventListener('click', () => {
          const t0 = performance.now();
          const tick = () => {
            const line = document.querySelector('inflow-launcher')?.shadowRoot?.querySelector('inflow-practice')
              ?.shadowRoot?.querySelector('[data-role="coach"]');
            if (line?.textContent?.trim()) requestAnimationFrame(() => resolve(performance.now() - t0));
            else requestAnimationFrame(tick);
          };
          tick();
        }, { capture: true, once: true });
      }); 0`);
      await tab.locator('inflow-launcher').getByRole('button').click();
      times.push(await tab.evaluate<number>('window.__t'));
      await context.close();
    }
    console.log(
      `${mode}: click → first coach line painted, ${runs} runs: median ${quantile(times, 0.5).toFixed(0)} ms, p90 ${quantile(times, 0.9).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
  server.close();
  await service.close();
}
