/**
 * Test helpers: a running service over real HTTP, tenants with HS256 and ES256 keys, token
 * minting (including deliberately bad tokens), and a small fetch wrapper.
 */
import { TOKEN_AUDIENCE } from '@inflow/contract';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startServer, type RunningServer, type ServerOptions } from '../node.js';
import { DEMO_TENANT, type TenantConfig } from '../tenants.js';

export const ACME_SECRET = 'acme-test-secret-0123456789abcdef';

export interface Keys {
  es256: { privateKey: CryptoKey; tenant: TenantConfig };
  /** A key pair no tenant trusts. */
  rogue: CryptoKey;
}

export async function testTenants(
  extra: Partial<Record<string, Partial<TenantConfig>>> = {},
): Promise<{ tenants: TenantConfig[]; keys: Keys }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const rogue = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'globex-1', alg: 'ES256', use: 'sig' };
  const globex: TenantConfig = { id: 'globex', jwks: { keys: [jwk] }, ...extra.globex };
  const tenants: TenantConfig[] = [
    { ...DEMO_TENANT, ...extra.demo },
    { id: 'acme', secrets: [ACME_SECRET], disclosure: 'Acme AI-use policy: practice only.', ...extra.acme },
    globex,
  ];
  return { tenants, keys: { es256: { privateKey, tenant: globex }, rogue: rogue.privateKey } };
}

export interface TokenSpec {
  iss?: string;
  sub?: string;
  team?: string;
  scope?: string;
  aud?: string;
  /** Seconds from now (negative = already expired). */
  exp?: number;
  /** Seconds from now; default 0. */
  iat?: number;
  secret?: string;
  key?: CryptoKey;
  kid?: string;
}

export async function token(spec: TokenSpec = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { scope: spec.scope ?? 'practice' };
  if (spec.team !== undefined) claims.team = spec.team;
  const jwt = new SignJWT(claims)
    .setIssuer(spec.iss ?? 'demo')
    .setSubject(spec.sub ?? 'u1')
    .setAudience(spec.aud ?? TOKEN_AUDIENCE)
    .setIssuedAt(now + (spec.iat ?? 0))
    .setExpirationTime(now + (spec.exp ?? 600));
  if (spec.key) return jwt.setProtectedHeader({ alg: 'ES256', kid: spec.kid ?? 'globex-1' }).sign(spec.key);
  return jwt
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(spec.secret ?? DEMO_TENANT.secrets![0]!));
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (for malformed bodies). */
  raw?: string;
  headers?: Record<string, string>;
}

export function client(baseUrl: string) {
  return async function call(method: string, path: string, o: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

export async function start(options: ServerOptions): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', rateLimit: false, log: () => undefined, ...options });
}

/** A v4-shaped UUID from a counter, so tests can repeat ids on purpose. */
export function uuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0190a000-0000-7000-8000-${hex}`;
}
