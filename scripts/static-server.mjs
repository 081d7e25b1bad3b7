// The one plain static file server (node:http, no API, no rewrites): what a vendor's CDN or
// `npx serve` gives the static demo. `node scripts/static-server.mjs <dir> [port]` serves a
// directory (default demo/dist-static on PORT or 8788); the browser suites import
// `serveDirectory` and add routes of their own (a vendor page, a token endpoint).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

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
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
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
