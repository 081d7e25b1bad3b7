// Service under load (docs/design.md §8), autocannon over loopback, each figure beside a bare node:http
// server answering 202 to the same requests in the same run (bench/serve.ts; every server in its
// own process, autocannon in this one):
// - event ingest: POST /v1/events, 50 fresh events per batch, for a fixed window, and the same
//   batches straight into the service's store without HTTP (the storage limit);
// - turns: 1,000 practice sessions created first, then 1,000 connections, each sending turns of
//   its own session back to back (SSE, read to the end), until every session has sent 2 turns;
// - errors only: 5,000 sessions, then one turn from each over 5,000 connections at once.
// On PGlite (temp data directory, the default deployment) and on PostgreSQL (a throw-away server
// from /usr/lib/postgresql via the service's test harness; not measured when it cannot start).
// To re-measure one part by hand (the generated report always runs everything):
// BENCH_LOAD_STORAGE=pglite|postgres runs one storage, BENCH_LOAD_PARTS=turns,crowd skips the
// others (ingest, turns, crowd), BENCH_LOAD_RUNS=<n> overrides the run count.
import autocannon from 'autocannon';
import { DEMO_SECRET, mintToken } from '../packages/service/src/index.js';
import { startPostgres } from '../packages/service/src/test/postgres.js';
import { SERVICE_SESSIONS, SERVICE_SESSIONS_NO_ERRORS } from './budgets.mjs';
import { eventBatch } from './event-batch.js';
import { spawnServer, storeRate } from './load-servers.js';
import { log, median, QUICK, result, round } from './lib.js';

const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? (QUICK ? 1 : 3));
const PARTS = new Set((process.env.BENCH_LOAD_PARTS ?? 'ingest,turns,crowd').split(','));
const STORAGE = process.env.BENCH_LOAD_STORAGE;
const INGEST_SECONDS = QUICK ? 3 : 8;
const INGEST_CONNECTIONS = 50;
const BATCH = 50;
const SESSIONS = QUICK ? 100 : SERVICE_SESSIONS;
/** Sessions at once for the errors-only run (one turn each). */
const CROWD = QUICK ? 200 : SERVICE_SESSIONS_NO_ERRORS;
const TURNS_PER_SESSION = 2;

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}
function summarize(r: autocannon.Result): Run {
  return {
    // Completed requests over the whole window (requests.average is a per-second-bucket mean,
    // which misreads runs shorter than a few seconds).
    perSecond: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    requests: r.requests.total,
  };
}
/** What failed requests met, by kind: an error code (ECONNRESET…), `timeout`, or `HTTP <status>`. */
type Failures = Record<string, number>;
const run = (options: autocannon.Options, failures: Failures = {}) =>
  new Promise<autocannon.Result>((resolve, reject) => {
    const count = (kind: string) => (failures[kind] = (failures[kind] ?? 0) + 1);
    const instance = autocannon({ timeout: 60, ...options }, (error, res) =>
      error ? reject(error) : resolve(res),
    );
    instance.on('reqError', (e: Error & { code?: string }) =>
      count(e.message === 'request timed out' ? 'timeout' : (e.code ?? e.message)),
    );
    instance.on('response', (_client: unknown, status: number) => {
      if (status < 200 || status > 299) count(`HTTP ${status}`);
    });
  });

const batch = () => JSON.stringify({ events: eventBatch(BATCH) });

async function ingest(url: string, tokens: string[]): Promise<Run> {
  let next = 0;
  const r = await run({
    url,
    connections: INGEST_CONNECTIONS,
    duration: INGEST_SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/v1/events',
        setupRequest: (req, context) => {
          context.token ??= tokens[next++ % tokens.length]!;
          return {
            ...req,
            headers: { authorization: `Bearer ${String(context.token)}`, 'content-type': 'application/json' },
            body: batch(),
          };
        },
      },
    ],
  });
  return summarize(r);
}

async function turns(
  url: string,
  sessions: { id: string; token: string }[],
  turnsEach = TURNS_PER_SESSION,
  failures?: Failures,
): Promise<Run> {
  let next = 0;
  const r = await run(
    {
      url,
      connections: sessions.length,
      amount: sessions.length * turnsEach,
      requests: [
        {
          method: 'POST',
          setupRequest: (req, context) => {
            context.i ??= next++ % sessions.length;
            const s = sessions[context.i as number]!;
            return {
              ...req,
              path: `/v1/sessions/${s.id}/turns`,
              headers: {
                authorization: `Bearer ${s.token}`,
                'content-type': 'application/json',
                accept: 'text/event-stream',
              },
              body: JSON.stringify({
                text: 'You missed the last two sprint deadlines. What is getting in the way?',
              }),
            };
          },
        },
      ],
    },
    failures,
  );
  return summarize(r);
}

