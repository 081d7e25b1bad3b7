// The durable event outbox in Chromium (IndexedDB), against the local service (in-memory PGlite):
// enqueue 10,000 events (track() returns at once; the figure is until the last is stored), the
// bytes they occupy as stored records, then one flush() delivering them all in batches of 50.
import { build } from 'esbuild';
import {
  freshPage,
  launchChromium,
  log,
  median,
  QUICK,
  result,
  round,
  ROOT,
  startBenchService,
  startPageServer,
} from './lib.js';

const EVENTS = QUICK ? 1000 : 10_000;
const RUNS = QUICK ? 1 : 3;

const bundle = await build({
  entryPoints: [`${ROOT}bench/pages/outbox.ts`],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  conditions: ['source'],
  write: false,
  logLevel: 'silent',
});
const service = await startBenchService();
const site = await startPageServer({
  pages: {
    '/': '<!doctype html><meta charset="utf-8"><title>outbox</title><script type="module" src="/page.js"></script>',
  },
  files: { '/page.js': bundle.outputFiles[0]!.text },
});

interface Bench {
  enqueue(n: number): Promise<{ ms: number; trackMs: number }>;
  persisted(): Promise<{ events: number; bytes: number }>;
  flush(): Promise<{ ms: number }>;
  stats(): { delivered: number; queued: number; dropped: Record<string, number>; memoryOnly: number };
}
const browser = await launchChromium();
const runs: { enqueueMs: number; trackMs: number; bytes: number; flushMs: number; perSecond: number }[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const { page: tab, close } = await freshPage(browser);
    try {
      await tab.goto(`${site.url}/?api=${encodeURIComponent(service.url)}`);
      await tab.waitForFunction(() => 'bench' in window);
      const before = (await service.query<{ n: number }>('select count(*)::int as n from events'))[0]!.n;
      const enqueue = await tab.evaluate(
        (n) => (window as unknown as { bench: Bench }).bench.enqueue(n),
        EVENTS,
      );
      const stored = await tab.evaluate(() => (window as unknown as { bench: Bench }).bench.persisted());
      const flush = await tab.evaluate(() => (window as unknown as { bench: Bench }).bench.flush());
      const stats = await tab.evaluate(() => (window as unknown as { bench: Bench }).bench.stats());
      const after = (await service.query<{ n: number }>('select count(*)::int as n from events'))[0]!.n;
      const left = await tab.evaluate(() => (window as unknown as { bench: Bench }).bench.persisted());
      // Every event must have arrived, once; otherwise the figures describe a failure.
      if (
        stored.events !== EVENTS ||
        after - before !== EVENTS ||
        stats.delivered !== EVENTS ||
        left.events !== 0
      ) {
        throw new Error(
          `outbox lost or kept events: stored ${stored.events}, service +${after - before}, delivered ${stats.delivered}, left ${left.events} (${JSON.stringify(stats)})`,
        );
      }
      const run = {
        enqueueMs: enqueue.ms,
        trackMs: enqueue.trackMs,
        bytes: stored.bytes,
        flushMs: flush.ms,
        perSecond: EVENTS / (flush.ms / 1000),
      };
      log(JSON.stringify(run));
      runs.push(run);
    } finally {
      await close();
    }
  }
} finally {
  await browser.close();
  await site.close();
  await service.close();
}
const med = (k: keyof (typeof runs)[number]) => median(runs.map((r) => r[k]));
result({
  events: EVENTS,
  runs: runs.length,
  enqueueMs: round(med('enqueueMs')),
  trackMs: round(med('trackMs')),
  bytes: med('bytes'),
  bytesPerEvent: round(med('bytes') / EVENTS),
  flushMs: round(med('flushMs')),
  flushPerSecond: round(med('perSecond')),
  batch: 50,
});
