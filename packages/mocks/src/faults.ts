/**
 * Fault injection in front of the in-process service: a test switches faults on and off while
 * the real app keeps answering everything else. Faults are rules; every request under the mock's
 * `apiBase` is checked against the active rules in this order: offline (network error), 429 with
 * `Retry-After`, 5xx, then latency (added before the service answers, or before the fault).
 * Token expiry is not a rule here: `MockService.expireTokens()` moves the service's own clock, so
 * the service's real token check refuses the old tokens (no second implementation of auth).
 */
import type { ErrorCode } from '@inflow/contract';

export interface FaultMatch {
  /**
   * Which requests: a path prefix (`'/v1/events'`), a RegExp tested on the path, or a predicate.
   * Default: every request to the mock service.
   */
  match?: string | RegExp | ((request: Request) => boolean);
  /** Applies to at most this many matching requests, then switches itself off. */
  times?: number;
}

export interface FaultRule extends FaultMatch {
  /** Fails the request with a network error (what `fetch` sees when the device is offline). */
  offline?: boolean;
  /** Share of matching requests (0–1) answered `429` with `Retry-After`. */
  rateLimitRate?: number;
  /** Seconds in the `Retry-After` header of injected 429s (default 1). */
  retryAfterSeconds?: number;
  /** Share of matching requests (0–1) answered with a 5xx. */
  errorRate?: number;
  /** Status of injected server errors (default 503). */
  errorStatus?: 500 | 502 | 503 | 504;
  /** Delay in ms before the answer, or a `[min, max]` range drawn per request. */
  latencyMs?: number | [number, number];
}

export interface FaultStats {
  offline: number;
  rateLimited: number;
  serverErrors: number;
  delayed: number;
}

/** What the handler should do with one request. */
export type FaultDecision =
  | { kind: 'pass'; delayMs: number }
  | { kind: 'offline'; delayMs: number }
  | { kind: 'response'; delayMs: number; response: Response };

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

const errorBody = (code: ErrorCode, message: string) => JSON.stringify({ error: { code, message } });

export class Faults {
  #rules: ActiveRule[] = [];
  #stats: FaultStats = { offline: 0, rateLimited: 0, serverErrors: 0, delayed: 0 };

  constructor(
    private readonly apiBase: string,
    /** Injectable so a test can make rates deterministic. */
    private readonly random: () => number = Math.random,
  ) {}

  /** Adds a rule; returns a function that removes it again. */
  add(rule: FaultRule): () => void {
    for (const key of ['rateLimitRate', 'errorRate'] as const) {
      const rate = rule[key];
      if (rate !== undefined && !(rate >= 0 && rate <= 1))
        throw new RangeError(`faults: ${key} must be between 0 and 1, got ${rate}`);
    }
    const active: ActiveRule = { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY };
    this.#rules.push(active);
    return () => {
      this.#rules = this.#rules.filter((r) => r !== active);
    };
  }

  /** Every matching request fails with a network error until the returned function is called. */
  offline(match: FaultMatch = {}): () => void {
    return this.add({ ...match, offline: true });
  }

  /** Adds `ms` (or a random delay in `[min, max]`) before each matching answer. */
  latency(ms: number | [number, number], match: FaultMatch = {}): () => void {
    return this.add({ ...match, latencyMs: ms });
  }

  /** Answers a share of matching requests with a 5xx (default: all of them, 503). */
  serverErrors(options: FaultMatch & { rate?: number; status?: FaultRule['errorStatus'] } = {}): () => void {
    const { rate = 1, status = 503, ...match } = options;
    return this.add({ ...match, errorRate: rate, errorStatus: status });
  }

  /** Answers a share of matching requests with 429 and `Retry-After` (default: all, 1 s). */
  rateLimit(options: FaultMatch & { rate?: number; retryAfterSeconds?: number } = {}): () => void {
    const { rate = 1, retryAfterSeconds = 1, ...match } = options;
    return this.add({ ...match, rateLimitRate: rate, retryAfterSeconds });
  }

  /** Switches every fault off (the counters stay). */
  clear(): void {
    this.#rules = [];
  }

  /** How many requests each kind of fault hit so far. */
  stats(): FaultStats {
    return { ...this.#stats };
  }

  get active(): number {
    return this.#rules.length;
  }

  #matches(rule: FaultRule, request: Request): boolean {
    const m = rule.match;
    if (m === undefined) return true;
    if (typeof m === 'function') return m(request);
    const path = request.url.startsWith(this.apiBase)
      ? request.url.slice(this.apiBase.length)
      : new URL(request.url).pathname;
    const pathname = path.split('?')[0] ?? path;
    return typeof m === 'string' ? pathname.startsWith(m) : m.test(pathname);
  }

  #draw(range: number | [number, number]): number {
    if (typeof range === 'number') return range;
    const [min, max] = range;
    return min + this.random() * (max - min);
  }

  /** Decides the fate of one request (consumes `times` of the rules that fire). */
  decide(request: Request): FaultDecision {
    let delayMs = 0;
    let outcome: FaultDecision | undefined;
    for (const active of [...this.#rules]) {
      const { rule } = active;
      if (active.remaining <= 0 || !this.#matches(rule, request)) continue;
      let fired = false;
      if (rule.latencyMs !== undefined) {
        delayMs = Math.max(delayMs, this.#draw(rule.latencyMs));
        fired = true;
      }
      if (!outcome) {
        if (rule.offline) {
          outcome = { kind: 'offline', delayMs: 0 };
          this.#stats.offline++;
          fired = true;
        } else if (rule.rateLimitRate !== undefined && this.random() < rule.rateLimitRate) {
          const seconds = rule.retryAfterSeconds ?? 1;
          outcome = {
            kind: 'response',
            delayMs: 0,
            response: new Response(
              errorBody('rate_limited', `rate limited (injected); retry after ${seconds} s`),
              {
                status: 429,
                headers: { 'content-type': 'application/json', 'retry-after': String(seconds) },
              },
            ),
          };
          this.#stats.rateLimited++;
          fired = true;
        } else if (rule.errorRate !== undefined && this.random() < rule.errorRate) {
          const status = rule.errorStatus ?? 503;
          const code: ErrorCode =
            status === 502 ? 'coach_unavailable' : status === 503 ? 'not_ready' : 'internal';
          outcome = {
            kind: 'response',
            delayMs: 0,
            response: new Response(errorBody(code, `server error (injected ${status})`), {
              status,
              headers: { 'content-type': 'application/json' },
            }),
          };
          this.#stats.serverErrors++;
          fired = true;
        }
      }
      if (fired) active.remaining--;
    }
    this.#rules = this.#rules.filter((r) => r.remaining > 0);
    if (delayMs > 0) this.#stats.delayed++;
    return outcome ? { ...outcome, delayMs } : { kind: 'pass', delayMs };
  }
}
