// Shared pieces of the benchmarks (bench/run.mjs runs each bench file in its own Node process and
// reads the one `RESULT {json}` line it prints).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, type Metafile } from 'esbuild';
import { DEMO_SECRET, mintToken, startServer, type RunningServer } from '../packages/service/src/index.js';

export { launchChromium } from '../test/support/browser.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** BENCH_QUICK=1: tiny sizes and few runs, to develop a bench on a busy machine. */
export const QUICK = process.env.BENCH_QUICK === '1';

export const median = (xs: number[]): number => quantile(xs, 0.5);
/** Nearest-rank quantile (p95 of 20 runs is the 19th value). */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
export const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

/** The one line bench/run.mjs reads. */
export function result(value: unknown): void {
  console.log(`RESULT ${JSON.stringify(value)}`);
}
export const log = (...parts: unknown[]): void => console.error('[bench]', ...parts);

/** Files of a directory tree, keyed by their path relative to it (`chunks/x.js`). */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

/** The built `<script type="module">` embed (packages/elements/dist/cdn, built by `npm run bench`). */
export function embedFiles(): Map<string, Buffer> {
  const dir = join(ROOT, 'packages/elements/dist/cdn');
  try {
    return readTree(dir);
  } catch {
    throw new Error(`${dir} is missing: build the elements first (npm run bench builds everything)`);
  }
}

const TYPES: Record<string, string> = {
  js: 'text/javascript',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
  map: 'application/json',
};

export interface PageServer {
  /** `http://localhost:<port>`: another origin than the service's 127.0.0.1, as on a vendor's site. */
  url: string;
  close(): Promise<void>;
}

/**
 * The "vendor's site": serves `pages` (path → HTML), `/cdn/*` from `embed`, extra static `files`,
 * and `/token` (the vendor backend minting embed tokens for the demo tenant).
 */
export async function startPageServer(options: {
  pages?: Record<string, string>;
  files?: Record<string, string | Buffer>;
  embed?: Map<string, Buffer>;
}): Promise<PageServer> {
  let userSeq = 0;
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const page = options.pages?.[path];
    if (page !== undefined) return send(res, 200, TYPES.html!, page);
    const file =
      options.files?.[path] ?? (path.startsWith('/cdn/') ? options.embed?.get(path.slice(5)) : undefined);
    if (file !== undefined)
      return send(res, 200, TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream', file);
    if (path === '/token') {
      mintToken({ tenant: 'demo', user: `bench-${userSeq++}`, team: 'bench', secret: DEMO_SECRET }).then(
        (minted) => send(res, 200, TYPES.json!, JSON.stringify(minted)),
        () => send(res, 500, 'text/plain', 'mint failed'),
      );
      return;
    }
    send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh context + page per run, so caches and storage never carry over between runs. */
export async function freshPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext();
  // tsx compiles the bench with esbuild's keepNames, which wraps named functions in the callbacks
  // passed to page.evaluate with a `__name` helper that only exists in Node.
  await context.addInitScript('window.__name = (f) => f;');
  const page = await context.newPage();
  page.on('pageerror', (e) => log('page error:', e.message));
  return { page, close: () => context.close() };
}

/** A script for `<head>`: records long tasks and layout shifts from the first moment of the page. */
export const OBSERVERS = `<script>
window.__longTasks = []; window.__shifts = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) __longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) __shifts.push(e.value); }).observe({ type: 'layout-shift', buffered: true });
</script>`;

/** CDP Performance metrics of a page (cumulative since Performance.enable), in ms where durations. */
export async function cdpMetrics(page: Page): Promise<{
  metrics: () => Promise<Record<string, number>>;
  heapAfterGc: () => Promise<number>;
}> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return {
    metrics: async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    },
    heapAfterGc: async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize;
    },
  };
}

/** deep-chat bundled from its npm package the way a page would ship it (minified, split, ESM). */
export async function buildDeepChat(): Promise<{
  files: Map<string, Buffer>;
  entry: string;
  metafile: Metafile;
  version: string;
}> {
  const out = await build({
    stdin: { contents: `import 'deep-chat';`, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    absWorkingDir: ROOT,
    outdir: join(ROOT, 'bench/.deep-chat'), // nothing is written; names only
    metafile: true,
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  // Keyed like the metafile: paths relative to ROOT (`bench/.deep-chat/stdin.js`).
  const files = new Map(out.outputFiles.map((f) => [relative(ROOT, f.path), Buffer.from(f.contents)]));
  const entry = Object.keys(out.metafile.outputs).find(
    (f) => out.metafile.outputs[f]!.entryPoint === '<stdin>',
  )!;
  const version = (
    JSON.parse(readFileSync(join(ROOT, 'node_modules/deep-chat/package.json'), 'utf8')) as { version: string }
  ).version;
  return { files, entry, metafile: out.metafile, version };
}

/** The reference service on a loopback port: in-memory PGlite, scripted coach unless `coach` is given. */
export function startBenchService(extra: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    dataDir: 'memory://',
    demo: true,
    rateLimit: false,
    log: () => undefined,
    ...extra,
  });
}

/** Page script: configures the embed against `api` with tokens from the page server. */
export const configureScript = (api: string, extra = '') => `<script type="module">
import { configure } from '/cdn/inflow.js';
configure({ apiBase: ${JSON.stringify(api)}, fetchToken: async () => (await (await fetch('/token')).json()).token });
${extra}
</script>`;
