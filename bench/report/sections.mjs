// The report's numbered sections, one function per bench result: each returns its Markdown lines
// (heading, what was measured and how, the table), or says why it was not measured.
import { CLICK_TO_FIRST_LINE_MS } from '../budgets.mjs';
import { kB, MB, ms, num, ratio, table } from './format.mjs';
import { exportMemory } from './export-section.mjs';
import { outboundDelivery } from './outbound-section.mjs';
import { voiceLatency } from './voice-section.mjs';
import { activationQuery, judge, serviceLoad } from './service-sections.mjs';

const section = (title, result, render) => [
  `## ${title}`,
  '',
  ...(result?.ok ? render(result.value) : [`Not measured: ${result?.error ?? 'not run'}.`, '']),
];

function bundle({ inflow: i, deepChat: d, topLazy }) {
  const row = (label, s, peer) => [
    label,
    s.files,
    kB(s.min),
    kB(s.gzip),
    kB(s.brotli),
    ...(peer
      ? [kB(peer.gzip), ratio(s.gzip, peer.gzip), ratio(s.brotli, peer.brotli)]
      : ['– (not split)', '–', '–']),
  ];
  return [
    `The embed as a page loads it (packages/elements/dist/cdn, built in this run by rolldown), beside deep-chat ${d.version} bundled in this run with esbuild (minified, code splitting, ESM). Sizes are gzip -9 and brotli q11 per file, summed over the files fetched; kB = 1,000 bytes. Deterministic: one build each (a second build gives the same bytes).`,
    '',
    table(
      ['', 'files', 'min', 'gzip', 'brotli', 'deep-chat gzip', 'ratio (gzip)', 'ratio (brotli)'],
      [
        row('Launcher entry (before any click)', i.entry, d.entry),
        row(
          'Lazy practice code (first click: panel, practice, markdown, Floating UI, client, stream)',
          i.practice,
        ),
        row('Everything the launcher can load', i.everything, d.whole),
        row('Whole SDK (every element, locales)', i.whole, d.whole),
      ],
    ),
    '',
    `Largest parts of the lazy code (rendered bytes before minification): ${topLazy.map((t) => `${t.name} ${kB(t.min)} kB`).join(', ')}.`,
    '',
  ];
}

function hostPage({ rows, settleMs }) {
  const sizes = [...new Set(rows.map((x) => x.n))];
  const get = (kind, n) => rows.find((x) => x.kind === kind && x.n === n);
  return [
    `Headless Chromium, a fresh context per run: a page of N paragraphs, each with one element in its markup, then the element's script (Inflow: the embed + \`configure()\` against the local service; deep-chat: its bundle, no connection configured). From navigation until every element has rendered + ${settleMs} ms (Inflow's idle prefetch and impression events fall inside). Scripting = CDP \`ScriptDuration\`, main thread = CDP \`TaskDuration\` (thread CPU time); long tasks = PerformanceObserver \`longtask\` entries (≥ 50 ms); layout shift = sum of \`layout-shift\` entries (no input happens). Median of ${rows[0]?.runs} runs; ratio = Inflow ÷ deep-chat.`,
    '',
    table(
      [
        'Elements',
        'Inflow scripting ms',
        'deep-chat scripting ms',
        'ratio',
        'Inflow main thread ms',
        'deep-chat main thread ms',
        'ratio',
        'long tasks Inflow / deep-chat',
        'layout shift Inflow / deep-chat',
        'rendered at ms Inflow / deep-chat',
      ],
      sizes.map((n) => {
        const a = get('inflow', n);
        const b = get('deep-chat', n);
        return [
          n,
          ms(a.scriptMs),
          ms(b.scriptMs),
          ratio(a.scriptMs, b.scriptMs),
          ms(a.taskMs),
          ms(b.taskMs),
          ratio(a.taskMs, b.taskMs),
          `${a.longTasks} / ${b.longTasks}`,
          `${a.layoutShift} / ${b.layoutShift}`,
          `${ms(a.renderedMs)} / ${ms(b.renderedMs)}`,
        ];
      }),
    ),
    '',
  ];
}

function clickToFirstLine({ clickToFirstLine: { warm, cold } }) {
  const row = (label, x, budget) => [label, x.runs, ms(x.median), ms(x.p95), ms(x.min), ms(x.max), budget];
  return [
    "The built embed in Chromium against the local service (in-memory PGlite, scripted engine), one launcher on a page of another origin. From the click event to the animation frame after the opening line is in the DOM. Warm = clicked after the launcher's idle prefetch (chunk, client, scenario list), the usual case; cold = clicked as soon as the button exists.",
    '',
    table(
      ['', 'runs', 'median ms', 'p95 ms', 'min ms', 'max ms', 'budget'],
      [row('Warm', warm, `≤ ${CLICK_TO_FIRST_LINE_MS} ms`), row('Cold', cold, '–')],
    ),
    '',
  ];
}

