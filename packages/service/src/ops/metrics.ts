/**
 * Node only: Prometheus metrics with prom-client, one registry per service (several services may
 * share a process in tests). The app reports through the `Observer` hooks (ops/observer.ts);
 * this module is their only implementation. Served by `metricsRoute` (ops/metrics-route.ts).
 * Labels are route patterns, methods, statuses and stages: never ids, tenants or users, so the
 * series stay bounded.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolStats } from '../store/db.js';
import type { Observer } from './observer.js';

export interface Metrics {
  registry: Registry;
  observer: Observer;
}

// Seconds: API answers take milliseconds, a streamed turn seconds, a slow model up to a minute.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface MetricsSources {
  poolStats?: () => PoolStats;
  /** The outbound queue's pending jobs and dead letters, read at each scrape. */
  queueDepth?: () => Promise<{ pending: number; dead: number }>;
}

export function createMetrics(options: MetricsSources = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'inflow_' });
  const labelNames = ['route', 'method', 'status'] as const;
  const requests = new Counter({
    name: 'inflow_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status.',
    labelNames,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'inflow_http_request_duration_seconds',
    help: 'Time to the end of the response (of the stream, for a streamed turn), by route pattern, method and status.',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const streams = new Gauge({
    name: 'inflow_sse_streams_open',
    help: 'Server-sent event streams (streamed turns) open now.',
    registers: [registry],
  });
  const firstDelta = new Histogram({
    name: 'inflow_coach_first_delta_seconds',
    help: "Time from a turn reaching the coach to the coach's first text delta.",
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const coachErrors = new Counter({
    name: 'inflow_coach_errors_total',
    help: 'Coach failures answered as coach_unavailable, by stage (reply or feedback).',
    labelNames: ['stage'] as const,
    registers: [registry],
  });
  const poolStats = options.poolStats;
  if (poolStats) {
    new Gauge({
      name: 'inflow_db_pool_connections',
      help: 'PostgreSQL pool: connections open (total), idle, and queries waiting for a connection.',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const s = poolStats();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }
  const queueDepth = options.queueDepth;
  if (queueDepth) {
    new Gauge({
      name: 'inflow_outbound_jobs',
      help: 'Outbound deliveries (nudges, webhooks, xAPI statements) waiting to be sent, and dead letters.',
      labelNames: ['status'] as const,
      registers: [registry],
      async collect() {
        const depth = await queueDepth();
        this.set({ status: 'pending' }, depth.pending);
        this.set({ status: 'dead' }, depth.dead);
      },
    });
  }
  return {
    registry,
    observer: {
      requestEnded({ route, method, status, seconds }) {
        const labels = { route, method, status: String(status) };
        requests.inc(labels);
        latency.observe(labels, seconds);
      },
      streamOpened() {
        streams.inc();
        return () => streams.dec();
      },
      coachFirstDelta: (seconds) => firstDelta.observe(seconds),
      coachError: (stage) => coachErrors.inc({ stage }),
    },
  };
}
