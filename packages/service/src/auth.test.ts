// Embed-token verification beyond the HTTP contract suite: JWKS fetched from a vendor URL, secret
// rotation, `alg: none`, missing claims, and the 15-minute lifetime boundary.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { expect, test } from 'vitest';
import { verifyToken } from './auth.js';
import { ApiError } from './errors.js';
import { tenantRegistry } from './tenants.js';

const NEW = 'new-secret-0123456789abcdef0123456789';
const OLD = 'old-secret-0123456789abcdef0123456789';
const now = new Date();
const at = Math.floor(now.getTime() / 1000);

const hs = (secret: string, claims: Record<string, unknown> = {}, set: (j: SignJWT) => SignJWT = (j) => j) =>
  set(
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('acme')
      .setSubject('u1')
      .setAudience('inflow')
      .setIssuedAt(at)
      .setExpirationTime(at + 600),
  ).sign(new TextEncoder().encode(secret));

async function refused(token: Promise<string> | string, code = 'unauthorized') {
  const error = await verifyToken(
    await token,
    tenantRegistry([{ id: 'acme', secrets: [NEW, OLD] }]),
    now,
  ).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
}

test('during a rotation both secrets verify; other secrets do not', async () => {
  const tenants = tenantRegistry([{ id: 'acme', secrets: [NEW, OLD] }]);
  expect((await verifyToken(await hs(NEW), tenants, now)).user).toBe('u1');
  expect((await verifyToken(await hs(OLD), tenants, now)).user).toBe('u1');
  await refused(hs('some-other-secret-0123456789abcdef0'));
});

test('alg none, missing sub, future nbf, bad scope and over-long lifetimes are refused', async () => {
  await refused(
    new UnsecuredJWT({ sub: 'u1' })
      .setIssuer('acme')
      .setAudience('inflow')
      .setExpirationTime(at + 600)
      .encode(),
  );
  await refused(
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('acme')
      .setAudience('inflow')
      .setExpirationTime(at + 600)
      .sign(new TextEncoder().encode(NEW)),
  );
  await refused(hs(NEW, {}, (j) => j.setNotBefore(at + 3600)));
  await refused(hs(NEW, { scope: 'root' }));
  await refused(hs(NEW, {}, (j) => j.setIssuedAt(at).setExpirationTime(at + 15 * 60 + 31)));
  // Expired beyond the 30 s clock tolerance.
  await refused(
    hs(NEW, {}, (j) => j.setIssuedAt(at - 700).setExpirationTime(at - 60)),
    'token_expired',
  );
  // Exactly 15 minutes is fine.
  const tenants = tenantRegistry([{ id: 'acme', secrets: [NEW] }]);
  expect(
    (await verifyToken(await hs(NEW, {}, (j) => j.setExpirationTime(at + 15 * 60)), tenants, now)).scope,
  ).toBe('practice');
});

test('ES256 keys fetched from the tenant jwksUrl', async () => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
  let fetched = 0;
  const server = createServer((_req, res) => {
    fetched++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    const tenants = tenantRegistry([{ id: 'globex', jwksUrl: url }]);
    const token = await new SignJWT({ team: 'ops', scope: 'admin' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('globex')
      .setSubject('g1')
      .setAudience('inflow')
      .setIssuedAt(at)
      .setExpirationTime(at + 300)
      .sign(privateKey);
    expect(await verifyToken(token, tenants, now)).toMatchObject({
      tenantId: 'globex',
      user: 'g1',
      team: 'ops',
      scope: 'admin',
    });
    await verifyToken(token, tenants, now);
    // jose caches the key set: one fetch for both verifications.
    expect(fetched).toBe(1);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('an unreachable jwksUrl is a retryable 503, not a 401', async () => {
  const { privateKey } = await generateKeyPair('ES256');
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  server.close(); // nothing listens there now
  const tenants = tenantRegistry([{ id: 'down', jwksUrl: `http://127.0.0.1:${port}/jwks.json` }]);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: 'k' })
    .setIssuer('down')
    .setSubject('u')
    .setAudience('inflow')
    .setIssuedAt(at)
    .setExpirationTime(at + 300)
    .sign(privateKey);
  const error = await verifyToken(token, tenants, now).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect({
    code: (error as ApiError).code,
    status: (error as ApiError).status,
    retry: (error as ApiError).headers?.['Retry-After'],
  }).toEqual({ code: 'not_ready', status: 503, retry: '5' });
});
