// A vendor's web server for the host tests: serves a built host app (or server-rendered HTML) on
// its own origin (`localhost`, while the Inflow API is on `127.0.0.1`: cross-origin, as on a
// vendor's site), mints embed tokens server-side at GET /token (what a vendor backend does), and
// collects CSP violation reports posted to /csp-report.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { DEMO_SECRET, mintToken } from '@inflow/service';
import { resolveStatic } from '../../../scripts/static-server.mjs';

export interface VendorServerOptions {
  /** URL path prefix → directory served as static files, e.g. `{ '/': dist, '/inflow/': cdn }`. */
  static: Record<string, string>;
  /** Inflow API base (no `/v1`), handed to the page at GET /inflow-config. */
  apiBase: string;
  /** Sent as `Content-Security-Policy` on every response when set. */
  csp?: string;
  /** Server-rendered routes: path → HTML (the CSP page renders its markup per request). */
  pages?: Record<string, () => string>;
  /** The user the tokens are minted for. */
  user: string;
}

export interface VendorServer {
  url: string;
  /** Bodies of the CSP violation reports the browser posted. */
  cspReports: unknown[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startVendorServer(options: VendorServerOptions): Promise<VendorServer> {
  const cspReports: unknown[] = [];
  const headers = (type: string) => ({
    'content-type': type,
    'cache-control': 'no-store',
    ...(options.csp ? { 'content-security-policy': options.csp } : {}),
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (path === '/csp-report' && req.method === 'POST') {
      const body = await readBody(req);
      cspReports.push(body ? JSON.parse(body) : null);
      res.writeHead(204);
      return void res.end();
    }
    if (path === '/favicon.ico') {
      // Browsers ask for it on their own; a 404 would show up as a console error.
      res.writeHead(204, headers('image/x-icon'));
      return void res.end();
    }
    if (path === '/token') {
      const minted = await mintToken({
        tenant: 'demo',
        user: options.user,
        team: 'hosts',
        secret: DEMO_SECRET,
        ttlSeconds: 600,
      });
      res.writeHead(200, headers('application/json'));
      return void res.end(JSON.stringify(minted));
    }
    if (path === '/inflow-config') {
      res.writeHead(200, headers('application/json'));
      return void res.end(JSON.stringify({ apiBase: options.apiBase }));
    }
    const page = options.pages?.[path];
    if (page) {
      res.writeHead(200, headers('text/html; charset=utf-8'));
      return void res.end(page());
    }
    // Longest matching static prefix wins; `..` cannot leave the directory (resolveStatic).
    const prefix = Object.keys(options.static)
      .filter((p) => path.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    const found =
      prefix === undefined ? undefined : resolveStatic(options.static[prefix]!, path.slice(prefix.length));
    if (found?.status === 200) {
      res.writeHead(200, headers(found.type));
      return void res.end(await readFile(found.file));
    }
    res.writeHead(404, headers('text/plain'));
    res.end('not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    cspReports,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
