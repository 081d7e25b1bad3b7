/**
 * The elements' embed (`@inflow/elements/dist/cdn`: `inflow.js` + its lazy `chunks/`), served by
 * the Node service so a vendor page needs no CDN (docs/service.md "The embed"):
 *  - `/inflow/<version>/<file>`: every file of the bundle, cached for a year (`immutable`): a
 *    version's bytes never change, so its Subresource Integrity hash (integrity.json) holds;
 *  - `/inflow.js` (+ `/chunks/<file>` that it imports): the latest, with a short cache.
 * The files are read once at start, so what is served always matches the integrity manifest
 * read with them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { ApiError, errorResponse } from './errors.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The unversioned alias follows deploys: a page picks up a new version within five minutes. */
export const SHORT_CACHE = 'public, max-age=300';

export interface EmbedFile {
  bytes: Uint8Array;
  type: string;
  /** `sha384-…` from integrity.json (scripts only). */
  integrity?: string;
}

export interface Embed {
  /** The @inflow/elements version the bundle was built from (integrity.json). */
  version: string;
  dir: string;
  /** By path inside the bundle: `inflow.js`, `chunks/…`. */
  files: Map<string, EmbedFile>;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  map: 'application/json; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * Where the bundle is: `INFLOW_EMBED_DIR`, else `dist/cdn` of the @inflow/elements this package
 * depends on (found through its exported `package.json`, in a clone and in an installed
 * `node_modules` alike). Undefined when @inflow/elements is not installed.
 */
export function findEmbedDir(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.INFLOW_EMBED_DIR) return env.INFLOW_EMBED_DIR;
  try {
    return join(
      dirname(createRequire(import.meta.url).resolve('@inflow/elements/package.json')),
      'dist',
      'cdn',
    );
  } catch {
    return undefined;
  }
}

/** Reads the bundle and its integrity manifest; throws a clear error when either is missing. */
export function loadEmbed(dir: string): Embed {
  let manifest: { version: string; files: Record<string, string> };
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'integrity.json'), 'utf8')) as typeof manifest;
  } catch {
    throw new Error(
      `no embed bundle in ${dir} (integrity.json missing): build @inflow/elements first (npm run build)`,
    );
  }
  const files = new Map<string, EmbedFile>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'meta.json') continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/');
    const type = TYPES[path.slice(path.lastIndexOf('.') + 1)];
    if (!type) continue;
    const integrity = manifest.files[path];
    files.set(path, { bytes: readFileSync(join(dir, path)), type, ...(integrity ? { integrity } : {}) });
  }
  for (const path of Object.keys(manifest.files)) {
    if (!files.has(path))
      throw new Error(
        `embed bundle in ${dir} is incomplete: ${path} is listed in integrity.json but missing`,
      );
  }
  return { version: manifest.version, dir, files };
}

/** `<script type="module" src=… integrity=… crossorigin>` for the versioned entry on `origin`. */
export function embedScriptTag(embed: Embed, origin: string): string {
  const entry = embed.files.get('inflow.js');
  return `<script type="module" src="${origin}/inflow/${embed.version}/inflow.js" integrity="${entry?.integrity ?? ''}" crossorigin="anonymous"></script>`;
}

/**
 * Answers GET/HEAD for the embed's paths and passes every other request on. Any origin may load
 * the embed (it holds no data), whatever CORS the API is configured with.
 */
export function embedMiddleware(embed: Embed): MiddlewareHandler {
  const versioned = `/inflow/${embed.version}/`;
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path;
    let file: EmbedFile | undefined;
    let cache = SHORT_CACHE;
    if (path.startsWith(versioned)) {
      file = embed.files.get(path.slice(versioned.length));
      cache = IMMUTABLE;
      if (!file)
        return errorResponse(
          c,
          new ApiError('not_found', `no file ${path.slice(versioned.length)} in the embed ${embed.version}`),
        );
    } else if (path.startsWith('/inflow/')) {
      return errorResponse(
        c,
        new ApiError(
          'not_found',
          `this service serves the embed ${embed.version} only (${versioned}inflow.js)`,
        ),
      );
    } else if (path === '/inflow.js' || path.startsWith('/chunks/')) {
      file = embed.files.get(path.slice(1));
    }
    if (!file) return next();
    const headers = {
      'Content-Type': file.type,
      'Content-Length': String(file.bytes.byteLength),
      'Cache-Control': cache,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    };
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, headers);
  };
}
