/**
 * Shared by the security suites: the real app in-process (`app.fetch`, same code as
 * over HTTP, minus the socket), the contract's route list with concrete paths, and the checks
 * every error response must pass (stable code, matching status, no stack trace).
 */
import { ERROR_CODES } from '@inflow/contract';
import { ROUTES, type RouteSpec } from '@inflow/contract/openapi';
import { expect } from 'vitest';
import { createService, type Service } from '../node.js';
import { uuid } from './harness.js';
import type { TenantConfig } from '../tenants.js';

export const BASE = 'http://inflow.test';

export interface InProcess {
  service: Service;
  /** Calls the real app without a socket. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export async function inProcess(
  tenants: TenantConfig[],
  extra: Parameters<typeof createService>[0] = {},
): Promise<InProcess> {
  const service = await createService({
    dataDir: 'memory://',
    tenants,
    rateLimit: false,
    log: () => undefined,
    ...extra,
  });
  return { service, fetch: async (path, init) => service.app.fetch(new Request(`${BASE}${path}`, init)) };
}

/** `/v1/sessions/{id}/turns` → `/v1/sessions/<id>/turns`. */
// Lone surrogates cannot be percent-encoded (a client could not send them either): replace them.
export const concrete = (route: RouteSpec, id: string): string =>
  route.path.replace('{id}', encodeURIComponent(id.replace(/[\uD800-\uDFFF]/gu, '\uFFFD')));

export const AUTH_ROUTES = ROUTES.filter((r) => r.scope !== null);
export const ADMIN_ROUTES = ROUTES.filter((r) => r.scope === 'admin');
export const label = (r: RouteSpec): string => `${r.method.toUpperCase()} ${r.path}`;

// A stack frame ("at fn (file.ts:12:3)"), a file path with a line, or an Error's name leaking.
// Each part is bounded by whitespace, so the check stays linear on a long one-line body (the
// OpenAPI document): `at [^\n]*…` backtracked over the rest of the line from every "at ".
const LEAK =
  /\bat (?:[^\s()]+ ){0,3}\(?[^\s()]+\.(?:ts|js|mjs):\d+|node_modules|\/work\/|Error: |TypeError|SyntaxError|RangeError/;

export interface Checked {
  status: number;
  code?: string;
  text: string;
}

/**
 * The promise of docs/design.md §4 for any response: never a 5xx, never a stack trace; a 4xx carries
 * `{error:{code,message}}` whose code is one of the contract's stable codes and matches the status.
 * `allow5xx` lists codes that are legitimate for the test at hand (e.g. `coach_unavailable`).
 */
export async function checkResponse(
  res: Response,
  context: string,
  allow5xx: string[] = [],
): Promise<Checked> {
  const text = await res.text();
  const where = `${context} → ${res.status} ${text.slice(0, 300)}`;
  let code: string | undefined;
  if (res.status >= 400) {
    let body: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      expect.fail(`error response is not JSON: ${where}`);
    }
    code = typeof body?.error?.code === 'string' ? body.error.code : undefined;
    expect(code, `stable error code: ${where}`).toBeDefined();
    expect(Object.keys(ERROR_CODES), `known error code: ${where}`).toContain(code);
    expect(ERROR_CODES[code as keyof typeof ERROR_CODES], `status matches code: ${where}`).toBe(res.status);
    expect(typeof body?.error?.message, `message: ${where}`).toBe('string');
    if (res.status === 429) expect(res.headers.get('retry-after'), `Retry-After: ${where}`).toMatch(/^\d+$/);
  }
  if (res.status >= 500 && !(code && allow5xx.includes(code))) expect.fail(`5xx: ${where}`);
  expect(text, `no stack trace or internals: ${where}`).not.toMatch(LEAK);
  return { status: res.status, ...(code ? { code } : {}), text };
}

/**
 * The real app over in-memory PGlite with a clock the test moves (token expiry and skew), and
 * every server-side log line collected (to prove tokens never reach it).
 */
export interface ClockedApp extends InProcess {
  clock: { now: Date };
  logs: string[];
  /** Every row of every table, as JSON text (to prove tokens are never stored). */
  dump(): Promise<string>;
  close(): Promise<void>;
}

export async function clockedApp(tenants: TenantConfig[]): Promise<ClockedApp> {
  const { openDb } = await import('../store/open-node.js');
  const { migrate } = await import('../store/migrate.js');
  const { MIGRATIONS } = await import('../store/migrations/index.js');
  const { createApp } = await import('../app.js');
  const { scriptedEngine } = await import('../coach/scripted.js');
  const { tenantRegistry } = await import('../tenants.js');
  const { pinoLogger } = await import('../ops/pino.js');
  const logs: string[] = [];
  const opened = await openDb({ dataDir: 'memory://', log: (m) => logs.push(m) });
  await migrate(opened.db, MIGRATIONS);
  const clock = { now: new Date() };
  const app = createApp({
    db: opened.db,
    tenants: tenantRegistry(tenants),
    coach: scriptedEngine(),
    now: () => clock.now,
    rateLimit: false,
    logger: pinoLogger({ write: (line) => logs.push(line) }),
  });
  return {
    service: undefined as unknown as Service,
    clock,
    logs,
    fetch: async (path, init) => app.fetch(new Request(`${BASE}${path}`, init)),
    async dump() {
      const tables = await opened.db.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public'",
      );
      const parts: string[] = [];
      for (const { table_name } of tables) {
        const rows = await opened.db.query(`select row_to_json(t)::text as j from "${table_name}" t`);
        for (const r of rows) parts.push(`${table_name}: ${(r as { j: string }).j}`);
      }
      return parts.join('\n');
    },
    close: () => opened.close(),
  };
}

