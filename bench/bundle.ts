// Bundle sizes (docs/design.md §8): the launcher entry, the lazy practice code and the whole SDK from the
// built embed (packages/elements/dist/cdn, rebuilt by `npm run bench`), beside deep-chat bundled
// here with esbuild (minified, code splitting) from its npm package in the same run.
// Sizes are per file, gzip -9 and brotli q11, summed over the files a page fetches.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { embedGraph } from './embed-graph.mjs';
import { buildDeepChat, embedFiles, log, result } from './lib.js';

interface Size {
  files: number;
  min: number;
  gzip: number;
  brotli: number;
}
function measure(bodies: Buffer[]): Size {
  let min = 0;
  let gzip = 0;
  let brotli = 0;
  for (const body of bodies) {
    min += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    brotli += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { files: bodies.length, min, gzip, brotli };
}

// --- Inflow: closures over the bundler's meta.json (bench/embed-graph.mjs), counted as the size
// check in `npm test` counts them (.size-limit.js): one locale, the largest, as a page loads one.
const files = embedFiles();
const meta = JSON.parse(files.get('meta.json')!.toString()) as {
  outputs: Record<
    string,
    { entryPoint?: string; inputs?: Record<string, unknown>; imports: { path: string; kind: string }[] }
  >;
};
const { outputOf, closure: walk } = embedGraph(meta);
const localeSize = (file: string) => gzipSync(files.get(file)!, { level: 9 }).length;
const closure = (entry: string, lazy: (target: string) => boolean = () => false): Set<string> =>
  walk(entry, { lazy, localeSize });
const bodies = (set: Iterable<string>) => [...set].map((f) => files.get(f)!);
const entry = closure('inflow.js');
const panel = outputOf('dist/launcher/panel.js');
const clientChunk = outputOf('../client/dist/index.js');
const stream = outputOf('../client/dist/stream.js');
if (!panel || !clientChunk || !stream) throw new Error('meta.json: panel, client or stream chunk not found');
// What the first click adds: the panel + practice element (+ markdown),
// the client and its stream reader — everything beyond the entry.
const practice = new Set(
  [...closure(panel), ...closure(clientChunk), ...closure(stream)].filter((f) => !entry.has(f)),
);
// As the size check: the other elements and the voice chunk have their own lines.
const otherElements = new Set([
  outputOf('dist/define/nudge.js'),
  outputOf('dist/define/activation-report.js'),
  outputOf('dist/define/scenario-editor.js'),
  outputOf('dist/practice/voice/index.js'),
]);
const everything = closure('inflow.js', (t) => !otherElements.has(t));
const whole = [...files.keys()].filter((f) => f.endsWith('.js'));

// --- deep-chat: bundled now, the way a page would ship it.
const t0 = performance.now();
const dc = await buildDeepChat();
const dcEntry = new Set<string>();
const dcVisit = (f: string) => {
  if (dcEntry.has(f)) return;
  dcEntry.add(f);
  for (const i of dc.metafile.outputs[f]!.imports) if (i.kind === 'import-statement') dcVisit(i.path);
};
dcVisit(dc.entry);
const dcBody = (f: string) => dc.files.get(f)!;
const dcEntrySize = measure([...dcEntry].map(dcBody));
const dcWhole = measure(
  Object.keys(dc.metafile.outputs)
    .filter((f) => f.endsWith('.js'))
    .map(dcBody),
);
const dcVersion = dc.version;
log(`deep-chat ${dcVersion} bundled in ${Math.round(performance.now() - t0)} ms`);

// Who fills the lazy code: bytes in the minified output by package (or by source folder).
const contributors = new Map<string, number>();
for (const file of everything) {
  if (entry.has(file)) continue;
  const inputs =
    (meta.outputs[`dist/cdn/${file}`] as unknown as { inputs?: Record<string, { bytesInOutput: number }> })
      .inputs ?? {};
  for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
    const pkg =
      /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
      input.split('/').slice(0, 2).join('/');
    contributors.set(pkg, (contributors.get(pkg) ?? 0) + bytesInOutput);
  }
}
const topLazy = [...contributors]
  .sort((a, b) => b[1] - a[1])
  .slice(0, 6)
  .map(([name, min]) => ({ name, min }));

result({
  topLazy,
  inflow: {
    entry: measure(bodies(entry)),
    practice: measure(bodies(practice)),
    everything: measure(bodies(everything)),
    whole: measure(bodies(whole)),
  },
  deepChat: { version: dcVersion, entry: dcEntrySize, whole: dcWhole },
});
