/**
 * Service benchmark (docs/design.md §8): event ingest and turn latency under load, reported as a ratio to
 * a bare Node HTTP server measured in the same run, plus N concurrent practice sessions with
 * p50/p99 turn latency. Storage: PGlite in a temp data directory (the default deployment).
 *
 *   node --conditions=source --import tsx packages/service/bench/service.ts
 *   BENCH_REQUESTS=2000 BENCH_CONCURRENCY=50 BENCH_SESSIONS=1000 node … (defaults shown)
 *
 * Prints a Markdown table. Numbers depend on the machine; compare ratios, not absolutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_SECRET, mintToken, startServer } from '../src/index.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const EVENTS_PER_BATCH = 20;

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Runs `total` requests with `concurrency` in flight; `make(i)` performs request i. */
async function load(total: number, concurrency: number, make: (i: number) => Promise<Response>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const res = await make(i).catch(() => undefined);
        if (!res || res.status >= 400) errors++;
        await res?.arrayBuffer().catch(() => undefined);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: total / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99), max: latencies.at(-1) ?? NaN, errors };
}

const batch = () =>
  JSON.stringify({
    events: Array.from({ length: EVENTS_PER_BATCH }, () => ({ id: crypto.randomUUID(), name: 'open', at: new Date().toISOString(), source: 'embedded' })),
  });

async function main(): Promise<void> {
  // Baseline: a bare Node server that reads the body and answers like the events route.
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":20,"duplicates":0}'));
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/v1/events`;

  const dataDir = mkdtempSync(join(tmpdir(), 'inflow-bench-'));
  const server = await startServer({ port: 0, dataDir, rateLimit: false, log: () => undefined });
  const tokens = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => mintToken({ tenant: 'demo', user: `bench-${i}`, team: `t${i % 5}`, secret: DEMO_SECRET })));
  const post = (url: string, token: string, body: string, accept = 'application/json') =>
    fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept }, body });

  try {
    const bareRun = await load(REQUESTS, CONCURRENCY, (i) => post(bareUrl, tokens[i % CONCURRENCY]!.token, batch()));
    const ingest = await load(REQUESTS, CONCURRENCY, (i) => post(`${server.url}/v1/events`, tokens[i % CONCURRENCY]!.token, batch()));

    // N concurrent practice sessions: create them, then every session sends one turn at once.
    const sessionTokens = await Promise.all(Array.from({ length: SESSIONS }, (_, i) => mintToken({ tenant: 'demo', user: `p-${i}`, secret: DEMO_SECRET })));
    const ids: string[] = [];
    const create = await load(SESSIONS, CONCURRENCY, async (i) => {
      const res = await post(`${server.url}/v1/sessions`, sessionTokens[i]!.token, JSON.stringify({ scenario: 'underperformance', source: 'embedded' }));
      ids[i] = ((await res.clone().json()) as { id: string }).id;
      return res;
    });
    const turns = await load(SESSIONS, SESSIONS, (i) =>
      post(`${server.url}/v1/sessions/${ids[i]}/turns`, sessionTokens[i]!.token, JSON.stringify({ text: 'You missed the last two sprint deadlines. What is getting in the way?' }), 'text/event-stream'),
    );

    const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
    const row = (name: string, r: Run, unit: string) =>
      `| ${name} | ${f(r.perSecond)} ${unit}/s | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} | ${r.errors} |`;
    console.log(`Service benchmark — ${new Date().toISOString()}, Node ${process.version}, PGlite data dir, ${REQUESTS} requests × ${CONCURRENCY} concurrent, ${SESSIONS} sessions\n`);
    console.log('| run | throughput | p50 ms | p99 ms | max ms | errors |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    console.log(row(`bare Node HTTP (${EVENTS_PER_BATCH}-event body)`, bareRun, 'req'));
    console.log(row(`POST /v1/events (${EVENTS_PER_BATCH} events/batch)`, ingest, 'req'));
    console.log(row(`POST /v1/sessions`, create, 'req'));
    console.log(row(`POST …/turns, ${SESSIONS} sessions at once (SSE to the end)`, turns, 'req'));
    console.log(`\nIngest throughput ratio to bare Node: ${(ingest.perSecond / bareRun.perSecond).toFixed(3)} ` +
      `(${f(ingest.perSecond * EVENTS_PER_BATCH)} events/s); p99 ratio ${(ingest.p99 / bareRun.p99).toFixed(1)}×.`);
  } finally {
    await server.close();
    bare.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
