// A server for bench/load.ts, in its own process so the load generator does not share its event
// loop: `--bare` is a plain node:http server answering 202 (the baseline), otherwise the Inflow
// service (PGlite in a temp data directory, or PostgreSQL when DATABASE_URL is set), rate limit
// off. Prints `READY <url>`; SIGTERM closes it cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../packages/service/src/index.js';

let close: () => Promise<void>;
if (process.argv.includes('--bare')) {
  // Reads the whole body and answers like the events route does, so the ratio isolates the
  // service's own work (auth, validation, storage).
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":50,"duplicates":0}'),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  close = () => new Promise((r) => (server.closeAllConnections(), server.close(() => r())));
} else {
  const databaseUrl = process.env.DATABASE_URL;
  const dataDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'inflow-bench-'));
  const server = await startServer({
    port: 0,
    ...(databaseUrl ? { databaseUrl } : { dataDir }),
    rateLimit: false,
    log: () => undefined,
  });
  console.log(`READY ${server.url}`);
  close = async () => {
    await server.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
process.once('SIGTERM', () => void close().then(() => process.exit(0)));
