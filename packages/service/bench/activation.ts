/**
 * Activation report query time on ≥ 1 million events.
 *
 *   node --conditions=source --import tsx packages/service/bench/activation.ts [--events 1000000] [--runs 3]
 *   DATABASE_URL=postgres://… node --conditions=source --import tsx packages/service/bench/activation.ts
 *   node --conditions=source --import tsx packages/service/bench/activation.ts --postgres   (a throw-away server)
 *
 * Generates the seeded demo company scaled up until it has at least `--events` events, loads it
 * into an in-memory PGlite (or the PostgreSQL of DATABASE_URL, in a throwaway tenant), then
 * times GET /v1/activation's query for each grouping. Prints one JSON line per measurement and a
 * final summary line `{"bench":"activation",...}` for the benchmarks report.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { computeActivation } from '../src/activation/metrics.js';
import { reportSql } from '../src/activation/sql/report.js';
import { RETURNS_SELECT } from '../src/activation/sql/returns.js';
import { WEEKLY_SELECT } from '../src/activation/sql/weekly.js';
import { activationSettings } from '../src/activation/settings.js';
import { replaceAudience } from '../src/activation/audience.js';
import { generateDemoData } from '../src/seed/generate.js';
import { insertEvents } from '../src/seed/seed.js';
import type { Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { openMemoryDb } from '../src/store/pglite.js';
import { openPostgresDb } from '../src/store/postgres.js';
import { startPostgres } from '../src/test/postgres.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
  },
});
const target = Number.parseInt(values.events, 10);
const runs = Number.parseInt(values.runs, 10);
const server = values.postgres ? await startPostgres() : undefined;
if (server && 'skip' in server) {
  console.log(JSON.stringify({ bench: 'activation', skipped: server.skip }));
  process.exit(0);
}
const url = server ? await server.createDatabase('activation_bench') : process.env.DATABASE_URL;
const ms = (t0: number) => Math.round(performance.now() - t0);

const db: Db = url ? await openPostgresDb(url) : await openMemoryDb();
await migrate(db, MIGRATIONS);
const tenant = `bench-${Date.now()}`;

let t0 = performance.now();
// ~13 events per person in the demo company: scale the head count to reach the target.
const end = new Date('2026-04-13T00:00:00Z');
let people = Math.ceil(target / 12);
let data = generateDemoData({ people, teams: 40, end });
while (data.events.length < target) {
  people = Math.ceil(people * (target / data.events.length) * 1.02);
  data = generateDemoData({ people, teams: 40, end });
}
const generateMs = ms(t0);

t0 = performance.now();
await replaceAudience(db, tenant, data.members);
const inserted = await insertEvents(db, tenant, data.events);
const loadMs = ms(t0);
console.log(JSON.stringify({ step: 'load', storage: db.kind, people, events: inserted, generateMs, loadMs }));
if (url) await db.query('analyze events');
else await db.exec('analyze events; analyze audience');

const settings = activationSettings(undefined);
const results: Record<string, number[]> = {};
const cpuResults: Record<string, number[]> = {};
for (const groupBy of ['team', 'scenario', 'source'] as const) {
  for (let i = 0; i < runs; i++) {
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await computeActivation(db, tenant, data.range, groupBy, settings);
    const queryMs = ms(t0);
    // PGlite runs in this process, so its CPU time is ours: a figure that a busy machine does not
    // inflate the way it inflates wall time. (PostgreSQL's work happens in its own process.)
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
    (results[groupBy] ??= []).push(queryMs);
    (cpuResults[groupBy] ??= []).push(cpuMs);
    console.log(
      JSON.stringify({
        step: 'query',
        groupBy,
        run: i + 1,
        queryMs,
        ...(url ? {} : { cpuMs }),
        audience: report.audience.size,
        rate: report.activation.rate,
      }),
    );
  }
}
// The plain report (funnel, rate, time to first interaction, groups), without what issue 18 added
// (weekly series, return visits and cohorts, skill growth, API stability): the same statement with
// those selects left out (PostgreSQL and PGlite skip CTEs nothing reads), timed after the full
// report above on the same data, so the added share is measured in the same run.
const plainMs: number[] = [];
const plainSql = reportSql('team')
  .replace(WEEKLY_SELECT, ' null as weekly')
  .replace(RETURNS_SELECT, ' null as returns, null as cohorts');
const params = [tenant, data.range.from.toISOString(), data.range.to.toISOString(), settings.meaningfulTurns];
for (let i = 0; i < runs; i++) {
  t0 = performance.now();
  await db.transaction(async (tx) => {
    await tx.query(`set local work_mem = '64MB'`);
    await tx.query(`set local jit = off`);
    await tx.query(plainSql, params);
  });
  plainMs.push(ms(t0));
  console.log(JSON.stringify({ step: 'plain', groupBy: 'team', run: i + 1, queryMs: plainMs.at(-1) }));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify({
    bench: 'activation',
    storage: db.kind,
    events: inserted,
    audience: data.members.length,
    medianQueryMs: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)])),
    medianPlainTeamMs: median(plainMs),
    ...(url
      ? {}
      : { medianQueryCpuMs: Object.fromEntries(Object.entries(cpuResults).map(([k, v]) => [k, median(v)])) }),
    loadAverage: loadavg()[0],
  }),
);
if (url && values.keep) console.log(JSON.stringify({ kept: tenant }));
else if (url) {
  await db.query('delete from events where tenant = $1', [tenant]);
  await db.query('delete from audience where tenant = $1', [tenant]);
}
await db.close();
await server?.stop();
