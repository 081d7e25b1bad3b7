// A server for bench/load.ts, in its own process so the load generator does not share its event
// loop: `--bare` is a plain node:http server answering 202 (the baseline), otherwise the Inflow
// service (PGlite in a temp data directory, or PostgreSQL when DATABASE_URL is set), rate limit
// off. Prints `READY <url>`; SIGTERM closes it cleanly.
// `--store-rate <seconds> <callers> <batch>`: no HTTP at all; the service's own store takes
// batches of fresh events from that many concurrent callers for that long (the storage limit the
// ingest route is judged against), prints `STORE {json}` and exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createService, startServer } from '../packages/service/src/index.js';
import { eventBatch } from './event-batch.js';

const databaseUrl = process.env.DATABASE_URL;
const storage = () => {
  const dataDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'inflow-bench-'));
  return {
    options: databaseUrl ? { databaseUrl } : { dataDir },
    remove: () => dataDir && rmSync(dataDir, { recursive: true, force: true }),
  };
};

async function storeRate(seconds: number, callers: number, batch: number): Promise<void> {
  const where = storage();
  const service = await createService({ ...where.options, log: () => undefined });
  try {
    let batches = 0;
    const start = performance.now();
    const until = start + seconds * 1000;
    await Promise.all(
      Array.from({ length: callers }, async (_, i) => {
        const caller = { tenant: 'demo', user: `store-${i}`, team: 't' };
        while (performance.now() < until) {
          await service.store.insertEvents(caller, eventBatch(batch));
          batches++;
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    console.log(
      `STORE ${JSON.stringify({ batchesPerSecond: batches / elapsed, eventsPerSecond: (batches * batch) / elapsed })}`,
    );
  } finally {
    await service.close();
    where.remove();
  }
}

const rate = process.argv.indexOf('--store-rate');
if (rate >= 0) {
  const [seconds, callers, batch] = process.argv.slice(rate + 1, rate + 4).map(Number);
  await storeRate(seconds!, callers!, batch!);
  process.exit(0);
}

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
  const where = storage();
  const server = await startServer({ port: 0, ...where.options, rateLimit: false, log: () => undefined });
  console.log(`READY ${server.url}`);
  close = async () => {
    await server.close();
    where.remove();
  };
}
process.once('SIGTERM', () => void close().then(() => process.exit(0)));
