/**
 * Embed-token verification (docs/design.md §4). A token is a JWT the vendor backend signs: `iss` = tenant,
 * `sub` = pseudonymous user, `aud` = "inflow", `exp` at most 15 minutes ahead, optional `team`
 * and `scope` (`practice` | `admin`). HS256 with a per-tenant secret or ES256 against the
 * tenant's JWKS. Runtime-neutral: jose uses WebCrypto.
 */
import {
  isStorableText,
  MAX_TOKEN_LIFETIME_SECONDS,
  SCOPES,
  TOKEN_AUDIENCE,
  type Scope,
} from '@inflow/contract';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, AuthInfo } from './context.js';
import { ApiError } from './errors.js';
import type { TenantConfig, TenantRegistry } from './tenants.js';
import { rememberVerified, verifiedBefore } from './verified-tokens.js';

/** Clock skew tolerated on `exp`/`nbf`/`iat`. */
const SKEW_SECONDS = 30;

const encoder = new TextEncoder();
const remoteSets = new Map<string, JWTVerifyGetKey>();

function unauthorized(message: string): ApiError {
  return new ApiError('unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer realm="inflow"' });
}

async function verifyWith(token: string, tenant: TenantConfig, alg: string, now: Date): Promise<JWTPayload> {
  const options = {
    issuer: tenant.id,
    audience: TOKEN_AUDIENCE,
    requiredClaims: ['exp', 'sub'],
    clockTolerance: SKEW_SECONDS,
    currentDate: now,
  };
  if (alg === 'HS256' && tenant.secrets?.length) {
    let last: unknown;
    for (const secret of tenant.secrets) {
      try {
        return (await jwtVerify(token, encoder.encode(secret), { ...options, algorithms: ['HS256'] }))
          .payload;
      } catch (error) {
        last = error;
        // Only a bad signature means "try the next secret"; expiry etc. are final.
        if (!(error instanceof errors.JWSSignatureVerificationFailed)) throw error;
      }
    }
    throw last;
  }
  if (alg === 'ES256' && (tenant.jwks || tenant.jwksUrl)) {
    let keys: JWTVerifyGetKey;
    if (tenant.jwks) keys = createLocalJWKSet(tenant.jwks);
    else {
      const url = tenant.jwksUrl!;
      keys = remoteSets.get(url) ?? createRemoteJWKSet(new URL(url));
      remoteSets.set(url, keys);
    }
    return (await jwtVerify(token, keys, { ...options, algorithms: ['ES256'] })).payload;
  }
  throw unauthorized(`algorithm ${alg} is not configured for tenant ${tenant.id}`);
}

