// The budgets of docs/design.md §8 (bench/budgets.mjs) as checks over one run's results: what was
// measured and whether it is within budget; `cause` and `plan` (plans.mjs) are shown on a miss.
import {
  CLICK_TO_FIRST_LINE_MS,
  EVERYTHING_GUARD_GZIP,
  EVERYTHING_GZIP,
  HOST_PAGE_LAUNCHERS,
  LAUNCHER_ENTRY_GZIP,
  MEMORY_CYCLES,
  SERVICE_SESSIONS,
} from '../budgets.mjs';
import { kB, MB, ms, num } from './format.mjs';
import { lazyCodePlan, PLANS } from './plans.mjs';

const KB = (bytes) => bytes / 1000;
const value = (result) => (result?.ok ? result.value : undefined);

function bundleChecks(b) {
  const top = b?.topLazy?.map((t) => `${t.name} ${kB(t.min)} kB`).join(', ');
  const sizes = (s) => `${kB(s.gzip)} kB gzip (${kB(s.brotli)} kB brotli)`;
  return [
    {
      budget: `Launcher entry (launcher + Lit + client core + stores) ≤ ${KB(LAUNCHER_ENTRY_GZIP)} KB min+gzip`,
      measured: b ? sizes(b.inflow.entry) : 'not measured',
      met: b ? b.inflow.entry.gzip <= LAUNCHER_ENTRY_GZIP : undefined,
      ...PLANS.launcherEntry,
    },
    {
      budget: `Everything the launcher can load ≤ ${KB(EVERYTHING_GZIP)} KB gzip`,
      measured: b ? sizes(b.inflow.everything) : 'not measured',
      met: b ? b.inflow.everything.gzip <= EVERYTHING_GZIP : undefined,
      cause: `The lazy practice code is ${b ? kB(b.inflow.practice.gzip) : '?'} kB gzip on its own, on top of the ${b ? kB(b.inflow.entry.gzip) : '?'} kB entry. Its largest parts (rendered bytes before minification): ${top ?? '?'}.`,
      plan: lazyCodePlan(b?.topLazy ?? [], KB(EVERYTHING_GUARD_GZIP), KB(EVERYTHING_GZIP)),
    },
  ];
}

function hostPageChecks(h) {
  const largest = h?.rows.filter((x) => x.kind === 'inflow').sort((x, y) => y.n - x.n)[0];
  return [
    {
      budget: `Host page: define + render ${HOST_PAGE_LAUNCHERS} launchers with no long task ≥ 50 ms`,
      measured: largest
        ? `${largest.n} launchers: ${largest.longTasks} long tasks (median of ${largest.runs}; most in one run ${largest.longTasksMax}), longest ${ms(largest.longestTaskMs)} ms`
        : 'not measured',
      met: largest ? largest.longTasks === 0 && largest.n >= HOST_PAGE_LAUNCHERS : undefined,
      cause: largest ? PLANS.longTasks.cause(largest) : '',
      plan: PLANS.longTasks.plan,
    },
    {
      budget: `Host page: ${HOST_PAGE_LAUNCHERS} launchers, CLS 0`,
      measured: largest ? `layout shift ${largest.layoutShift} (${largest.n} launchers)` : 'not measured',
      met: largest ? largest.layoutShift === 0 : undefined,
      ...PLANS.layoutShift,
    },
  ];
}

function practiceChecks(p) {
  const warm = p?.clickToFirstLine.warm;
  const cold = p?.clickToFirstLine.cold;
  return [
    {
      budget: `Click → first coach line painted ≤ ${CLICK_TO_FIRST_LINE_MS} ms (local service, scripted engine)`,
      measured: p
        ? `median ${ms(warm.median)} ms, p95 ${ms(warm.p95)} ms (${warm.runs} runs after idle prefetch); cold: median ${ms(cold.median)}, p95 ${ms(cold.p95)} ms`
        : 'not measured',
      // Checked on the p95, not the median: a budget most clicks meet is not met.
      met: p ? warm.p95 <= CLICK_TO_FIRST_LINE_MS : undefined,
      ...PLANS.clickToFirstLine,
    },
    {
      budget: `Memory after ${p?.memory.cycles ?? MEMORY_CYCLES} open/close cycles: JS heap growth ≤ ${p ? MB(p.memory.bound) : '?'} after warm-up (bound stated by this bench, not in the design)`,
      measured: p
        ? `${MB(p.memory.growth)} growth (${MB(p.memory.warmHeap)} → ${MB(p.memory.finalHeap)})`
        : 'not measured',
      met: p ? p.memory.growth <= p.memory.bound : undefined,
      ...PLANS.memory,
    },
  ];
}

function loadChecks(l) {
  const measured = l?.results.filter((x) => x.measured) ?? [];
  const sessions = SERVICE_SESSIONS.toLocaleString('en-US');
  return [
    {
      budget: `Service: ingest and turn latency under load as a ratio to bare Node; ${sessions} concurrent sessions with p99 turn latency`,
      measured: l
        ? measured
            .map(
              (x) =>
                `${x.storage.split(' ')[0]}: ingest ${x.ingest.ratio.throughput}× bare throughput, turns p99 ${num(x.turns.service.p99)} ms with ${l.sessions} sessions`,
            )
            .join('; ') + (l.results.some((x) => !x.measured) ? '; PostgreSQL not measured' : '')
        : 'not measured',
      met: l
        ? measured.length > 0 && l.sessions >= SERVICE_SESSIONS && l.results.every((x) => x.measured)
        : undefined,
      cause: l?.results.find((x) => !x.measured)?.reason ?? PLANS.serviceLoad.cause,
      plan: PLANS.serviceLoad.plan,
    },
  ];
}

/** Every budget check, in the order the report lists them. */
export function budgetChecks(r) {
  return [
    ...bundleChecks(value(r.bundle)),
    ...hostPageChecks(value(r['host-page'])),
    ...practiceChecks(value(r.practice)),
    ...loadChecks(value(r.load)),
  ];
}
