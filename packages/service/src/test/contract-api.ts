/**
 * The contract suites (contract-*.test.ts): every endpoint of API v1 over real HTTP, once on
 * embedded PGlite and once on a throw-away PostgreSQL server, responses checked against the
 * contract's own schemas. `contractBackends()` starts PostgreSQL and a vendor's webhook receiver
 * for the calling file; `apiOnBackend(db)`, inside one backend's describe, starts the service on
 * it and fills in `server`, `keys`, `call` and the tokens, and gives an `it` that skips when the
 * backend cannot run here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as S from '@inflow/contract/schemas';
import { createParser } from 'eventsource-parser';
import Compile from 'typebox/compile';
import type { TSchema } from 'typebox';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateSecret } from '../nudges/sign.js';
import type { RunningServer } from '../node.js';
import { ACME_SECRET, client, start, testTenants, token, type Keys, type Reply } from './harness.js';
import { startPostgres, type PostgresServer } from './postgres.js';

export const SCENARIOS_TEST_IDS = [
  'underperformance',
  'critical-feedback',
  'rating-disagreement',
  'goal-setting',
  'first-one-to-one',
];

export function conforms(schema: TSchema, value: unknown): void {
  const v = Compile(schema);
  if (!v.Check(value))
    expect.fail(
      `response does not match the contract: ${JSON.stringify(v.Errors(value).slice(0, 3))}\n${JSON.stringify(value).slice(0, 500)}`,
    );
}

export function expectError(r: Reply, status: number, code: string): void {
  expect({ status: r.status, code: r.json?.error?.code }).toEqual({ status, code });
  conforms(S.ErrorBody, r.json);
  // No stack traces or internals leak to clients.
  expect(r.text).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|Error:/);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parseSse(text: string): { event: string; data: any }[] {
  const out: { event: string; data: unknown }[] = [];
  const parser = createParser({
    onEvent: (e) => out.push({ event: e.event ?? 'message', data: JSON.parse(e.data) }),
  });
  parser.feed(text);
  return out as { event: string; data: any }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
}

let pgServer: PostgresServer | undefined;
let pgSkip: string | undefined;
let webhook: Server;
export let webhookUrl: string;
export const webhookHits: string[] = [];

/** Both backends; registers the hooks that start PostgreSQL and the webhook receiver for the calling file. */
export function contractBackends() {
  beforeAll(async () => {
    const started = await startPostgres();
    if ('skip' in started) {
      pgSkip = started.skip;
      console.warn(`[contract] PostgreSQL suite skipped: ${pgSkip}`);
    } else pgServer = started;
    // A vendor's webhook receiver for POST /v1/nudges.
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        webhookHits.push(body);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', () => r()));
    webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    await pgServer?.stop();
    await new Promise((r) => webhook.close(r));
  });

  const backends = [
    { name: 'PGlite', db: async () => ({ dataDir: 'memory://' }) },
    {
      name: 'PostgreSQL',
      db: async () => {
        if (!pgServer) return undefined;
        return { databaseUrl: await pgServer.createDatabase(`contract_${Date.now()}`) };
      },
    },
  ];
  return backends;
}

export let server: RunningServer | undefined;
export let keys: Keys;
export let call: ReturnType<typeof client>;
export let demoToken: string;
export let adminToken: string;
export let acmeToken: string;

/** Inside one backend's describe: the service on `db` with the test tenants, and its `it`. */
export function apiOnBackend(db: () => Promise<{ dataDir: string } | { databaseUrl: string } | undefined>) {
  beforeAll(async () => {
    server = undefined; // the previous backend's, closed
    const storage = await db();
    if (!storage) return;
    const t = await testTenants({
      acme: {
        transcriptRetentionDays: 30,
        scenarios: ['underperformance', 'goal-setting'],
        nudgeChannels: { webhook: { url: webhookUrl, secret: generateSecret() } },
        allowPrivateReceivers: true, // the loopback receiver
      },
    });
    keys = t.keys;
    server = await start({ ...storage, tenants: t.tenants, demo: true });
    call = client(server.url);
    demoToken = await token({ sub: 'u1', team: 'sales' });
    adminToken = await token({ sub: 'hr1', scope: 'admin' });
    acmeToken = await token({ iss: 'acme', secret: ACME_SECRET, sub: 'a1', team: 'ops' });
  });
  afterAll(async () => {
    await server?.close();
  });

  // Skips (with the reason printed in beforeAll) when PostgreSQL cannot run on this machine.
  const it = (name: string, fn: () => Promise<void>) =>
    test(name, async (ctx) => {
      if (!server) ctx.skip(pgSkip ?? 'no storage');
      await fn();
    });
  return it;
}
