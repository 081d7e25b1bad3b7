// The custom elements manifest is what editors, the docs reference and the framework types read:
// regenerate it from the sources and check what a vendor relies on, and that the committed
// framework declarations (src/frameworks/*.ts) were generated from this manifest.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, test } from 'vitest';

const run = promisify(execFile);
const elements = new URL('../../packages/elements/', import.meta.url).pathname;

interface Manifest {
  modules: {
    path: string;
    declarations?: {
      name: string;
      tagName?: string;
      customElement?: boolean;
      attributes?: { name: string }[];
      events?: { name: string; type?: { text: string } }[];
      cssParts?: unknown[];
    }[];
    exports?: { kind: string; name: string; declaration: { module: string } }[];
  }[];
}

let manifest: Manifest;

beforeAll(async () => {
  await run(
    process.execPath,
    [join(elements, '../../node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze'],
    { cwd: elements },
  );
  manifest = JSON.parse(await readFile(join(elements, 'custom-elements.json'), 'utf8')) as Manifest;
});

test('every element is in the manifest with its tag, its define module and typed inflow-* events', () => {
  const elementsByTag = new Map(
    manifest.modules.flatMap((m) =>
      (m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d] as const),
    ),
  );
  expect([...elementsByTag.keys()].sort()).toEqual([
    'inflow-activation-report',
    'inflow-launcher',
    'inflow-nudge',
    'inflow-practice',
    'inflow-scenario-editor',
  ]);

  const definitions = manifest.modules.flatMap((m) =>
    (m.exports ?? [])
      .filter((e) => e.kind === 'custom-element-definition')
      .map((e) => `${m.path} → ${e.name}`),
  );
  expect(definitions.sort()).toEqual([
    'dist/define/activation-report.js → inflow-activation-report',
    'dist/define/launcher.js → inflow-launcher',
    'dist/define/nudge.js → inflow-nudge',
    'dist/define/practice.js → inflow-practice',
    'dist/define/scenario-editor.js → inflow-scenario-editor',
  ]);

  const launcher = elementsByTag.get('inflow-launcher')!;
  expect(launcher.attributes?.map((a) => a.name)).toEqual(
    expect.arrayContaining([
      'scenario',
      'api-base',
      'token',
      'source',
      'label',
      'variant',
      'placement',
      'locale',
    ]),
  );
  // Its own events and those of the practice inside it (they bubble and are composed).
  expect(Object.fromEntries(launcher.events!.map((e) => [e.name, e.type?.text]))).toMatchObject({
    'inflow-open': 'InflowOpenEvent',
    'inflow-close': 'InflowCloseEvent',
    'inflow-error': 'InflowErrorEvent',
    'inflow-complete': 'InflowCompleteEvent',
  });
  for (const d of elementsByTag.values()) {
    for (const e of d.events ?? [])
      expect(e.name, `${d.tagName} documents only inflow-* events`).toMatch(/^inflow-/);
    expect(d.cssParts?.length, `${d.tagName} documents its parts`).toBeGreaterThan(0);
  }
});

test('the committed framework type declarations match the manifest', async () => {
  // Exits non-zero and names the stale files when src/frameworks/*.ts differ from a fresh generation.
  await run(process.execPath, [join(elements, 'scripts/framework-types.mjs'), '--check'], { cwd: elements });
});
