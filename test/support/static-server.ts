// A plain static file server (node:http, no API, no rewrites): what a vendor's CDN or
// `npx serve` gives the static demo. Listens on a free loopback port.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  url: string;
  /** Paths requested so far (to prove no API request ever reached a server). */
  requests: string[];
  close(): Promise<void>;
}

/** Extra routes: a path → an HTML page, or a handler (e.g. a vendor's token endpoint). */
export type ExtraRoutes = Record<string, string | ((req: IncomingMessage, res: ServerResponse) => void | Promise<void>)>;

export async function serveDirectory(dir: string, extra: ExtraRoutes = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(`${req.method} ${path}`);
    const route = extra[path];
    if (typeof route === 'function') {
      Promise.resolve(route(req, res)).catch(() => res.writeHead(500).end());
      return;
    }
    if (route !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html']! }).end(route);
      return;
    }
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
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
