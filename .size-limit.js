// Size budgets (docs/design.md §8; thresholds in bench/budgets.mjs), enforced by `npm test` with
// size-limit on the `<script type="module">` embed vendors load (packages/elements/dist/cdn, built
// by packages/elements/scripts/bundle.mjs).
// Sizes are gzip -9 of each file, summed over the files a page fetches: an entry's size is the
// file plus every chunk it imports statically, transitively (what must arrive before it runs);
// the "everything" check adds every chunk the launcher can load lazily (the first click's chunk:
// panel, practice with its markdown renderer and the reply stream; client, localize runtime)
// and ONE locale: a page runs in one locale and fetches only that locale's chunk
// (core/localization-runtime loads `locales/<locale>.js` for the configured locale, nothing
// else), so counting all of them would
// measure bytes no page ever downloads. The largest locale chunk is counted, so the check holds
// for every locale. Chunk names carry content hashes, so the file lists come from esbuild's metafile
// (bench/embed-graph.mjs walks it).
//
// Units: size-limit reads "kB" as 1,000 bytes, so "12 kB" is the strict reading of the design's 12 KB.
// INFLOW_CDN_DIR points the checks at another copy of the bundle (the size test pads one).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  EVERYTHING_GZIP,
  LAUNCHER_ENTRY_GZIP,
  NUDGE_FIRST_SIGHT_GZIP,
  REPORT_FIRST_SIGHT_GZIP,
  EDITOR_FIRST_SIGHT_GZIP,
  VOICE_CHUNK_GZIP,
} from './bench/budgets.mjs';
import { embedGraph } from './bench/embed-graph.mjs';

const cdnDir = resolve(process.env.INFLOW_CDN_DIR ?? 'packages/elements/dist/cdn');
const { outputOf, closure: walk } = embedGraph(JSON.parse(readFileSync(`${cdnDir}/meta.json`, 'utf8')));
const gzipSize = (file) => gzipSync(readFileSync(`${cdnDir}/${file}`), { level: 9 }).length;
// The embed defines the other elements on first sight; they have their own checks below. So has
// the voice chunk, which the practice loads only when the microphone is first used (docs/voice.md).
const VOICE = 'dist/practice/voice/index.js';
const otherElements = new Set(
  ['dist/define/nudge.js', 'dist/define/activation-report.js', 'dist/define/scenario-editor.js', VOICE].map(
    outputOf,
  ),
);

/** The files a page fetches for `entry`: static imports; with `lazy`, what it can load later. */
const closure = (entry, lazy) =>
  [...walk(entry, { lazy: (target) => lazy && !otherElements.has(target), localeSize: gzipSize })].map(
    (file) => `${cdnDir}/${file}`,
  );

const kB = (bytes) => `${bytes / 1000} kB`;

export default [
  {
    name: `launcher entry: inflow.js + static chunks (design ≤ ${kB(LAUNCHER_ENTRY_GZIP)})`,
    path: closure('inflow.js', false),
    gzip: true,
    limit: kB(LAUNCHER_ENTRY_GZIP),
  },
  {
    name: `everything the launcher can load (design ≤ ${kB(EVERYTHING_GZIP)})`,
    path: closure('inflow.js', true),
    gzip: true,
    limit: kB(EVERYTHING_GZIP),
  },
  // Not in the design: guards for the elements the embed defines on first sight (their own
  // chunks and what they import statically, beyond the launcher entry).
  {
    name: '<inflow-nudge> on first sight (guard)',
    path: closure(outputOf('dist/define/nudge.js'), false).filter(
      (f) => !closure('inflow.js', false).includes(f),
    ),
    gzip: true,
    limit: kB(NUDGE_FIRST_SIGHT_GZIP),
  },
  {
    name: '<inflow-activation-report> on first sight (guard)',
    path: closure(outputOf('dist/define/activation-report.js'), false).filter(
      (f) => !closure('inflow.js', false).includes(f),
    ),
    gzip: true,
    limit: kB(REPORT_FIRST_SIGHT_GZIP),
  },
  // An admin screen's element: outside the launcher's budgets (excluded from "everything" above).
  {
    name: '<inflow-scenario-editor> on first sight (guard)',
    path: closure(outputOf('dist/define/scenario-editor.js'), false).filter(
      (f) => !closure('inflow.js', false).includes(f),
    ),
    gzip: true,
    limit: kB(EDITOR_FIRST_SIGHT_GZIP),
  },
  // Voice practice's own chunk: fetched on the first use of the microphone, never before, so it is
  // outside "everything" above (the practice's microphone control itself is counted there).
  {
    name: `voice chunk, on the first use of the microphone (≤ ${kB(VOICE_CHUNK_GZIP)})`,
    path: closure(outputOf(VOICE), false).filter((f) => !closure('inflow.js', true).includes(f)),
    gzip: true,
    limit: kB(VOICE_CHUNK_GZIP),
  },
];
