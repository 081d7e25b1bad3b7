// The service serves the elements' embed whatever --static says: every file of the CDN bundle at
// /inflow/<version>/ (cached for a year), the latest at /inflow.js (short cache), with bytes whose
// sha384 is the one in the bundle's integrity.json, the one docs/index.md and docs/service.md pin.
// After the embed changes, `INFLOW_UPDATE_DOCS=1` writes the built version and hash into both docs.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer } from '@inflow/service';

const cdn = new URL('../../packages/elements/dist/cdn/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(`${cdn}integrity.json`, 'utf8')) as {
  version: string;
  files: Record<string, string>;
};
const sri = (bytes: ArrayBuffer | Buffer) =>
  `sha384-${createHash('sha384')
    .update(Buffer.from(bytes as ArrayBuffer))
    .digest('base64')}`;

/** A concrete versioned embed URL (not the docs' `<version>` placeholder): its version. */
const VERSIONED = /\/inflow\/([^/"'\s<>`]+)(\/inflow\.js)/g;
/** An embed URL with its integrity attribute: (up to the hash)(hash)". */
const PIN = /(\/inflow\/[^/"'\s<>`]+\/inflow\.js["']\s+integrity=")(sha384-[^"]+)"/g;

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  // A static directory with its own inflow.js: the embed still answers (API and embed win over files).
  const staticDir = mkdtempSync(join(tmpdir(), 'inflow-static-'));
  writeFileSync(join(staticDir, 'inflow.js'), 'export const stale = true;');
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', staticDir });
});

afterAll(async () => {
  await server?.close();
});

test('every script at /inflow/<version>/ has the sha384 of integrity.json, cached immutably, loadable from any origin', async () => {
  expect(Object.keys(manifest.files)).toContain('inflow.js');
  for (const [file, integrity] of Object.entries(manifest.files)) {
    const res = await fetch(`${server.url}/inflow/${manifest.version}/${file}`);
    expect(res.status, file).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(sri(await res.arrayBuffer()), file).toBe(integrity);
  }
});

test('every other file of the bundle (source maps, the manifest) is served too; other versions are a clear 404', async () => {
  const files = readdirSync(cdn, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name !== 'meta.json')
    .map((f) => relative(cdn, join(f.parentPath, f.name)));
  expect(files.length).toBeGreaterThan(Object.keys(manifest.files).length);
  for (const file of files) {
    const res = await fetch(`${server.url}/inflow/${manifest.version}/${file}`);
    expect(res.status, file).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(cdn, file))), file).toBe(true);
  }
  const other = await fetch(`${server.url}/inflow/0.0.0-nope/inflow.js`);
  expect(other.status).toBe(404);
  expect(((await other.json()) as { error: { message: string } }).error.message).toContain(
    `/inflow/${manifest.version}/inflow.js`,
  );
});

test('/inflow.js is the same embed with a short cache, and the chunks it imports resolve beside it', async () => {
  const res = await fetch(`${server.url}/inflow.js`);
  expect(res.status).toBe(200);
  const cache = res.headers.get('cache-control') ?? '';
  expect(cache).not.toContain('immutable');
  expect(Number(/max-age=(\d+)/.exec(cache)?.[1])).toBeLessThanOrEqual(3600);
  const code = await res.text();
  expect(sri(Buffer.from(code))).toBe(manifest.files['inflow.js']);
  const imports = [...code.matchAll(/["'](\.\/chunks\/[^"']+\.js)["']/g)].map((m) => m[1]!);
  expect(imports.length).toBeGreaterThan(0);
  for (const path of new Set(imports)) {
    const chunk = await fetch(new URL(path, `${server.url}/inflow.js`));
    expect(chunk.status, path).toBe(200);
    expect(sri(await chunk.arrayBuffer()), path).toBe(manifest.files[path.slice(2)]);
  }
});

test.each(['docs/index.md', 'docs/service.md'])('%s pins the built version and its integrity hash', (doc) => {
  const file = new URL(`../../${doc}`, import.meta.url);
  let text = readFileSync(file, 'utf8');
  if (process.env.INFLOW_UPDATE_DOCS) {
    text = text
      .replace(VERSIONED, `/inflow/${manifest.version}$2`)
      .replace(PIN, (_, url: string) => `${url}${manifest.files['inflow.js']}"`);
    writeFileSync(file, text);
  }
  const versions = [...text.matchAll(VERSIONED)].map((m) => m[1]);
  expect(new Set(versions), `${doc}: the version in its embed URLs`).toEqual(new Set([manifest.version]));
  const pins = [...text.matchAll(PIN)].map((m) => m[2]);
  expect(pins.length, `${doc} shows the embed tag with its integrity hash`).toBeGreaterThan(0);
  for (const integrity of pins) {
    expect(
      integrity,
      `${doc}: integrity of inflow.js (packages/elements/dist/cdn/integrity.json); after the embed changed, run this test with INFLOW_UPDATE_DOCS=1`,
    ).toBe(manifest.files['inflow.js']);
  }
});
