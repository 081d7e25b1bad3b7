// Constant memory of the warehouse export (docs/activation.md, Export): fills a throw-away
// PostgreSQL with events by generate_series, in steps (default 1 M, then 10 M rows), and after each
// step streams GET /v1/export/events over HTTP from the real service in this process, sampling its
// RSS and heap every 100 ms. Memory is constant when the peak at 10 M rows is that at 1 M.
//
//   node --expose-gc --conditions=source --import tsx bench/export.ts
//   BENCH_EXPORT_ROWS=200000,1000000 BENCH_EXPORT_FORMAT=csv node --conditions=source --import tsx bench/export.ts
//
// Optional in bench/run.mjs (BENCH_ONLY=export): filling 10 M rows takes minutes.
import { mintToken, startServer } from '../packages/service/src/index.js';
import { migrate } from '../packages/service/src/store/migrate.js';
import { MIGRATIONS } from '../packages/service/src/store/migrations/index.js';
import { openPostgresDb } from '../packages/service/src/store/postgres.js';
import { startPostgres } from '../packages/service/src/test/postgres.js';
import { log, QUICK, result, round } from './lib.js';

const STEPS = (process.env.BENCH_EXPORT_ROWS ?? (QUICK ? '100000,1000000' : '1000000,10000000'))
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
const FORMAT = process.env.BENCH_EXPORT_FORMAT === 'csv' ? 'csv' : 'ndjson';
const TENANT = 'bench';
const SECRET = 'bench-export-secret-0123456789abcdef';
const CHUNK = 1_000_000;
const MiB = 2 ** 20;

const pg = await startPostgres();
if ('skip' in pg) {
  log(`skipped: ${pg.skip}`);
  result({ skipped: pg.skip });
  process.exit(0);
}
const url = await pg.createDatabase('export_bench');
const db = await openPostgresDb(url);
await migrate(db, MIGRATIONS);

/** Events i in [from, to): one a millisecond from 2026-01-01, sequential ids, a free-text prop. */
async function fill(from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    const t0 = performance.now();
    await db.query(
      `insert into events (tenant, id, name, at, received_at, "user", team, session_id, scenario, source, props)
       select $1,
              ('0190a000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
              (array['impression','open','session_start','first_interaction','complete'])[1 + i % 5],
              timestamptz '2026-01-01T00:00:00Z' + i * interval '1 millisecond',
              timestamptz '2026-01-01T00:00:00Z' + i * interval '1 millisecond',
              'user-' || (i % 50000), 'team-' || (i % 40), null, 'underperformance', 'embedded',
              jsonb_build_object('userTurns', i % 9, 'input', 'text', 'note', 'a sentence nobody exports')
         from generate_series($2::bigint, $3::bigint - 1) as i`,
      [TENANT, start, end],
    );
    log(`filled ${end.toLocaleString('en')} rows (${Math.round(performance.now() - t0)} ms)`);
  }
  await db.exec('analyze events');
}

const server = await startServer({
  port: 0,
  databaseUrl: url,
  tenants: [{ id: TENANT, secrets: [SECRET] }],
  rateLimit: false,
  log: () => undefined,
});
const { token } = await mintToken({ tenant: TENANT, user: 'hr', scope: 'admin', secret: SECRET });

interface Measure {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  mibPerSecond: number;
  baselineRssMiB: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  /** Only with --expose-gc. */
  peakRetainedHeapMiB?: number;
}

async function measure(expected: number): Promise<Measure> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  let peakRetained = 0;
  let samples = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    // With --expose-gc, once a second: the heap still live after a full collection (what a leak grows).
    if (gc && ++samples % 10 === 0) {
      gc();
      peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed);
    }
  }, 100);
  const t0 = performance.now();
  const res = await fetch(`${server.url}/v1/export/events?from=2026-01-01&to=2026-12-31&format=${FORMAT}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
  let lines = 0;
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const rows = FORMAT === 'csv' ? lines - 1 : lines;
  if (rows !== expected) throw new Error(`exported ${rows} rows, expected ${expected}`);
  const m: Measure = {
    rows,
    seconds: round(seconds, 1),
    rowsPerSecond: Math.round(rows / seconds),
    mibPerSecond: round(bytes / MiB / seconds, 1),
    baselineRssMiB: round(baseline.rss / MiB),
    peakRssMiB: round(peakRss / MiB),
    peakHeapMiB: round(peakHeap / MiB),
    ...(gc ? { peakRetainedHeapMiB: round(peakRetained / MiB) } : {}),
  };
  log(JSON.stringify(m));
  return m;
}

const measures: Measure[] = [];
let filled = 0;
try {
  for (const rows of STEPS) {
    await fill(filled, rows);
    filled = rows;
    measures.push(await measure(rows));
  }
} finally {
  await server.close();
  await db.close();
  await pg.stop();
}
const first = measures[0]!;
const last = measures.at(-1)!;
result({
  format: FORMAT,
  pageSize: 5000,
  steps: measures,
  // Growth of the peak RSS from the smallest to the largest export: ~1 when memory is constant.
  peakRssRatio: round(last.peakRssMiB / first.peakRssMiB, 2),
  loadAverage: (await import('node:os')).loadavg().map((x) => round(x, 1)),
});
