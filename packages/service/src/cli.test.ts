// `inflow token` mints development tokens the service accepts; tenants come from INFLOW_TENANTS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { expect, test } from 'vitest';
import { verifyToken } from './auth.js';
import { DEMO_TENANT, tenantRegistry } from './tenants.js';
import { rateLimitFromEnv, tenantsFromEnv } from './env.js';

const repoRoot = new URL('../../../', import.meta.url).pathname;
const cli = new URL('./cli.ts', import.meta.url).pathname;

function inflow(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, INFLOW_TENANTS: '', ...env },
  });
}

test('inflow token --tenant demo --user u1 --team sales --scope admin', async () => {
  const r = inflow(['token', '--tenant', 'demo', '--user', 'u1', '--team', 'sales', '--scope', 'admin']);
  expect(r.status, r.stderr).toBe(0);
  const token = r.stdout.trim();
  const auth = await verifyToken(token, tenantRegistry([DEMO_TENANT]), new Date());
  expect(auth).toMatchObject({ tenantId: 'demo', user: 'u1', team: 'sales', scope: 'admin' });
  const claims = decodeJwt(token);
  expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(15 * 60);
});

test('tenants from an INFLOW_TENANTS file; unknown tenants and missing flags fail clearly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'inflow-cli-'));
  try {
    const file = join(dir, 'tenants.json');
    const tenants = [
      { id: 'acme', secrets: ['acme-secret-for-the-cli-test-0123456789'], scenarios: ['goal-setting'] },
    ];
    writeFileSync(file, JSON.stringify({ tenants }));
    const r = inflow(['token', '--tenant', 'acme', '--user', 'a1'], { INFLOW_TENANTS: file });
    expect(r.status, r.stderr).toBe(0);
    const registry = tenantRegistry(tenantsFromEnv({ INFLOW_TENANTS: file }));
    expect(await verifyToken(r.stdout.trim(), registry, new Date())).toMatchObject({
      tenantId: 'acme',
      user: 'a1',
      scope: 'practice',
      team: null,
    });
    // Configuring tenants replaces the demo tenant: it is not silently enabled in production.
    expect(registry.get('demo')).toBeUndefined();

    const unknown = inflow(['token', '--tenant', 'nobody', '--user', 'x'], { INFLOW_TENANTS: file });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/tenant "nobody" has no HS256 secret/);
    const missing = inflow(['token', '--tenant', 'demo']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/--user is required/);
    expect(inflow(['frobnicate']).status).toBe(2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inline INFLOW_TENANTS JSON, and bad tenant configs are refused at start', () => {
  expect(tenantsFromEnv({ INFLOW_TENANTS: '[{"id":"x","secrets":["s"]}]' }).map((t) => t.id)).toEqual(['x']);
  expect(tenantsFromEnv({}).map((t) => t.id)).toEqual(['demo']);
  expect(() => tenantRegistry([{ id: 'nokeys' }])).toThrow(/needs "secrets"/);
  expect(() => tenantRegistry([{ id: 'weak', secrets: ['short'] }])).toThrow(/at least 32 characters/);
  expect(() => tenantRegistry([DEMO_TENANT, DEMO_TENANT])).toThrow(/duplicate/);
});

test('INFLOW_RATE_LIMIT: off, burst,perSecond, or a clear error', () => {
  expect(rateLimitFromEnv(undefined)).toBeUndefined();
  expect(rateLimitFromEnv('off')).toBe(false);
  expect(rateLimitFromEnv('120, 40')).toEqual({ burst: 120, perSecond: 40 });
  expect(() => rateLimitFromEnv('lots')).toThrow(/INFLOW_RATE_LIMIT/);
});
