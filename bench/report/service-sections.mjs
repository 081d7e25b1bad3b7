// The report's service sections (6–8): load, activation query, model judge. See sections.mjs.
import { ms, num, table } from './format.mjs';

export function serviceLoad(l) {
  const rows = [];
  for (const x of l.results) {
    if (!x.measured) {
      rows.push([x.storage, '–', 'not measured', x.reason, '', '', '', '', '']);
      continue;
    }
    for (const [name, v] of [
      ['event ingest', x.ingest],
      ['turn', x.turns],
    ]) {
      rows.push([
        x.storage,
        name,
        `${num(v.service.perSecond)} / ${num(v.bare.perSecond)}`,
        `${v.ratio.throughput}×`,
        `${num(v.service.p50)} / ${num(v.bare.p50)}`,
        `${num(v.service.p99)} / ${num(v.bare.p99)}`,
        `${v.ratio.p50}× / ${v.ratio.p99}×`,
        `${v.service.errors} / ${v.bare.errors}`,
        name === 'event ingest' ? `${num(x.ingest.eventsPerSecond)} events/s` : '',
      ]);
    }
  }
  const sessions = l.sessions.toLocaleString('en-US');
  return [
    `autocannon over loopback; the service and a bare \`node:http\` server answering 202 each run in their own process (bench/serve.ts), autocannon in a third. Ingest: ${l.ingestConnections} connections for ${l.ingestSeconds} s, each request a batch of ${l.batch} fresh events. Turns: ${sessions} practice sessions created first, then ${sessions} connections at once, each sending its own session's turns (SSE read to the end) until every session has sent ${l.turnsPerSession}. Median of ${l.runs} runs; ratio = service ÷ bare (throughput: higher is better; latency: how many times slower). Errors = connection errors + timeouts + non-2xx (the most in one run).`,
    '',
    table(
      [
        'storage',
        'route',
        'req/s service / bare',
        'throughput ratio',
        'p50 ms service / bare',
        'p99 ms service / bare',
        'latency ratio p50 / p99',
        'errors service / bare',
        '',
      ],
      rows,
    ),
    '',
    ...storeRates(l.results),
    ...crowds(l.results),
  ];
}

/** The storage limit: the same batches straight into the service's store, without HTTP. */
function storeRates(results) {
  const measured = results.filter((x) => x.measured && x.ingest.store);
  if (!measured.length) return [];
  const each = measured.map(
    (x) =>
      `${x.storage}: ${num(x.ingest.store.eventsPerSecond)} events/s, so ingest over HTTP reaches ${x.ingest.store.share}× of it`,
  );
  return [
    `Storage limit: the same batches from the same number of callers straight into the service's store, without HTTP, in a process of its own (bench/serve.ts --store-rate). ${each.join('; ')}.`,
    '',
  ];
}

export function activationQuery(a) {
  if (a.skipped) return [`Not measured: ${a.skipped}.`, ''];
  const load = a.load
    ? `${num(a.load.events)} events generated in ${num(a.load.generateMs)} ms, inserted in ${num(a.load.loadMs)} ms`
    : '–';
  return [
    `packages/service/bench/activation.ts: the seeded demo company scaled to ≥ 1 million events, loaded into ${a.storage === 'pglite' ? 'in-memory PGlite' : 'a throw-away PostgreSQL server on loopback'}, then the GET /v1/activation query per grouping (the report statement, skill growth and API stability, in one transaction).${a.storage === 'pglite' ? ' PGlite runs in the bench process, so its CPU time is reported too (less inflated by a busy machine).' : ''} Load: ${load}.`,
    '',
    table(
      ['events', 'audience', 'grouping', 'median query ms', 'median CPU ms'],
      Object.keys(a.medianQueryMs).map((g) => [
        num(a.events),
        num(a.audience),
        g,
        num(a.medianQueryMs[g]),
        num(a.medianQueryCpuMs?.[g]),
      ]),
    ),
    '',
  ];
}

/** Errors only: the most sessions at once, one turn from each. */
function crowds(results) {
  const measured = results.filter((x) => x.measured && x.crowd);
  if (!measured.length) return [];
  const each = measured.map((x) =>
    x.crowd.error
      ? `${x.storage}: failed (${x.crowd.error})`
      : `${x.storage}: ${num(x.crowd.errors)} errors in ${num(x.crowd.requests)} turns`,
  );
  return [
    `Errors only: ${num(measured[0].crowd.sessions)} practice sessions created, then one turn from each over as many connections at once. ${each.join('; ')}.`,
    '',
  ];
}

export function judge(j) {
  const row = (label, x) => [label, ms(x.p50), ms(x.p95)];
  return [
    `bench/judge.ts: ${j.completes} completes of a four-turn session with the model engine against the loopback OpenAI-wire server (each model answer delayed ${j.modelDelayMs} ms), interleaved one for one with the same completes on the scripted engine. Own time = the complete's HTTP round trip minus the time the model spent on its judge calls. Model calls per complete: at most ${j.modelCallsPerComplete.max} (mean ${j.modelCallsPerComplete.mean}); fully model-scored: ${Math.round(j.modelScoredShare * 100)} %.`,
    '',
    table(
      ['', 'p50 ms', 'p95 ms'],
      [
        row('Complete with the judge (total)', j.totalMs),
        row('Model time within it', j.modelMs),
        row("The service's own time", j.ownMs),
        row('Complete on the scripted engine (no judge)', j.scriptedCompleteMs),
      ],
    ),
    '',
  ];
}
