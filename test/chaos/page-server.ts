// Serves the chaos page, its bundle and a token endpoint (the "vendor backend") on its own origin
// (localhost), so the page talks to the API (127.0.0.1) cross-origin, as on a vendor's site.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { DEMO_SECRET, mintToken } from '@inflow/service';

export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./page/main.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface TokenPolicy {
  user: string;
  /** Token lifetime in seconds (short, so tokens expire during the run). */
  ttlSeconds: number;
  issued: number;
  /** Every token handed out, in order. */
  minted: string[];
}

export async function startPageServer(bundle: string, policy: TokenPolicy) {
  const html =
    '<!doctype html><meta charset="utf-8"><title>chaos host</title><p>host page</p><script type="module" src="/page.js"></script>';
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(html);
    }
    if (path === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(bundle);
    }
    if (path === '/token') {
      // Varying the lifetime makes every token a distinct string (HS256 is deterministic).
      const ttlSeconds = policy.ttlSeconds + (policy.issued++ % 5);
      mintToken({
        tenant: 'demo',
        user: policy.user,
        team: 'chaos-team',
        secret: DEMO_SECRET,
        ttlSeconds,
      }).then(
        (minted) => {
          policy.minted.push(minted.token);
          res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify(minted));
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // `localhost` vs the API's `127.0.0.1`: a different origin, and still a secure context (Web Locks).
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