/** A valid body per operation, so mutations probe the validator near the accepted shape. */
export function validBody(route: RouteSpec): Record<string, unknown> {
  switch (route.operationId) {
    case 'createSession':
      return { scenario: 'goal-setting', source: 'embedded', context: { role: 'Engineer' }, locale: 'en' };
    case 'sendTurn':
      return { text: 'I would like to talk about the last quarter.' };
    case 'ingestEvents':
      return {
        events: [
          {
            id: uuid(1),
            name: 'open',
            at: new Date().toISOString(),
            scenario: 'goal-setting',
            source: 'embedded',
            props: { a: 1 },
          },
        ],
      };
    case 'putAudience':
      return { members: [{ user: 'u1', team: 't1' }] };
    case 'patchAudience':
      // Remove then add: an update of u1, so sending it twice is no duplicate.
      return { add: [{ user: 'u1', team: 't1' }], remove: ['u1'] };
    case 'sendNudge':
      return { user: 'u1', scenario: 'goal-setting', channel: 'webhook', url: 'https://hr.example/review' };
    case 'sendNudgeBatch':
      return {
        users: ['u1'],
        scenario: 'goal-setting',
        channel: 'webhook',
        url: 'https://hr.example/review',
      };
    case 'putIntegrationSettings':
      return {
        lrs: {
          endpoint: 'https://lrs.example/xapi',
          username: 'inflow',
          password: 'lrs-password',
          activityIriBase: 'https://lms.example/inflow',
        },
        webhook: { url: 'https://hr.example/inflow', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
      };
    case 'putScenario':
      return {
        title: 'No raise this year',
        summary: 'Tell a strong performer that the budget allows no raise.',
        setting: 'performance-review',
        persona: {
          name: 'Ana Costa',
          role: 'Product designer',
          description: 'Strong year, expects a raise.',
        },
        objectives: ['Explain the decision'],
        rubric: [
          {
            id: 'reason',
            label: 'Gives the reason',
            description: 'Explains the budget decision.',
            signals: ['budget'],
          },
        ],
        locale: 'en',
        status: 'published',
      };
    default:
      return {};
  }
}
