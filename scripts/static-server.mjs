// The one plain static file server (node:http, no API, no rewrites): what a vendor's CDN or
// `npx serve` gives the static demo. `node scripts/static-server.mjs <dir> [port]` serves a
// directory (default demo/dist-static on PORT or 8788); the browser suites import
// `serveDirectory` and add routes of their own (a vendor page, a token endpoint).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The file under `root` that a URL path names (a directory names its index.html), with its
 * content type; status 403 when the path would leave `root`, 404 when there is no such file.
 */
export function resolveStatic(root, path) {
  const base = resolve(root);
  let file = normalize(join(base, path));
  if (file !== base && !file.startsWith(`${base}${sep}`)) return { status: 403 };
  try {
    if (path.endsWith('/') || statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!statSync(file).isFile()) return { status: 404 };
  } catch {
    return { status: 404 };
  }
  return { status: 200, file, type: TYPES[extname(file)] ?? 'application/octet-stream' };
}

/**
 * Serves `dir`, plus `routes`: a path → an HTML page, or a handler `(req, res)`. Listens on
 * `port` (0, the default, picks a free one) and `host` (loopback by default). Resolves to
 * `{ url, requests, close }`; `requests` lists every `METHOD path` asked for, in order.
 */
export async function serveDirectory(dir, routes = {}, { port = 0, host = '127.0.0.1' } = {}) {
  const root = resolve(dir);
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(`${req.method} ${path}`);
    const route = routes[path];
    if (typeof route === 'function') {
      Promise.resolve(route(req, res)).catch(() => res.writeHead(500).end());
      return;
    }
    if (route !== undefined) return void res.writeHead(200, { 'content-type': TYPES['.html'] }).end(route);
    const found = resolveStatic(root, path);
    if (found.status === 403) return void res.writeHead(403).end();
    if (found.status === 404)
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': found.type });
    createReadStream(found.file).pipe(res);
  });
  await new Promise((done) => server.listen(port, host, done));
  return {
    url: `http://${host}:${server.address().port}`,
    requests,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'demo/dist-static';
  const port = Number.parseInt(process.argv[3] ?? process.env.PORT ?? '8788', 10);
  const { url } = await serveDirectory(dir, {}, { port, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`Static demo (preview mode, no Inflow server) on ${url}/ — Ctrl-C to stop`);
}
