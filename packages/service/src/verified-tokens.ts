/**
 * Tokens this process has already verified, so a client's next request with the same token skips
 * the signature check (its HMAC or ECDSA was 10 % of the service's CPU in event ingest,
 * docs/benchmarks.md §6). A hit is the same bytes, already checked by the same tenant registry
 * (registries are immutable: one built with other secrets or keys has a cache of its own). Its time claims are
 * checked again on every use, so a cached token expires exactly when a fresh check would refuse it.
 * Bounded: the oldest entry goes first.
 */
import { MAX_TOKEN_LIFETIME_SECONDS } from '@inflow/contract';
import type { AuthInfo } from './context.js';
import type { TenantRegistry } from './tenants.js';

interface Verified {
  auth: AuthInfo;
  exp: number;
  nbf: number | undefined;
}

/** Enough for every token alive at once at the design's 5,000-person rollout. */
const MAX_ENTRIES = 10_000;

const caches = new WeakMap<TenantRegistry, Map<string, Verified>>();

function cacheOf(tenants: TenantRegistry): Map<string, Verified> {
  let cache = caches.get(tenants);
  if (!cache) caches.set(tenants, (cache = new Map()));
  return cache;
}

/** The caller of an already verified token, while its `exp` and `nbf` still hold at `now`. */
export function verifiedBefore(
  token: string,
  tenants: TenantRegistry,
  nowSeconds: number,
  skewSeconds: number,
): AuthInfo | undefined {
  const hit = caches.get(tenants)?.get(token);
  if (!hit) return undefined;
  // The same bounds as jose's checks: expired at exp + skew, not yet valid before nbf - skew.
  if (nowSeconds >= hit.exp + skewSeconds) return undefined;
  if (hit.nbf !== undefined && hit.nbf > nowSeconds + skewSeconds) return undefined;
  // A clock set back puts exp more than the allowed lifetime ahead again (auth.ts).
  if (hit.exp - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS + skewSeconds) return undefined;
  return hit.auth;
}

export function rememberVerified(token: string, tenants: TenantRegistry, entry: Verified): void {
  const cache = cacheOf(tenants);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(token, entry);
}
