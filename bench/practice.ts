// The practice in Chromium against the local service (in-memory PGlite), from the built embed:
// 1. click → first coach line painted (docs/design.md §8 ≤ 150 ms), scripted engine: from the click
//    event to the animation frame after the opening line is in the DOM. "warm" = clicked after the
//    launcher's idle prefetch (the usual case), "cold" = clicked as soon as the button exists.
// 2. streaming: a 2,000-token answer from the service's OpenAI-compatible engine, backed by an
//    in-process fake chat-completions server sending one token per write (~1 ms apart): total from
//    Send to the last token painted, and main-thread time per delta (CDP TaskDuration over the
//    stream / 2,000), with the number of frames in which the answer changed.
// 3. memory: JS heap after GC after 50 open/close cycles of the panel, against the heap after the
//    first 5 (warm-up) cycles.
import type { Browser, Page } from 'playwright-core';
import { MEMORY_CYCLES, MEMORY_GROWTH_BYTES } from './budgets.mjs';
import { openAiEngine } from '../packages/service/src/index.js';
import { startFakeLlm } from '../packages/service/src/test/fake-llm.js';
import {
  cdpMetrics,
  configureScript,
  embedFiles,
  freshPage,
  launchChromium,
  log,
  median,
  quantile,
  QUICK,
  result,
  round,
  startBenchService,
  startPageServer,
} from './lib.js';

const OPEN_RUNS = QUICK ? 3 : 20;
const COLD_RUNS = QUICK ? 2 : 10;
const STREAM_RUNS = QUICK ? 1 : 3;
const TOKENS = QUICK ? 200 : 2000;
const CYCLES = QUICK ? 10 : MEMORY_CYCLES;
const WARMUP_CYCLES = 5;
const MEMORY_RUNS = QUICK ? 1 : 3;

// 2,000 tokens of prose with a paragraph break every 100 tokens (the coach line is Markdown).
const WORDS = [
  'I',
  'hear',
  'you,',
  'but',
  'the',
  'deadlines',
  'slipped',
  'because',
  'priorities',
  'kept',
  'changing',
  'and',
];
const answer = Array.from({ length: TOKENS }, (_, i) =>
  i === TOKENS - 1 ? ' END.' : `${i % 100 === 0 && i ? '\n\n' : ' '}${WORDS[i % WORDS.length]}`,
);