function streamingAndMemory({ streaming: s, memory: m }) {
  const after = m.cycles - m.warmupCycles;
  return [
    `A ${s.tokens.toLocaleString('en-US')}-token answer: the service's OpenAI-compatible engine against an in-process fake chat-completions server that sends one token per write (~1 ms apart), relayed as SSE to the practice panel in Chromium, rendered as Markdown. Median of ${s.runs} runs.`,
    '',
    table(
      ['', 'value'],
      [
        ['Send → last token painted (total)', `${ms(s.totalMs)} ms`],
        ['Main-thread time per delta (CDP TaskDuration over the stream ÷ tokens)', `${s.perDeltaMs} ms`],
        ['Main-thread time over the stream (scripting part)', `${ms(s.taskMs)} ms (${ms(s.scriptMs)} ms)`],
        ['Frames in which the answer changed (deltas arriving within one frame render once)', s.frames],
        ['Main-thread time per rendered frame', `${ms(s.taskMs / s.frames)} ms`],
      ],
    ),
    '',
    `Memory: JS heap after forced GC, after ${m.warmupCycles} open/close cycles of the panel (warm-up) and after ${m.cycles}. Median of ${m.runs} runs. Stated bound: growth ≤ ${MB(m.bound)} over the ${after} cycles after warm-up (≈ ${kB(m.bound / after)} kB per cycle).`,
    '',
    table(
      ['after warm-up', `after ${m.cycles} cycles`, 'growth', 'bound', 'within bound'],
      [[MB(m.warmHeap), MB(m.finalHeap), MB(m.growth), MB(m.bound), m.growth <= m.bound ? 'yes' : '**no**']],
    ),
    '',
  ];
}

function outbox(o) {
  return [
    `The client in Chromium with its IndexedDB outbox, against the local service. \`track()\` ${o.events.toLocaleString('en-US')} times (returns at once); enqueue time runs until the last event is stored. Bytes = UTF-8 JSON of the stored records. Then one \`flush()\` delivers them in batches of ${o.batch}; the bench checks every event reached the service once and the store is empty. Median of ${o.runs} runs.`,
    '',
    table(
      [
        'events',
        'track() loop',
        'enqueue (until stored)',
        'bytes persisted',
        'per event',
        'flush',
        'flush throughput',
      ],
      [
        [
          o.events.toLocaleString('en-US'),
          `${ms(o.trackMs)} ms`,
          `${ms(o.enqueueMs)} ms`,
          `${kB(o.bytes)} kB`,
          `${o.bytesPerEvent} B`,
          `${ms(o.flushMs)} ms`,
          `${num(o.flushPerSecond)} events/s`,
        ],
      ],
    ),
    '',
  ];
}

function markdownRenderer(m) {
  const cap = Math.round(m.baselineCapMs / 1000);
  const row = (label, x) => [
    label,
    ms(x.ms),
    x.baselineCapped ? `not done after ${cap} s (wall time)` : ms(x.baselineMs),
    x.baselineCapped ? '–' : ratio(x.baselineMs, x.ms),
  ];
  const n = num(m.n);
  return [
    `bench/markdown.ts${m.at ? ` (run on its own on ${m.at.slice(0, 10)}${m.load ? `, 1-minute load average ${m.load.join(' → ')}: a shared machine` : ''})` : ''}: the practice's markdown renderer (\`renderMarkdown\` building its DocumentFragment) in Chromium, beside the renderer of commit ${m.baseline}, before its work was made linear. Main-thread CPU time (CDP \`TaskDuration\`), each timing in a fresh page after a forced GC. Hostile inputs: median of ${m.runs} runs now, one run of the baseline, cut off after ${cap} s. Streaming: a ${num(m.replyChars)}-character coach-like reply (paragraphs, emphasis, code, links, lists, a quote) rendered again after every ${m.deltaChars}-character delta, ${num(m.renders)} renders in all, median of ${m.runs} runs of each.`,
    '',
    table(
      ['Input', 'now ms', `before (${m.baseline}) ms`, 'speed-up'],
      [
        row(`${n} \`[\``, m.brackets),
        row(`a bare URL followed by ${n} \`)\``, m.parens),
        row(
          `${num(m.replyChars)}-character reply, re-rendered per ${m.deltaChars}-character delta`,
          m.stream,
        ),
      ],
    ),
    '',
    "On a normal reply both cost about the same (building the DOM dominates). Re-rendering the whole reply on every delta makes the streamed total grow with the square of the reply's length whatever the renderer; what changed is that no single render costs more than linear work in its input (packages/elements/src/practice/markdown-linear-work.test.ts counts the renderer's reads on 31 hostile classes at 10,000 and 100,000 characters).",
    '',
  ];
}

/** Sections 1–9, from the results of one run. */
export function sections(r) {
  return [
    ...section('1. Bundle size', r.bundle, bundle),
    ...section('2. Host-page cost', r['host-page'], hostPage),
    ...section('3. Click → first coach line painted', r.practice, clickToFirstLine),
    ...section('4. Streaming and memory', r.practice, streamingAndMemory),
    ...section('5. Outbox', r.outbox, outbox),
    ...section('6. Service under load', r.load, serviceLoad),
    ...section('7a. Activation query (PGlite)', r.activation, activationQuery),
    ...section('7b. Activation query (PostgreSQL)', r['activation-pg'], activationQuery),
    ...section('8. Model judge', r.judge, judge),
    ...section('9. Markdown renderer', r.markdown, markdownRenderer),
    ...section('10. Outbound delivery', r.outbound, outboundDelivery),
    ...section('11. Voice latency', r.voice, voiceLatency),
    // Optional (BENCH_ONLY=export): absent from a run that did not name it.
    ...(r.export ? section('12. Export memory', r.export, exportMemory) : []),
  ];
}
