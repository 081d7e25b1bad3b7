/**
 * Test helpers for authored scenarios: a valid scenario, the contract check, and the two storage
 * backends (embedded PGlite, and a throw-away PostgreSQL server started once per test file).
 */
import type { ScenarioInput } from '@inflow/contract';
import Compile from 'typebox/compile';
import type { TSchema } from 'typebox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningServer } from '../node.js';
import { client, start, testTenants, token, type Reply } from './harness.js';
import { startPostgres, type PostgresServer } from './postgres.js';

export function conforms(schema: TSchema, value: unknown): void {
  const v = Compile(schema);
  if (!v.Check(value))
    expect.fail(`not the contract's shape: ${JSON.stringify(v.Errors(value).slice(0, 3))}`);
}

export const status = (r: Reply) => ({ status: r.status, code: r.json?.error?.code });

/** The overtime scenario's description, shared by the scripted-engine and end-to-end suites. */
export const OVERTIME = {
  title: 'Unpaid overtime',
  summary: 'A team lead keeps working weekends.',
  setting: 'performance-review',
  persona: { name: 'Kim Berg', role: 'Team lead', description: 'Proud of her output, exhausted.' },
  objectives: ['Name the pattern', 'Agree limits'],
  locale: 'en',
} satisfies Partial<ScenarioInput>;

/** Version 1 of the test scenario; `over` changes fields for later versions. */
export function pricing(over: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    title: 'No raise this year',
    summary: 'Tell a strong performer that the budget allows no raise.',
    setting: 'performance-review',
    persona: { name: 'Ana Costa', role: 'Product designer', description: 'Strong year, expects a raise.' },
    objectives: ['Explain the decision', 'Ask how they feel'],
    rubric: [
      {
        id: 'reason',
        label: 'Gives the reason',
        description: 'Explains the budget decision.',
        signals: ['budget'],
        reaction: 'V1: so it is the budget.',
      },
      {
        id: 'ask',
        label: 'Asks how they feel',
        description: 'Asks an open question.',
        signals: ['how do you feel'],
        reaction: 'V1: honestly, let down.',
      },
    ],
    locale: 'en',
    script: { opening: 'V1: you wanted to see me?', pushback: ['V1: hm.'], closing: 'V1: okay.' },
    status: 'published',
    ...over,
  };
}

export interface Backend {
  name: string;
  /** Storage options for `start()`, or undefined when PostgreSQL cannot run here. */
  db: () => Promise<{ dataDir: string } | { databaseUrl: string } | undefined>;
}

/** Both backends; registers the hooks that start and stop PostgreSQL for the calling file. */
export function storageBackends(prefix: string): { backends: Backend[]; skipReason: () => string } {
  let pgServer: PostgresServer | undefined;
  let pgSkip: string | undefined;
  beforeAll(async () => {
    const started = await startPostgres();
    if ('skip' in started) pgSkip = started.skip;
    else pgServer = started;
  });
  afterAll(async () => {
    await pgServer?.stop();
  });
  return {
    skipReason: () => pgSkip ?? 'no storage',
    backends: [
      { name: 'PGlite', db: async () => ({ dataDir: 'memory://' }) },
      {
        name: 'PostgreSQL',
        db: async () =>
          pgServer ? { databaseUrl: await pgServer.createDatabase(`${prefix}_${Date.now()}`) } : undefined,
      },
    ],
  };
}

/**
 * Inside one backend's describe: the service on that storage with the test tenants, a client,
 * HR's and a manager's tokens (filled in by the registered beforeAll), and an `it` that skips
 * when the backend cannot run here.
 */
export function serveOnBackend(db: Backend['db'], skipReason: () => string) {
  const live = {} as {
    server?: RunningServer;
    call: ReturnType<typeof client>;
    admin: string;
    practice: string;
  };
  beforeAll(async () => {
    const storage = await db();
    if (!storage) return;
    live.server = await start({ ...storage, tenants: (await testTenants()).tenants });
    live.call = client(live.server.url);
    live.admin = await token({ sub: 'hr1', scope: 'admin' });
    live.practice = await token({ sub: 'u1', team: 'sales' });
  });
  afterAll(async () => {
    await live.server?.close();
  });
  const it = (name: string, fn: () => Promise<void>) =>
    test(name, async (ctx) => {
      if (!live.server) ctx.skip(skipReason());
      await fn();
    });
  return { live, it };
}
