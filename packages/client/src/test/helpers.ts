// Test helpers: an unsigned JWT with chosen claims (the client never verifies signatures), and
// a msw server that fails on any request no handler expects.
import { setupServer } from 'msw/node';

export const API = 'http://inflow.test';

export function fakeJwt(claims: Record<string, unknown>): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}.sig`;
}

export function tokenFor(sub: string, expInSeconds = 900, iss = 'demo'): string {
  return fakeJwt({ iss, sub, aud: 'inflow', exp: Math.floor(Date.now() / 1000) + expInSeconds });
}

export function createMswServer() {
  return setupServer();
}
