/**
 * Graceful drain (runtime-neutral): once `begin()` is called (SIGTERM in the CLI), new requests
 * are refused with 503 `not_ready`, `Connection: close` and `Retry-After`, `/readyz` answers 503 so
 * the load balancer takes the process out, and `idle()` resolves when every request in flight —
 * a streamed turn until its last event — has ended, or when the grace period is over.
 * `/healthz` keeps answering: the process is alive while it drains.
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError, errorResponse } from '../errors.js';
import { onResponseEnd } from './response-end.js';

const ALWAYS = new Set(['/healthz', '/readyz']);

export class Drain {
  #draining = false;
  #inFlight = 0;
  #idle: (() => void)[] = [];

  get draining(): boolean {
    return this.#draining;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  begin(): void {
    this.#draining = true;
  }

  /** True when everything in flight ended within `timeoutMs`, false when the time ran out first. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.#inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#idle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (this.#draining && !ALWAYS.has(c.req.path))
        return errorResponse(
          c,
          new ApiError('not_ready', 'this server is shutting down; send the request again', undefined, {
            Connection: 'close',
            'Retry-After': '1',
          }),
        );
      this.#inFlight++;
      await next();
      onResponseEnd(c, () => {
        if (--this.#inFlight === 0) for (const done of this.#idle.splice(0)) done();
      });
    };
  }
}
