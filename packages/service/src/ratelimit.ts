/**
 * Per-user rate limit (token bucket, in memory). One misbehaving embed — a retry loop on a
 * vendor page — slows down only its own user, and learns when to come back from `Retry-After`.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, RateLimitOptions } from './context.js';
import { ApiError } from './errors.js';

interface Bucket {
  tokens: number;
  at: number;
}

const MAX_KEYS = 50_000;

export function rateLimit(
  options: RateLimitOptions,
  now: () => number = Date.now,
): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, Bucket>();
  return async (c, next) => {
    const auth = c.get('auth');
    // Per verified identity, never the header's text: other spellings of one token, or a fresh
    // token for the same user, share one bucket.
    const key = `${auth.tenantId}\u0000${auth.user}`;
    const t = now();
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size >= MAX_KEYS) {
        // Drop the oldest entries (Map keeps insertion order); they were full or nearly so.
        for (const k of [...buckets.keys()].slice(0, MAX_KEYS / 10)) buckets.delete(k);
      }
      b = { tokens: options.burst, at: t };
      buckets.set(key, b);
    }
    b.tokens = Math.min(options.burst, b.tokens + ((t - b.at) / 1000) * options.perSecond);
    b.at = t;
    if (b.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / options.perSecond));
      throw new ApiError(
        'rate_limited',
        `too many requests for this user; retry after ${retryAfter} s`,
        undefined,
        {
          'Retry-After': String(retryAfter),
        },
      );
    }
    b.tokens -= 1;
    await next();
  };
}
