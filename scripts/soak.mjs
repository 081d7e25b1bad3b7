// npm run soak — 1,000 concurrent practice sessions against the real service for 5 minutes,
// loopback only, bounded in time. Not part of `npm test`: it writes its figures into
// docs/security.md (between the soak markers) and exits non-zero if a promise did not hold:
//   - error count 0 (every request answered as the contract says, every streamed turn ends in `done`),
//   - memory stable (service heap after GC at the end within 25 % + 16 MB of the heap after warm-up),
//   - every acknowledged event stored exactly once (resent batches come back as duplicates).
// Knobs: SOAK_SESSIONS (1000), SOAK_SECONDS (300), SOAK_THINK_MS (1000–4000 between cycles),
// SOAK_WRITE=0 to print without touching docs/security.md.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 1000);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const [THINK_MIN, THINK_MAX] = (process.env.SOAK_THINK_MS ?? '1000-4000').split('-').map(Number);
const RAMP_MS = Math.min(20_000, (SECONDS * 1000) / 10);
const SCENARIOS = [
  'underperformance',
  'critical-feedback',
  'rating-disagreement',
  'goal-setting',
  'first-one-to-one',
];

// ---- the service, in its own process so its memory is measured alone ----------------------
const dataDir = mkdtempSync(join(tmpdir(), 'inflow-soak-'));
const child = fork(join(root, 'scripts/soak-service.ts'), [], {
  cwd: root,
  execArgv: ['--conditions=source', '--import', 'tsx', '--expose-gc'],
  env: { ...process.env, SOAK_DATA_DIR: dataDir },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const waiters = new Map();
child.on('message', (m) => {
  const w = waiters.get(m.type);
  if (w) {
    waiters.delete(m.type);
    w(m);
  } else if (m.type === 'error') console.error(`[soak] service: ${m.message}`);
});
const ask = (request, answer) =>
  new Promise((resolve) => (waiters.set(answer, resolve), request && child.send(request)));
const hardStop = setTimeout(
  () => {
    console.error('[soak] hard time limit reached');
    child.kill('SIGKILL');
    process.exit(2);
  },
  (SECONDS + 240) * 1000,
);
hardStop.unref();

const { url } = await ask(undefined, 'ready');
if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`not loopback: ${url}`);
const { tokens } = await ask({ type: 'tokens', count: SESSIONS }, 'tokens');

// ---- load ------------------------------------------------------------------------------
const errors = [];
const error = (what) => {
  if (errors.length < 20) errors.push(what);
  else errors.length++;
};
const turnMs = [];
const firstDeltaMs = [];
const acked = new Set();
let requests = 0;
let turns = 0;
let eventPosts = 0;
let resends = 0;
let completed = 0;
const started = Date.now();
const deadline = started + SECONDS * 1000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(token, method, path, body, accept = 'application/json') {
  requests++;
  return fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function turn(token, id, text) {
  const t0 = performance.now();
  const res = await call(token, 'POST', `/v1/sessions/${id}/turns`, { text }, 'text/event-stream');
  if (res.status !== 200) return error(`turn → ${res.status} ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let all = '';
  let first;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (first === undefined && value.includes('event: delta')) first = performance.now() - t0;
    all += value;
  }
  if (!all.includes('event: done') || all.includes('event: error'))
    return error(`turn stream without done: ${all.slice(-200)}`);
  turnMs.push(performance.now() - t0);
  if (first !== undefined) firstDeltaMs.push(first);
  turns++;
}

async function user(i) {
  await sleep((RAMP_MS * i) / SESSIONS);
  const token = tokens[i];
  const scenario = SCENARIOS[i % SCENARIOS.length];
  const created = await call(token, 'POST', '/v1/sessions', {
    scenario,
    source: 'embedded',
    context: { role: 'Engineer' },
  });
  if (created.status !== 201) return error(`create → ${created.status} ${await created.text()}`);
  const { id } = await created.json();
  const sent = [];
  let n = 0;
  while (Date.now() < deadline) {
    await turn(token, id, `Turn ${++n}: I noticed the last two deliveries slipped; how do you see it?`);
    const batch = [0, 1].map((k) => ({
      id: crypto.randomUUID(),
      name: k === 0 ? 'first_interaction' : 'help',
      at: new Date().toISOString(),
      sessionId: id,
      scenario,
      source: 'embedded',
      props: { turn: n },
    }));
    const res = await call(token, 'POST', '/v1/events', { events: batch });
    eventPosts++;
    if (res.status !== 202) error(`events → ${res.status} ${await res.text()}`);
    else {
      const body = await res.json();
      if (body.accepted !== batch.length) error(`events accepted ${JSON.stringify(body)} of ${batch.length}`);
      for (const e of batch) acked.add(e.id);
      sent.push(batch);
    }
    // One in ten cycles re-sends an acknowledged batch (a retry after a lost response): duplicates.
    if (sent.length > 1 && Math.random() < 0.1) {
      const again = sent[Math.floor(Math.random() * (sent.length - 1))];
      const r = await call(token, 'POST', '/v1/events', { events: again });
      resends++;
      const body = r.status === 202 ? await r.json() : undefined;
      if (!body || body.duplicates !== again.length || body.accepted !== 0)
        error(`resend → ${r.status} ${JSON.stringify(body)}`);
    }
    await sleep(THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN));
  }
  const done = await call(token, 'POST', `/v1/sessions/${id}/complete`);
  if (done.status !== 200) error(`complete → ${done.status} ${await done.text()}`);
  else completed++;
}

// Memory of the service after a forced GC, every 10 s.
const memory = [];
const sampler = setInterval(async () => {
  const m = await ask({ type: 'mem' }, 'mem');
  memory.push({
    t: Math.round((Date.now() - started) / 1000),
    heapMB: m.heapUsed / 2 ** 20,
    rssMB: m.rss / 2 ** 20,
  });
}, 10_000);

console.log(
  `[soak] ${SESSIONS} sessions × ${SECONDS} s against ${url} (PGlite at ${dataDir}) on ${cpus().length} cores`,
);
const progress = setInterval(
  () =>
    console.log(
      `[soak] t=${Math.round((Date.now() - started) / 1000)}s turns=${turns} eventPosts=${eventPosts} errors=${errors.length}`,
    ),
  30_000,
);
await Promise.all(
  Array.from({ length: SESSIONS }, (_, i) =>
    user(i).catch((e) => error(`user ${i}: ${e?.cause?.code ?? ''} ${e}`)),
  ),
);
clearInterval(progress);
clearInterval(sampler);
const elapsed = (Date.now() - started) / 1000;

// ---- every acknowledged event stored exactly once ------------------------------------------
const { rows } = await ask(
  { type: 'query', sql: "select id::text as id from events where tenant = 'demo'" },
  'rows',
);
const stored = new Map();
for (const r of rows) stored.set(r.id, (stored.get(r.id) ?? 0) + 1);
const lost = [...acked].filter((id) => !stored.has(id)).length;
const twice = [...stored.values()].filter((n) => n > 1).length;
const unexpected = [...stored.keys()].filter((id) => !acked.has(id)).length;
const exited = new Promise((r) => child.once('exit', r));
child.send({ type: 'close' });
await exited;
rmSync(dataDir, { recursive: true, force: true });

// ---- figures ---------------------------------------------------------------------------
const pct = (a, p) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const warm = memory.find((m) => m.t >= Math.min(60, SECONDS / 5)) ?? memory[0];
const last = memory.at(-1);
const heapStable = !warm || !last ? false : last.heapMB <= warm.heapMB * 1.25 + 16;
const ok = errors.length === 0 && lost === 0 && twice === 0 && unexpected === 0 && heapStable;
const f = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const figures = [
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} cores (shared), Node ${process.version}, embedded PGlite on disk, scripted coach, loopback.`,
  '',
  '| figure | value |',
  '| --- | --- |',
  `| concurrent sessions | ${SESSIONS} (ramped over ${f(RAMP_MS / 1000)} s), think time ${THINK_MIN}–${THINK_MAX} ms |`,
  `| duration | ${f(elapsed)} s |`,
  `| requests | ${requests} (${f(requests / elapsed)} /s) |`,
  `| streamed turns | ${turns}; latency to \`done\` p50 ${f(pct(turnMs, 50))} ms, p95 ${f(pct(turnMs, 95))} ms, p99 ${f(pct(turnMs, 99))} ms; first delta p50 ${f(pct(firstDeltaMs, 50))} ms, p99 ${f(pct(firstDeltaMs, 99))} ms |`,
  `| event batches | ${eventPosts} (+ ${resends} re-sent batches, all answered as duplicates) |`,
  `| sessions completed | ${completed} of ${SESSIONS} |`,
  `| **errors** | **${errors.length}** |`,
  `| events acknowledged / stored / lost / stored twice / unexpected | ${acked.size} / ${stored.size} / ${lost} / ${twice} / ${unexpected} |`,
  `| service heap after GC (warm-up t=${warm?.t ?? '?'} s → end t=${last?.t ?? '?'} s) | ${f(warm?.heapMB, 1)} MB → ${f(last?.heapMB, 1)} MB (max ${f(Math.max(...memory.map((m) => m.heapMB)), 1)} MB) |`,
  `| service RSS (warm-up → end) | ${f(warm?.rssMB)} MB → ${f(last?.rssMB)} MB |`,
  `| verdict | ${ok ? 'PASS' : 'FAIL'}: errors 0, memory stable (heap end ≤ 1.25 × warm-up + 16 MB), every event stored once |`,
  ...(errors.length
    ? ['', 'First errors:', '', ...errors.slice(0, 10).map((e) => `- ${String(e).slice(0, 200)}`)]
    : []),
].join('\n');
console.log(`\n${figures}\n`);

if (process.env.SOAK_WRITE !== '0') {
  const doc = join(root, 'docs/security.md');
  const text = readFileSync(doc, 'utf8');
  const begin = '<!-- soak:begin -->';
  const end = '<!-- soak:end -->';
  if (!text.includes(begin) || !text.includes(end)) throw new Error('docs/security.md has no soak markers');
  writeFileSync(
    doc,
    `${text.slice(0, text.indexOf(begin) + begin.length)}\n${figures}\n${text.slice(text.indexOf(end))}`,
  );
  console.log('[soak] figures written to docs/security.md');
}
process.exit(ok ? 0 : 1);
