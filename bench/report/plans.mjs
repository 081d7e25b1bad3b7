// What the report says when a budget is missed: the cause and the plan. Unlike the figures, these
// are written by hand and age; the by-hand checks carry the date they were made.
import { kB, ms } from './format.mjs';

/**
 * What was tried on the lazy code (2 Dec, by hand, each measured with size-limit) and what to do
 * about its largest parts, from what they are.
 */
export function lazyCodePlan(top) {
  const has = (re) => top.filter((t) => re.test(t.name));
  const size = (parts) => `${kB(parts.reduce((n, t) => n + t.min, 0))} kB`;
  const tried =
    "Tried and kept: Floating UI out of the panel (CSS anchor positioning with a fixed fallback); no comments in the embed (−0.52 kB); `css` minified at bundle time; Inflow's own 0.53 kB message lookup instead of @lit/localize's runtime; the panel, the practice and the reply stream in one chunk (−0.81 kB of per-file overhead); a score bar as a native `<progress>` instead of the ref directive (−0.70 kB); the reply stream read by Inflow's own 50-line SSE parser instead of eventsource-parser (−1.02 kB; client/src/sse.test.ts checks it against the library on 2,000 random streams). Voice added +1.18 kB to the practice chunk and its locale (the control and disclosure; the rest is its own chunk). Tried and dropped: the feedback view as its own chunk (it stays loadable, so it cannot shrink this total, and a file adds gzip overhead).";
  const steps = [];
  const client = has(/client/);
  if (client.length)
    steps.push(
      `the client (${size(client)} rendered, the outbox most of it), which every practice needs: no single large part is left in it, so its cut is line by line`,
    );
  const practice = has(/practice/);
  if (practice.length) steps.push(`the practice's templates and styles (${size(practice)} rendered)`);
  steps.push('re-measure with `npm run bench`; `npm test` holds the budget itself (.size-limit.js)');
  return `Owner: elements. ${tried} Next: ${steps.map((x, i) => `(${i + 1}) ${x}`).join('; ')}.`;
}

