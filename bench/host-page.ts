// Host-page cost (docs/design.md §8: define + render 100 launchers, no long task ≥ 50 ms; CLS 0), beside
// deep-chat's <deep-chat> element as a peer. Each run is a fresh browser context loading a page of
// N paragraphs, each holding one element in its markup, and the element's script. Measured from
// navigation until every element has rendered + 1 s (Inflow's idle prefetch and impression
// events fall in that window):
// - scripting: CDP Performance metric ScriptDuration (main-thread CPU time, threadTicks domain,
//   so a busy machine inflates it less than wall time); also TaskDuration (all main-thread work);
// - long tasks: PerformanceObserver 'longtask' entries (≥ 50 ms by definition);
// - layout shift: sum of 'layout-shift' entries (no user input happens, so this is the CLS bound).
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { HOST_PAGE_LAUNCHERS } from './budgets.mjs';
import {
  buildDeepChat,
  cdpMetrics,
  configureScript,
  embedFiles,
  freshPage,
  launchChromium,
  log,
  median,
  OBSERVERS,
  QUICK,
  result,
  round,
  startBenchService,
  startPageServer,
} from './lib.js';

const SIZES = QUICK ? [1, 10] : [1, 10, HOST_PAGE_LAUNCHERS];

// The launcher exactly as the quick start of docs/index.md writes it (its fallback button
// included): the layout shift measured is the documented snippet's, with nothing added.
const quickStart = /## Quick start for a vendor[\s\S]*?```html\n([\s\S]*?)```/.exec(
  readFileSync(new URL('../docs/index.md', import.meta.url), 'utf8'),
)?.[1];
const LAUNCHER = /<inflow-launcher[\s\S]*?<\/inflow-launcher>/.exec(quickStart ?? '')?.[0];
if (!LAUNCHER) throw new Error('docs/index.md: no <inflow-launcher> in the quick start');
const RUNS = QUICK ? 2 : 5;
const SETTLE_MS = 1000;

const paragraphs = (n: number, tag: string) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p>Section ${i + 1}. Some host-page text before the element, as in a help article or an LMS lesson. ${tag}</p>`,
  ).join('\n');
const page = (body: string, scripts: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>host</title>${OBSERVERS}</head><body><main>${body}</main>${scripts}</body></html>`;

const service = await startBenchService();
const deepChat = await buildDeepChat();
const pages: Record<string, string> = {};
for (const n of SIZES) {
  pages[`/inflow-${n}`] = page(paragraphs(n, LAUNCHER), configureScript(service.url));
  pages[`/deep-chat-${n}`] = page(
    paragraphs(n, '<deep-chat></deep-chat>'),
    `<script type="module" src="/dc/${deepChat.entry.split('/').pop()}"></script>`,
  );
}
const files: Record<string, Buffer> = {};
for (const [path, body] of deepChat.files) files[`/dc/${path.split('/').pop()}`] = body;
const site = await startPageServer({ pages, files, embed: embedFiles() });

interface Sample {
  scriptMs: number;
  taskMs: number;
  longTasks: number;
  longestTaskMs: number;
  layoutShift: number;
  renderedMs: number;
}

async function sample(browser: Browser, kind: 'inflow' | 'deep-chat', n: number): Promise<Sample> {
  const { page: tab, close } = await freshPage(browser);
  try {
    const cdp = await cdpMetrics(tab);
    await tab.goto(`${site.url}/${kind}-${n}`);
    const tag = kind === 'inflow' ? 'inflow-launcher' : 'deep-chat';
    // Rendered: every element upgraded with content in its shadow root (Inflow: its trigger, the
    // page's fallback button or its own, enabled).
    await tab.waitForFunction(
      ({ tag, inflow }) => {
        const els = [...document.querySelectorAll(tag)];
        return els.every((el) => {
          if (!inflow) return (el.shadowRoot?.childElementCount ?? 0) > 0;
          const trigger = (el as unknown as { trigger?: HTMLButtonElement | null }).trigger;
          return el.shadowRoot?.childElementCount && trigger && !trigger.disabled;
        });
      },
      { tag, inflow: kind === 'inflow' },
      { timeout: 60_000, polling: 50 },
    );
    const renderedMs = await tab.evaluate(() => performance.now());
    await tab.waitForTimeout(SETTLE_MS);
    const m = await cdp.metrics();
    const page = await tab.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __shifts: number[] };
      return { longTasks: w.__longTasks, shifts: w.__shifts };
    });
    if (kind === 'inflow') {
      const disabled = await tab.evaluate(
        () =>
          [...document.querySelectorAll('inflow-launcher')].filter(
            (l) => l.hasAttribute('disabled') || (l as unknown as { disabledReason?: string }).disabledReason,
          ).length,
      );
      if (disabled) throw new Error(`${disabled} launchers disabled themselves: the page is misconfigured`);
    }
    return {
      scriptMs: (m.ScriptDuration ?? NaN) * 1000,
      taskMs: (m.TaskDuration ?? NaN) * 1000,
      longTasks: page.longTasks.length,
      longestTaskMs: Math.max(0, ...page.longTasks),
      layoutShift: page.shifts.reduce((a, b) => a + b, 0),
      renderedMs,
    };
  } finally {
    await close();
  }
}

const browser = await launchChromium();
const rows: Record<string, unknown>[] = [];
try {
  for (const n of SIZES) {
    for (const kind of ['inflow', 'deep-chat'] as const) {
      const samples: Sample[] = [];
      // Interleaving would be fairer on a noisy machine, but a warm-up page first matters more:
      // the first navigation of a browser pays for process start-up.
      if (n === SIZES[0] && kind === 'inflow') await sample(browser, kind, n);
      for (let i = 0; i < RUNS; i++) samples.push(await sample(browser, kind, n));
      const med = (k: keyof Sample) => round(median(samples.map((s) => s[k])), k === 'layoutShift' ? 4 : 1);
      const row = {
        kind,
        n,
        runs: RUNS,
        scriptMs: med('scriptMs'),
        taskMs: med('taskMs'),
        longTasks: med('longTasks'),
        longTasksMax: Math.max(...samples.map((s) => s.longTasks)),
        longestTaskMs: med('longestTaskMs'),
        layoutShift: med('layoutShift'),
        renderedMs: med('renderedMs'),
      };
      log(JSON.stringify(row));
      rows.push(row);
    }
  }
} finally {
  await browser.close();
  await site.close();
  await service.close();
}
result({ settleMs: SETTLE_MS, rows });
