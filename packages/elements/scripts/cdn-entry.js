// The `<script type="module" src=".../inflow.js">` embed: one entry for every Inflow element.
// Eager: configure(), the event classes and <inflow-launcher> (the docs/design.md §8 launcher budget).
// Lazy: <inflow-practice>, <inflow-nudge>, <inflow-activation-report> and <inflow-scenario-editor>
// are defined from their own chunks the first time such a tag is in the document, so a page pays
// only for what it uses.
// (Bundled by scripts/bundle.mjs from dist/; not part of the npm entry points, where the
// `define/<name>` files do this job for bundlers.)
export * from '../dist/index.js';
import '../dist/define/launcher.js';

const lazyTags = {
  'inflow-practice': () => import('../dist/define/practice.js'),
  'inflow-nudge': () => import('../dist/define/nudge.js'),
  'inflow-activation-report': () => import('../dist/define/activation-report.js'),
  'inflow-scenario-editor': () => import('../dist/define/scenario-editor.js'),
};

function defineTagsInDocument() {
  for (const [tag, load] of Object.entries(lazyTags)) {
    // A live collection: `length` is cheap, and no selector parsing per mutation.
    if (document.getElementsByTagName(tag).length === 0) continue;
    delete lazyTags[tag];
    load().catch((error) => console.error(`[inflow] could not load <${tag}>`, error));
  }
  if (Object.keys(lazyTags).length === 0) observer.disconnect();
}

const observer = new MutationObserver(defineTagsInDocument);
observer.observe(document.documentElement, { childList: true, subtree: true });
defineTagsInDocument();
