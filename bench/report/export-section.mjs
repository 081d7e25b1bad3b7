// Section 12: the warehouse export's memory (bench/export.ts, optional: BENCH_ONLY=export).
import { num, table } from './format.mjs';

export function exportMemory(v) {
  if (v.skipped) return [`Not measured: ${v.skipped}.`, ''];
  const mib = (x) => (x === undefined ? '–' : `${x.toFixed(1)} MiB`);
  return [
    `\`GET /v1/export/events?format=${v.format}\` streamed over HTTP from the service in the bench's process, on a throw-away PostgreSQL filled by \`generate_series\` (pages of ${num(v.pageSize)} rows); RSS and heap sampled every 100 ms, the retained heap after a full collection once a second. Peak RSS of the largest export over that of the smallest: ${v.peakRssRatio.toFixed(2)}× (1× is constant memory).`,
    '',
    table(
      ['Rows', 'Seconds', 'Rows/s', 'MiB/s', 'RSS before', 'Peak RSS', 'Peak heap', 'Peak retained heap'],
      v.steps.map((s) => [
        num(s.rows),
        s.seconds.toFixed(1),
        num(s.rowsPerSecond),
        s.mibPerSecond.toFixed(1),
        mib(s.baselineRssMiB),
        mib(s.peakRssMiB),
        mib(s.peakHeapMiB),
        mib(s.peakRetainedHeapMiB),
      ]),
    ),
    '',
  ];
}
