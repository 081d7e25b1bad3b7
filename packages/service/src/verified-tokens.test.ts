// The verified-token cache (verified-tokens.ts): a repeated token skips the signature check, yet
// is refused exactly when a fresh check would refuse it.
import { SignJWT } from 'jose';
import { afterEach, expect, test, vi } from 'vitest';
import { verifyToken } from './auth.js';
import { ApiError } from './errors.js';
import { tenantRegistry } from './tenants.js';

const SECRET = 'cache-secret-0123456789abcdef012345';
const OTHER = 'other-secret-0123456789abcdef012345';
const at = Math.floor(Date.now() / 1000);
const token = (claims: Record<string, unknown> = {}, exp = at + 600) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('acme')
    .setSubject('u1')
    .setAudience('inflow')
    .setIssuedAt(at)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(SECRET));
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e as ApiError).code,
  );
const second = (s: number) => new Date(s * 1000);

afterEach(() => vi.restoreAllMocks());

test('a token verified once is not verified again while it is valid', async () => {
  const tenants = tenantRegistry([{ id: 'acme', secrets: [SECRET] }]);
  const t = await token({ team: 'ops' });
  const verify = vi.spyOn(crypto.subtle, 'verify');
  const first = await verifyToken(t, tenants, second(at));
  expect(verify).toHaveBeenCalledTimes(1);
  expect(await verifyToken(t, tenants, second(at + 60))).toEqual(first);
  expect(verify).toHaveBeenCalledTimes(1);
});

test('a cached token expires at exp + 30 s, like a fresh one', async () => {
  const tenants = tenantRegistry([{ id: 'acme', secrets: [SECRET] }]);
  const t = await token({}, at + 300);
  expect(await codeOf(verifyToken(t, tenants, second(at)))).toBe('accepted');
  expect(await codeOf(verifyToken(t, tenants, second(at + 329)))).toBe('accepted');
  expect(await codeOf(verifyToken(t, tenants, second(at + 330)))).toBe('token_expired');
});

test('a cached token is refused before its nbf - 30 s', async () => {
  const tenants = tenantRegistry([{ id: 'acme', secrets: [SECRET] }]);
  const t = await token({ nbf: at - 10 });
  expect(await codeOf(verifyToken(t, tenants, second(at)))).toBe('accepted');
  expect(await codeOf(verifyToken(t, tenants, second(at - 41)))).toBe('unauthorized');
});

test('a cached token is refused when the clock is set back past its 15-minute lifetime', async () => {
  const tenants = tenantRegistry([{ id: 'acme', secrets: [SECRET] }]);
  const t = await token({}, at + 600);
  expect(await codeOf(verifyToken(t, tenants, second(at)))).toBe('accepted');
  expect(await codeOf(verifyToken(t, tenants, second(at - 331)))).toBe('unauthorized');
});

test('a registry without the signing secret refuses a token another registry cached', async () => {
  const t = await token();
  const before = tenantRegistry([{ id: 'acme', secrets: [SECRET] }]);
  expect(await codeOf(verifyToken(t, before, second(at)))).toBe('accepted');
  const rotated = tenantRegistry([{ id: 'acme', secrets: [OTHER] }]);
  expect(await codeOf(verifyToken(t, rotated, second(at)))).toBe('unauthorized');
});