async function createSessions(url: string, n: number): Promise<{ id: string; token: string }[]> {
  const out: { id: string; token: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (next < n) {
        const i = next++;
        const { token } = await mintToken({
          tenant: 'demo',
          user: `load-${Date.now()}-${i}`,
          team: `t${i % 10}`,
          secret: DEMO_SECRET,
        });
        const res = await fetch(`${url}/v1/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ scenario: 'underperformance', source: 'embedded' }),
        });
        if (res.status !== 201 && res.status !== 200)
          throw new Error(`POST /v1/sessions: ${res.status} ${await res.text()}`);
        out[i] = { id: ((await res.json()) as { id: string }).id, token };
      }
    }),
  );
  return out;
}

const ratio = (service: Run, bare: Run) => ({
  throughput: round(service.perSecond / bare.perSecond, 3),
  p50: round(service.p50 / Math.max(bare.p50, 1), 1),
  p99: round(service.p99 / Math.max(bare.p99, 1), 1),
});
const med = (runs: Run[]): Run => ({
  perSecond: round(median(runs.map((r) => r.perSecond))),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  errors: Math.max(...runs.map((r) => r.errors)),
  requests: median(runs.map((r) => r.requests)),
});

/** Errors only: CROWD sessions, then one turn from each, all at once. A failure is reported, not thrown. */
async function crowdRun(url: string) {
  try {
    const failures: Failures = {};
    const r = await turns(url, await createSessions(url, CROWD), 1, failures);
    return { sessions: CROWD, errors: r.errors, requests: r.requests, failures };
  } catch (error) {
    return { sessions: CROWD, error: error instanceof Error ? error.message : String(error) };
  }
}

async function storageRun(storage: string, env: Record<string, string>) {
  const bare = await spawnServer(['--bare']);
  const service = await spawnServer([], env);
  try {
    const tokens = await Promise.all(
      Array.from(
        { length: INGEST_CONNECTIONS },
        async (_, i) =>
          (await mintToken({ tenant: 'demo', user: `ingest-${i}`, team: 't', secret: DEMO_SECRET })).token,
      ),
    );
    const ingestBare: Run[] = [];
    const ingestService: Run[] = [];
    const store: number[] = [];
    const turnsBare: Run[] = [];
    const turnsService: Run[] = [];
    for (let i = 0; PARTS.has('ingest') && i < RUNS; i++) {
      // Alternate baseline and service within each run, so drift in machine load hits both.
      ingestBare.push(await ingest(bare.url, tokens));
      ingestService.push(await ingest(service.url, tokens));
      store.push(
        await storeRate(env, { seconds: INGEST_SECONDS, callers: INGEST_CONNECTIONS, batch: BATCH }),
      );
      log(
        storage,
        'ingest',
        JSON.stringify(ingestBare.at(-1)),
        JSON.stringify(ingestService.at(-1)),
        store.at(-1),
      );
    }
    for (let i = 0; PARTS.has('turns') && i < RUNS; i++) {
      const sessions = await createSessions(service.url, SESSIONS);
      turnsBare.push(await turns(bare.url, sessions));
      turnsService.push(await turns(service.url, sessions));
      log(storage, 'turns', JSON.stringify(turnsBare.at(-1)), JSON.stringify(turnsService.at(-1)));
    }
    const crowd = PARTS.has('crowd') ? await crowdRun(service.url) : undefined;
    log(storage, 'crowd', JSON.stringify(crowd));
    const ib = med(ingestBare);
    const is = med(ingestService);
    const tb = med(turnsBare);
    const ts = med(turnsService);
    return {
      storage,
      measured: true,
      ingest: {
        bare: ib,
        service: is,
        ratio: ratio(is, ib),
        eventsPerSecond: round(is.perSecond * BATCH),
        // The storage limit: ingest over HTTP as a share of what the store alone takes.
        store: {
          eventsPerSecond: round(median(store)),
          share: round((is.perSecond * BATCH) / median(store), 3),
        },
      },
      turns: { bare: tb, service: ts, ratio: ratio(ts, tb) },
      crowd,
    };
  } finally {
    await service.stop();
    await bare.stop();
  }
}

const results = [];
if (STORAGE !== 'postgres') results.push(await storageRun('PGlite (temp data directory)', {}));
const pg = STORAGE === 'pglite' ? { skip: 'BENCH_LOAD_STORAGE=pglite' } : await startPostgres();
if ('skip' in pg) {
  log('PostgreSQL not measured:', pg.skip);
  results.push({ storage: 'PostgreSQL', measured: false, reason: pg.skip });
} else {
  try {
    const url = await pg.createDatabase(`bench_${Date.now()}`);
    results.push(await storageRun('PostgreSQL 15 (local, fsync off)', { DATABASE_URL: url }));
  } finally {
    await pg.stop();
  }
}
result({
  runs: RUNS,
  ingestSeconds: INGEST_SECONDS,
  ingestConnections: INGEST_CONNECTIONS,
  batch: BATCH,
  sessions: SESSIONS,
  turnsPerSession: TURNS_PER_SESSION,
  results,
});
