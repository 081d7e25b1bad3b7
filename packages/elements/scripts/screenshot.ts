// Screenshots of the open panel for docs/elements.md, against the real service (in-memory store,
// scripted coach). Run: node --conditions=source --import tsx packages/elements/scripts/screenshot.ts
import { serve } from '@hono/node-server';
import { build } from 'esbuild';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { createService } from '../../service/src/node.js';

const out = fileURLToPath(new URL('../../../docs/images/', import.meta.url));
const bundle = await build({
  stdin: {
    contents: `import { configure } from './index.ts'; import './define/launcher.ts';
      configure({ apiBase: location.origin, fetchToken: async () => (await (await fetch('/demo/token', { method: 'POST' })).json()).token });`,
    resolveDir: fileURLToPath(new URL('../src/', import.meta.url)),
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  write: false,
  conditions: ['source'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
});
const page = (theme: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<style>body{margin:0;font:15px system-ui;background:${theme === 'dark' ? '#0d1117;color:#e6edf3' : '#f6f8fa'}}
main{padding:24px 32px}.card{max-width:760px;padding:20px;border-radius:8px;background:${theme === 'dark' ? '#161b22' : '#fff'};border:1px solid #d1d9e0}</style>
</head><body><main><div class="card"><h1 style="font-size:20px;margin:0 0 8px">Q4 review — Jordan Lee</h1>
<p style="margin:0 0 16px">Senior engineer · due in 2 days</p>
<inflow-launcher scenario="underperformance" theme="${theme}" label="Practise this conversation" context-role="Senior engineer"></inflow-launcher>
</div></main><script type="module" src="/sdk.js"></script></body></html>`;

const service = await createService({
  dataDir: 'memory://',
  demo: true,
  rateLimit: false,
  log: () => undefined,
});
const root = new Hono();
root.get('/sdk.js', (c) => c.body(bundle.outputFiles[0]!.text, 200, { 'content-type': 'text/javascript' }));
root.get('/page/:theme', (c) => c.html(page(c.req.param('theme'))));
root.route('/', service.app as unknown as Hono);
const server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  for (const theme of ['light', 'dark']) {
    const tab = await browser.newPage({ viewport: { width: 900, height: 820 }, deviceScaleFactor: 1 });
    await tab.goto(`${origin}/page/${theme}`);
    await tab.getByRole('button', { name: 'Practise this conversation' }).click();
    const coach = tab.locator('inflow-practice [data-role="coach"]');
    await coach.first().waitFor();
    const composer = tab.getByRole('textbox', { name: 'Your reply' });
    await composer.fill("I'd like to talk about the last two sprint deliveries. What's getting in the way?");
    await composer.press('Enter');
    await coach.nth(1).waitFor();
    await tab.waitForFunction(
      () =>
        !document
          .querySelector('inflow-launcher')
          ?.shadowRoot?.querySelector('inflow-practice')
          ?.shadowRoot?.querySelector('.streaming'),
    );
    await tab.screenshot({ path: `${out}launcher-panel-${theme}.png` });
    await tab.close();
  }
  console.log(`wrote ${out}launcher-panel-{light,dark}.png`);
} finally {
  await browser.close();
  server.close();
  await service.close();
}
