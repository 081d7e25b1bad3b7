// The practice's markdown renderer (packages/elements/src/practice/markdown.ts) in Chromium, beside
// the renderer as it was before its work became linear (BASELINE, read from git), in the same Chromium:
// main-thread time of 100,000 `[`, of a bare URL followed by 100,000 `)`, and the cumulative time of
// re-rendering a 20 kB reply as it streams in 20-character deltas (the practice renders the whole
// reply again on every delta). Render = renderMarkdown() building its DocumentFragment.
// Each timing runs in a fresh page after a forced GC. The streamed reply: RUNS of each renderer,
// alternating. The hostile inputs: RUNS of the renderer, one of the baseline, cut off after
// BASELINE_CAP_S of wall time (a render cannot be interrupted; the browser is dropped), and then
// reported as not done.
// Alone: `node --conditions=source --import tsx bench/markdown.ts`.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { build } from 'esbuild';
import { cdpMetrics, freshPage, launchChromium, log, median, QUICK, result, ROOT, round } from './lib.js';

/** The last commit with the quadratic renderer. */
const BASELINE = 'd1692a7';
const RENDERER = 'packages/elements/src/practice/markdown.ts';
const N = QUICK ? 10_000 : 100_000;
const REPLY_CHARS = QUICK ? 5_000 : 20_000;
const DELTA_CHARS = 20;
const RUNS = QUICK ? 2 : 5;
const BASELINE_CAP_S = QUICK ? 30 : 300;

/** A coach-like reply: paragraphs with emphasis, links, code, lists and a quote. */
function reply(chars: number): string {
  const pieces = [
    'I hear you, and **the deadlines slipped** because priorities kept changing. ',
    'Could we look at *what* happened on the `release` branch last week? ',
    'See [the plan](https://example.com/plan_(v2)) or write to hr@example.com. ',
    '\n\n- first, agree on the scope\n- then, on the dates\n  - and who owns them\n\n',
    '> You said the review came late.\n\n',
    '1. One thing at a time.\n2. Then the next, https://example.org/next.\n\n',
  ];
  let s = '';
  for (let i = 0; s.length < chars; i++) s += pieces[i % pieces.length];
  return s.slice(0, chars);
}

/** The renderer in `contents` as a page script defining `window.md.renderMarkdown`. */
async function bundle(contents: string): Promise<string> {
  const out = await build({
    stdin: {
      contents,
      loader: 'ts',
      resolveDir: `${ROOT}packages/elements/src/practice`,
      sourcefile: 'md.ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'md',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

const hostile = { brackets: '['.repeat(N), parens: `http://a${')'.repeat(N)}` };
type Input = keyof typeof hostile | 'stream';
const streamed = reply(REPLY_CHARS);

/**
 * Main-thread CPU ms (CDP TaskDuration, thread ticks: a shared machine inflates it less than wall
 * time) of one renderer on `input`, in a fresh page after a forced GC, so that one renderer's
 * garbage is never collected in the other's time (interleaved in one page, the baseline's
 * per-character strings were collected during the new renderer's turns and tripled its figure).
 */
async function measure(browser: Browser, script: string, input: Input): Promise<number> {
  const { page, close } = await freshPage(browser);
  try {
    await page.setContent('<!doctype html><body></body>');
    await page.addScriptTag({ content: script });
    const cdp = await cdpMetrics(page);
    await cdp.heapAfterGc();
    const before = (await cdp.metrics()).TaskDuration!;
    await page.evaluate(
      ({ source, streamed, delta }) => {
        const { renderMarkdown } = (window as unknown as { md: { renderMarkdown: (s: string) => unknown } })
          .md;
        if (source !== undefined) renderMarkdown(source);
        else
          for (let end = delta; end < streamed.length + delta; end += delta)
            renderMarkdown(streamed.slice(0, end));
      },
      { source: input === 'stream' ? undefined : hostile[input], streamed, delta: DELTA_CHARS },
    );
    return ((await cdp.metrics()).TaskDuration! - before) * 1000;
  } finally {
    await close();
  }
}

const current = await bundle(`export { renderMarkdown } from './markdown.ts';`);
const baseline = await bundle(
  execFileSync('git', ['show', `${BASELINE}:${RENDERER}`], { cwd: ROOT, encoding: 'utf8' }),
);

const loadStart = loadavg()[0]!;
let browser = await launchChromium();
/** One baseline run on a hostile input, or the cap when it had not finished by then. */
async function baselineOf(input: keyof typeof hostile) {
  const abort = new AbortController();
  const capped = sleep(BASELINE_CAP_S * 1000, undefined, { signal: abort.signal }).catch(() => undefined);
  const done = measure(browser, baseline, input);
  done.catch(() => undefined); // a capped run's page goes with its browser
  const ms = await Promise.race([done, capped]);
  abort.abort();
  if (ms !== undefined) return { ms, capped: false };
  // Its renderer is still busy: go on with a fresh browser.
  await browser.close().catch(() => undefined);
  browser = await launchChromium();
  return { ms: BASELINE_CAP_S * 1000, capped: true };
}

const results: Record<string, { ms: number; baselineMs: number; baselineCapped: boolean }> = {};
// The streamed reply: RUNS rounds of both, alternating.
const stream: Record<'now' | 'before', number[]> = { now: [], before: [] };
for (let r = 0; r < RUNS; r++) {
  stream.now.push(await measure(browser, current, 'stream'));
  stream.before.push(await measure(browser, baseline, 'stream'));
}
results.stream = { ms: median(stream.now), baselineMs: median(stream.before), baselineCapped: false };
log('stream', results.stream);
for (const input of ['brackets', 'parens'] as const) {
  const now: number[] = [];
  for (let r = 0; r < RUNS; r++) now.push(await measure(browser, current, input));
  const before = await baselineOf(input);
  results[input] = { ms: median(now), baselineMs: before.ms, baselineCapped: before.capped };
  log(input, results[input]);
}
await browser.close();

const rounded = (x: (typeof results)[string]) => ({
  ...x,
  ms: round(x.ms, 2),
  baselineMs: round(x.baselineMs, 1),
});
result({
  at: new Date().toISOString(),
  load: [round(loadStart, 2), round(loadavg()[0]!, 2)], // 1-minute load average at start and end
  n: N,
  replyChars: REPLY_CHARS,
  deltaChars: DELTA_CHARS,
  renders: Math.ceil(REPLY_CHARS / DELTA_CHARS),
  runs: RUNS,
  baseline: BASELINE,
  baselineCapMs: BASELINE_CAP_S * 1000,
  brackets: rounded(results.brackets!),
  parens: rounded(results.parens!),
  stream: rounded(results.stream!),
});