/** Verifies a bearer token and returns who is calling, or throws a 401/403 `ApiError`. */
export async function verifyToken(token: string, tenants: TenantRegistry, now: Date): Promise<AuthInfo> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const known = verifiedBefore(token, tenants, nowSeconds, SKEW_SECONDS);
  if (known) return known;
  let iss: string | undefined;
  let alg: string | undefined;
  try {
    iss = decodeJwt(token).iss;
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw unauthorized('malformed token');
  }
  const tenant = iss ? tenants.get(iss) : undefined;
  if (!tenant || !alg) throw unauthorized('unknown token issuer');
  let payload: JWTPayload;
  try {
    payload = await verifyWith(token, tenant, alg, now);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof errors.JWTExpired)
      throw new ApiError('token_expired', 'token expired', undefined, {
        'WWW-Authenticate': 'Bearer error="invalid_token"',
      });
    if (error instanceof errors.JWTClaimValidationFailed)
      throw unauthorized(`token claim "${error.claim}" is not valid`);
    // The tenant's JWKS endpoint is down, slow, or answers an error or junk: the token may be
    // fine, so not a 401 (which would make every client refresh its token in a loop) but a
    // retryable 503. jose reports a non-200 or unparsable key set as its generic JOSEError.
    if (
      error instanceof errors.JWKSTimeout ||
      error instanceof errors.JWKSInvalid ||
      !(error instanceof errors.JOSEError) ||
      error.code === errors.JOSEError.code
    ) {
      throw new ApiError(
        'not_ready',
        `the signing keys of tenant ${tenant.id} cannot be fetched right now`,
        undefined,
        { 'Retry-After': '5' },
      );
    }
    throw unauthorized('token signature or format is not valid');
  }
  const exp = payload.exp!;
  const issuedAt = typeof payload.iat === 'number' ? payload.iat : nowSeconds;
  // Short-lived tokens only: a leaked embed token is worth at most 15 minutes.
  if (
    exp - issuedAt > MAX_TOKEN_LIFETIME_SECONDS + SKEW_SECONDS ||
    exp - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS + SKEW_SECONDS
  ) {
    throw unauthorized(`token lifetime exceeds ${MAX_TOKEN_LIFETIME_SECONDS} seconds`);
  }
  const scope = payload.scope ?? 'practice';
  if (typeof scope !== 'string' || !(SCOPES as readonly string[]).includes(scope))
    throw unauthorized('unknown token scope');
  const team = payload.team;
  // Claims are stored with every session and event: the same text rule as request bodies.
  const claimText = (v: unknown): v is string =>
    typeof v === 'string' && v.length <= 128 && isStorableText(v);
  if (team !== undefined && !claimText(team)) throw unauthorized('token claim "team" is not valid');
  if (!claimText(payload.sub) || payload.sub.length === 0)
    throw unauthorized('token claim "sub" is not valid');
  const auth = { tenantId: tenant.id, tenant, user: payload.sub, team: team ?? null, scope: scope as Scope };
  rememberVerified(token, tenants, {
    auth,
    exp,
    nbf: typeof payload.nbf === 'number' ? payload.nbf : undefined,
  });
  return auth;
}

/**
 * Reads the bearer token from `Authorization`, or, for the client's unload flush only, from the
 * body of a `text/plain` `POST /v1/events` (`{"token": "…", "events": […]}`).
 * That flush is a CORS-simple `keepalive` request, which cannot carry an Authorization header
 * without a preflight (that dies on unload). The token goes in the body, never in the URL:
 * URLs end up in access logs, proxies and Referer headers (docs/client.md).
 */
export function authMiddleware(tenants: TenantRegistry, now: () => Date): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    let token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (
      !token &&
      c.req.method === 'POST' &&
      c.req.path === '/v1/events' &&
      isTextPlain(c.req.header('content-type'))
    ) {
      token = await bodyToken(c.req.text());
    }
    if (!token) throw unauthorized('missing bearer token');
    c.set('auth', await verifyToken(token, tenants, now()));
    await next();
  };
}

function isTextPlain(type: string | undefined): boolean {
  return (type ?? '').split(';')[0]!.trim().toLowerCase() === 'text/plain';
}

/** The `token` field of a JSON body; Hono caches the text, so the route can read it again. */
async function bodyToken(text: Promise<string>): Promise<string | undefined> {
  try {
    const token = (JSON.parse(await text) as { token?: unknown } | null)?.token;
    return typeof token === 'string' && token.length > 0 ? token : undefined;
  } catch {
    return undefined; // not JSON: "missing bearer token", the route never runs
  }
}

export function requireScope(scope: Scope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.get('auth');
    if (scope === 'admin' && auth.scope !== 'admin')
      throw new ApiError('forbidden', 'this route needs a token with scope "admin"');
    await next();
  };
}

export interface MintOptions {
  tenant: string;
  user: string;
  team?: string;
  scope?: Scope;
  secret: string;
  /** Seconds until expiry, at most 900 (default 900). */
  ttlSeconds?: number;
  now?: Date;
}

/** Mints an HS256 embed token: what a vendor backend does (and `inflow token`, `/demo/token`). */
export async function mintToken(o: MintOptions): Promise<{ token: string; expiresAt: string }> {
  const ttl = Math.min(o.ttlSeconds ?? MAX_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS);
  const iat = Math.floor((o.now ?? new Date()).getTime() / 1000);
  const claims: Record<string, unknown> = { scope: o.scope ?? 'practice' };
  if (o.team) claims.team = o.team;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(o.tenant)
    .setSubject(o.user)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(encoder.encode(o.secret));
  return { token, expiresAt: new Date((iat + ttl) * 1000).toISOString() };
}