export const PLANS = {
  launcherEntry: {
    cause: 'The static closure of inflow.js grew past the budget.',
    plan: 'Move what the launcher does not need before a click into the lazy chunks (size-limit in `npm test` names the file).',
  },
  longTasks: {
    cause: (h) =>
      `A task of ${ms(h.longestTaskMs)} ms while the page defines and renders ${h.n} launchers (main-thread work ${ms(h.taskMs)} ms in total).`,
    plan: 'Split the upgrade work: define the element, then let launchers past the first few render their first update after a yield (`scheduler.yield()` / a macrotask) in batches, and create each impression IntersectionObserver entry lazily from one shared observer. Owner: elements; this bench re-checks it.',
  },
  layoutShift: {
    cause:
      'An `<inflow-launcher>` in the markup has no box until its script defines it; when the launcher renders its button, the host text after it moves. The page paints before the module script has run (as real pages do), so the shift is measured.',
    plan: "Reserve the launcher's box before upgrade. Checked by hand with this bench on 2026-11-23 (1 and 10 launchers): adding `inflow-launcher:not(:defined) { display: inline-block; inline-size: 250.72px; block-size: 36.75px; vertical-align: middle }` (the default button's rendered box: 16 px font, English label) to the page took the layout shift to 0, while a looser `min-inline-size: 14em; min-block-size: 2.5em` still shifted (0.045 with 10). So the rule must match the rendered box: ship it in em units for the default variant in the embed snippet and docs/elements.md, or let the embed inject it before its first await, and size the trigger from the same custom properties so both agree. Owner: elements + docs; this bench shows when it is in.",
  },
  clickToFirstLine: {
    cause: 'The session request and the panel chunk are on the critical path after the click.',
    plan: 'Start the session request on pointerdown, and paint the scenario opening line from the prefetched scenario list before the session answers.',
  },
  memory: {
    cause: 'Something the panel creates per opening is kept after it closes.',
    plan: 'Take two heap snapshots (after 5 and 50 cycles) and compare retainers; listeners added on show() and not removed on hide() are the usual suspects.',
  },
  turnLatency: {
    cause:
      "Profiled on 2 Dec (BENCH_CPU_PROF_DIR=<dir> with bench/load.ts writes a V8 CPU profile per server; a quick run, 100 sessions, on a machine at load average 9–13 from other work, so the shares, not the times, are the finding). PGlite: of the service process's busy time, 50 % is PGlite itself (29 % its WebAssembly, 22 % its JavaScript), 4 % garbage collection, under 3 % each HTTP (undici, Hono), JWT (jose, WebCrypto) and validation: turns queue on the one in-process database connection. PostgreSQL: the service process is idle 60 % of the run: the time is in waiting for the database, which shares the 2 cores with the service and the load generator. Per turn the service makes 6 database round trips (read the session; begin, append the turn, read the tenant's integration settings, commit; record the turn's timing), over a pool of 10 connections.",
    plan: "Owner: service. Cut the round trips per turn: the integration settings read per turn is kept, because every service process on one database must send with the last PUT's settings (outbound/settings-store.ts), and the turn timing is not moved into the turn's transaction, because the design promises that recording never delays or fails a turn (activation/stability.test.ts); what is left is reading the session and appending the turn in one statement. Then re-measure on PostgreSQL with `npm run bench`, with the load generator on its own core if the machine has one: the bare server's p99 in the same run moved between 343 and 1,136 ms from run to run on this 2-core machine, so the ratio is as much the baseline's noise as the service.",
  },
  ingestShare: {
    cause:
      "Profiled on 2 Dec (BENCH_CPU_PROF_DIR, PostgreSQL, one 8 s ingest run: 635 batches/s over HTTP, 0.56x of the store's 56,920 events/s). Of the service process's busy time (8.4 s over its life), 23 % is writing to sockets (pg sending each 50-event insert, 1.27 s; HTTP responses, 0.60 s), 10 % is the token's HMAC check (WebCrypto, 0.86 s, once per request), 10 % garbage collection, under 5 % validation (TypeBox, the text rule, dates) and under 2 % each Hono and pino. The store-rate process pays the same pg writes but neither HTTP nor the token, and it does not share the 2 cores with the load generator: on this machine three busy processes (load generator, service, PostgreSQL or PGlite) share 2 cores over HTTP against two without it. Tried: a token verified once now skips the signature check while its exp and nbf hold (verified-tokens.ts): 758 and 805 batches/s in two one-run checks after it, against 635 before.",
    plan: "Owner: service. Tried on 3 Dec (one 8 s run each, PostgreSQL, batches/s over HTTP and the store's own events/s): concurrent batches sharing one insert statement (store/event-inserts.ts) with 1, 2, 4 and 10 statements at once: HTTP 729, 914, 797 and 740 batches/s against 705 ungrouped in the same hour, so 2 is kept (+30 %); the store alone, whose 50 callers had the whole pool, goes from 73,786 to 55,763 events/s, so the limit itself fell and only HTTP gained (fewer statements leave the 2 shared cores to the service). A first version that counted each batch's rows in SQL (a join and a sort per statement) ingested 544-618 batches/s and was dropped. On PGlite grouping cost a third (253 vs 385 batches/s, p99 1,940 vs 593 ms), so PGlite runs each batch as it comes. A lingering-close fault that killed kept-alive sockets 2 s after an answer was fixed the same day (ops/linger.ts). Next: measure with the load generator on a core of its own (4 cores or more) to separate the CPU share from the per-request cost.",
  },
  sessionsNoErrors: {
    cause:
      'The 2 Dec 05:51 run saw 6 of 5,000 turns fail on PostgreSQL, on a machine at load average 3.5–4.1 from other work, before the bench classified failures. Re-run alone on 2 Dec 21:22 (BENCH_LOAD_STORAGE=postgres BENCH_LOAD_PARTS=crowd): 0 errors in 5,000 turns from 5,000 sessions, no failure of any kind. Since then the run records each failure by kind (error code, timeout, HTTP status) beside the errors in the budget table.',
    plan: 'Owner: service. When a run fails again, the failure kinds beside its errors say which layer: ECONNRESET or ECONNREFUSED is the listen backlog, a timeout is the 60 s request limit under queueing, an HTTP 5xx is the pool or the database.',
  },
  judge: {
    cause:
      "The judge's own work on a complete (prompt, schema validation, quote verification, the rubric fallback) or an extra model call grew.",
    plan: 'Owner: judge. Profile one complete against the loopback model (bench/judge.ts) and cut what runs besides the model call.',
  },
  activationQuery: {
    cause:
      "Profiled on PostgreSQL 15 with EXPLAIN ANALYZE at 1,020,270 events (2 Dec, 2 cores, load average 4–13 from other work): (1) JIT: the CTEs are estimated at 200 rows each, so the statement crossed the JIT cost thresholds and compiling it took 6.6 s of a 13.6 s run; the report now runs with `jit = off` for its transaction (A/B in one session: 11.4–16.3 s off vs 19.4–28.4 s on, same load). (2) Of what remains, about half is folding the range's raw events into one row per (user, session) (`us`: a parallel scan of 1 M rows and a hash aggregate into 209,669 rows), and the other half the per-session, per-user and weekly steps over those rows. Skill growth (14–20 ms) and API stability (3 ms) are not where the time goes. On PGlite the same statement runs single-threaded in WebAssembly in the bench process.",
    plan: 'Owner: service. Keep a rollup per (tenant, user, session, UTC day) current at ingest (the folds are all decomposable: bool_or, min, max, count), read it for the whole days of a range and raw events only for partial edge days, and test the new path figure by figure against the current statement on the seeded and on randomised data. That removes the first half only: reaching 300 ms also needs the per-user state (funnel step reached, first activation) kept incrementally, so the report reads one row per audience member. Then re-measure with `npm run bench` (7a and 7b).',
  },
  voice: {
    cause:
      'Not profiled yet: section 11 splits off the audio round trips; the rest is MediaRecorder stopping and encoding, or the reply audio being fetched and decoded.',
    plan: 'Owner: elements. Record a CPU profile of one voice turn (bench/voice.ts) and cut what runs between the stop and the upload, or between the stream end and the speech request.',
  },
  activationLarge: {
    reason:
      'not run: the bench generates the demo company in memory before loading it, and at 10 M events that is a multi-gigabyte array and about 20 minutes of inserts on this machine (1 M took 110 s); the statement is already over budget at 1 M on PostgreSQL (7b), so the 10 M run waits for the rollups',
  },
};
