// Section 10: outbound delivery (packages/service/bench/outbound.ts, issue 19).
import { num, table } from './format.mjs';

export function outboundDelivery(v) {
  if (v.skipped) return [`Not measured: ${v.skipped}.`, ''];
  return [
    `Queued activation webhooks (${num(v.jobs)} per run, signed per Standard Webhooks) delivered by service processes on one throw-away PostgreSQL to a loopback receiver, from the first delivery to the last; then \`POST /v1/events\` (50 events a request, 8 in flight) through the in-process app with no worker, and with the production worker delivering a backlog in the same process. Medians of ${v.runs} runs, alternated in the same run; load average ${v.loadAverage.toFixed(2)} at the end.`,
    '',
    table(
      ['', 'value'],
      [
        ['Deliveries per second, 1 process', num(v.deliveriesPerSecond.oneProcess)],
        ['Deliveries per second, 2 processes', num(v.deliveriesPerSecond.twoProcesses)],
        ['Event ingest without deliveries (events/s)', num(v.ingestEventsPerSecond.withoutDeliveries)],
        ['Event ingest while delivering (events/s)', num(v.ingestEventsPerSecond.withDeliveries)],
        ['Ingest ratio (target ≥ 0.9×)', `${v.ingestRatio.toFixed(2)}×`],
      ],
    ),
    '',
  ];
}