const scripted = await startBenchService();
const llm = await startFakeLlm({ kind: 'script', reply: () => answer, delayMs: 0 });
const streaming = await startBenchService({ coach: openAiEngine({ baseUrl: llm.baseUrl, model: 'bench' }) });
const body = '<p>Host page.</p><inflow-launcher scenario="underperformance"></inflow-launcher>';
const html = (api: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>${body}${configureScript(api)}</body></html>`;
const site = await startPageServer({
  pages: { '/scripted': html(scripted.url), '/streaming': html(streaming.url) },
  embed: embedFiles(),
});

const COACH_LINES = `document.querySelector('inflow-launcher')?.shadowRoot?.querySelector('inflow-practice')?.shadowRoot?.querySelectorAll('[data-role="coach"]')`;

async function openPage(browser: Browser, path: string) {
  const fresh = await freshPage(browser);
  await fresh.page.goto(`${site.url}${path}`);
  await fresh.page.locator('inflow-launcher').getByRole('button').waitFor();
  return fresh;
}

/** Resolves in the page with ms from the next click to the frame after a coach line has text. */
async function armClickTimer(tab: Page) {
  await tab.evaluate((selector) => {
    const w = window as unknown as { __t?: Promise<number> };
    w.__t = new Promise((resolve) => {
      document.addEventListener(
        'click',
        () => {
          const t0 = performance.now();
          const tick = () => {
            const lines = (0, eval)(selector) as NodeListOf<Element> | undefined;
            if (lines?.[0]?.textContent?.trim()) requestAnimationFrame(() => resolve(performance.now() - t0));
            else requestAnimationFrame(tick);
          };
          tick();
        },
        { capture: true, once: true },
      );
    });
  }, COACH_LINES);
}

async function clickToFirstLine(browser: Browser, warm: boolean): Promise<number> {
  const { page: tab, close } = await openPage(browser, '/scripted');
  try {
    if (warm) await tab.waitForTimeout(1500); // idle prefetch: practice chunk, client, scenario list
    await armClickTimer(tab);
    await tab.locator('inflow-launcher').getByRole('button').click();
    return await tab.evaluate(() => (window as unknown as { __t: Promise<number> }).__t);
  } finally {
    await close();
  }
}

async function streamOnce(browser: Browser) {
  const { page: tab, close } = await openPage(browser, '/streaming');
  try {
    const cdp = await cdpMetrics(tab);
    await tab.locator('inflow-launcher').getByRole('button').click();
    await tab.waitForFunction(
      (s) => ((0, eval)(s) as NodeListOf<Element> | undefined)?.[0]?.textContent?.trim(),
      COACH_LINES,
    );
    const before = await cdp.metrics();
    // Start the clock and the frame counter in the page, then send with Enter.
    const done = tab.evaluate(
      ({ selector, tokens }) =>
        new Promise<{ totalMs: number; frames: number }>((resolve, reject) => {
          const t0 = performance.now();
          let frames = 0;
          let last = '';
          const deadline = t0 + 120_000;
          const tick = () => {
            const lines = (0, eval)(selector) as NodeListOf<Element> | undefined;
            const text = lines && lines.length > 1 ? (lines[lines.length - 1]!.textContent ?? '') : '';
            if (text !== last) {
              frames++;
              last = text;
            }
            if (text.includes('END.')) return resolve({ totalMs: performance.now() - t0, frames });
            if (performance.now() > deadline)
              return reject(new Error(`no end of answer after 120 s (${tokens} tokens)`));
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
      { selector: COACH_LINES, tokens: TOKENS },
    );
    const input = tab.locator('inflow-launcher inflow-practice textarea');
    await input.fill('The deadlines slipped. What is getting in the way?');
    await input.press('Enter');
    const { totalMs, frames } = await done;
    const after = await cdp.metrics();
    const taskMs = ((after.TaskDuration ?? 0) - (before.TaskDuration ?? 0)) * 1000;
    const scriptMs = ((after.ScriptDuration ?? 0) - (before.ScriptDuration ?? 0)) * 1000;
    const words = await tab.evaluate((s) => {
      const lines = (0, eval)(s) as NodeListOf<Element>;
      return (lines[lines.length - 1]!.textContent ?? '').split(/\s+/).filter(Boolean).length;
    }, COACH_LINES);
    return { totalMs, frames, taskMs, scriptMs, perDeltaMs: taskMs / TOKENS, words };
  } finally {
    await close();
  }
}

async function memoryOnce(browser: Browser) {
  const { page: tab, close } = await openPage(browser, '/scripted');
  try {
    const cdp = await cdpMetrics(tab);
    const trigger = tab
      .locator('inflow-launcher')
      .getByRole('button', { name: /practice/i })
      .first();
    const heaps: number[] = [];
    for (let i = 1; i <= CYCLES; i++) {
      await trigger.click();
      await tab.waitForFunction(
        (s) => ((0, eval)(s) as NodeListOf<Element> | undefined)?.[0]?.textContent?.trim(),
        COACH_LINES,
      );
      await tab.waitForFunction(() => document.querySelector('inflow-launcher')?.hasAttribute('open'));
      await tab.keyboard.press('Escape');
      await tab.waitForFunction(() => !document.querySelector('inflow-launcher')?.hasAttribute('open'));
      if (i === WARMUP_CYCLES || i === CYCLES) heaps.push(await cdp.heapAfterGc());
    }
    return { warmHeap: heaps[0]!, finalHeap: heaps[1]!, growth: heaps[1]! - heaps[0]! };
  } finally {
    await close();
  }
}

const browser = await launchChromium();
try {
  await clickToFirstLine(browser, true); // warm-up: browser process start-up is not the product's cost
  const warm: number[] = [];
  for (let i = 0; i < OPEN_RUNS; i++) warm.push(await clickToFirstLine(browser, true));
  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) cold.push(await clickToFirstLine(browser, false));
  log('click → first line warm', warm.map(Math.round).join(' '), 'cold', cold.map(Math.round).join(' '));

  const streams = [];
  for (let i = 0; i < STREAM_RUNS; i++) streams.push(await streamOnce(browser));
  log('streaming', JSON.stringify(streams));
  if (streams.some((s) => s.words < TOKENS * 0.9))
    throw new Error(`the answer rendered ${streams[0]?.words} words of ${TOKENS} tokens`);

  const memory = [];
  for (let i = 0; i < MEMORY_RUNS; i++) memory.push(await memoryOnce(browser));
  log('memory', JSON.stringify(memory));

  const stat = (xs: number[]) => ({
    runs: xs.length,
    median: round(median(xs)),
    p95: round(quantile(xs, 0.95)),
    min: round(Math.min(...xs)),
    max: round(Math.max(...xs)),
  });
  result({
    clickToFirstLine: { warm: stat(warm), cold: stat(cold) },
    streaming: {
      tokens: TOKENS,
      runs: streams.length,
      totalMs: round(median(streams.map((s) => s.totalMs))),
      perDeltaMs: round(median(streams.map((s) => s.perDeltaMs)), 3),
      scriptMs: round(median(streams.map((s) => s.scriptMs))),
      taskMs: round(median(streams.map((s) => s.taskMs))),
      frames: median(streams.map((s) => s.frames)),
    },
    memory: {
      cycles: CYCLES,
      warmupCycles: WARMUP_CYCLES,
      runs: memory.length,
      warmHeap: median(memory.map((m) => m.warmHeap)),
      finalHeap: median(memory.map((m) => m.finalHeap)),
      growth: median(memory.map((m) => m.growth)),
      bound: MEMORY_GROWTH_BYTES,
    },
  });
} finally {
  await browser.close();
  await site.close();
  await scripted.close();
  await streaming.close();
  await llm.close();
}
