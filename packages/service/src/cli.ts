#!/usr/bin/env node
/**
 * `inflow serve [--static dir] [--demo] [--port n] [--host h] [--data-dir d] [--no-migrate]` starts the
 * service (the API and the elements' embed at /inflow.js and /inflow/<version>/, see embed.ts);
 * `inflow migrate [--data-dir d]` applies pending migrations to the configured storage and exits;
 * `inflow token --tenant demo --user u1 --team sales [--scope admin] [--ttl 900]` mints a
 * development embed token (HS256, the tenant's first secret);
 * `inflow seed [--tenant demo] [--data-dir d] [--force]` writes the demo review cycle (audience +
 * activation events) into a tenant of the configured storage (DATABASE_URL or the data directory).
 */
import { parseArgs } from 'node:util';
import { mintToken } from './auth.js';
import { embedScriptTag } from './embed.js';
import { drainSecondsFromEnv, tenantsFromEnv } from './env.js';
import { createService, startServer } from './node.js';
import { migrateStorage } from './store/migrate-storage.js';
import { seedDemo } from './seed/seed.js';
import { tenantRegistry } from './tenants.js';

const usage = `usage:
  inflow serve [--static <dir>] [--demo] [--port <n>] [--host <h>] [--data-dir <dir>] [--no-migrate]
  inflow migrate [--data-dir <dir>]
  inflow token --tenant <id> --user <sub> [--team <team>] [--scope practice|admin] [--ttl <seconds>]
  inflow seed [--tenant <id>] [--data-dir <dir>] [--force]`;

async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      static: { type: 'string' },
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'no-migrate': { type: 'boolean', default: false },
    },
  });
  const port = Number.parseInt(values.port ?? process.env.PORT ?? '8787', 10);
  const drainSeconds = drainSecondsFromEnv(process.env.INFLOW_DRAIN_SECONDS);
  const server = await startServer({
    drainSeconds,
    port,
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    demo: values.demo,
    migrate: !values['no-migrate'],
    ...(values.static ? { staticDir: values.static } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  });
  if (values.demo && server.service.tenants.get('demo')) {
    // The demo report needs a review cycle to show: seed one into the demo tenant once (a data
    // directory that already has demo events is left alone).
    const seeded = await seedDemo({ query: server.query }, 'demo');
    if (seeded.seeded)
      console.log(
        `Seeded the demo tenant: ${seeded.members} people, ${seeded.events} activation events (${seeded.range.from.slice(0, 10)} to ${seeded.range.to.slice(0, 10)})`,
      );
  }
  console.log(
    `Inflow service listening on ${server.url} (storage: ${server.service.location}${values.demo ? ', demo mode' : ''})`,
  );
  console.log(`API reference: ${server.url}/docs`);
  if (server.embed) console.log(`Embed: ${embedScriptTag(server.embed, server.url)}`);
  // SIGTERM/SIGINT drain: /readyz turns 503, new requests get 503, open turns may finish for
  // INFLOW_DRAIN_SECONDS, then storage closes (PGlite checkpoints, the directory lock is released)
  // and the process exits 0. A second signal skips the rest of the drain.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: closing without waiting for open requests`);
      void server.close().then(() => process.exit(0));
      return;
    }
    stopping = true;
    console.log(`${signal}: draining (${server.service.drain.inFlight} request(s) open), then closing…`);
    // If the close cannot finish, exit anyway: the next start recovers as after a crash.
    setTimeout(
      () => {
        console.error('close did not finish 30 s after the drain period; exiting without it');
        process.exit(1);
      },
      drainSeconds * 1000 + 30_000,
    ).unref();
    server.shutdown().then(
      (finished) => {
        if (!finished) console.log(`requests still open after ${drainSeconds} s were cut`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function migrateCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } } });
  const result = await migrateStorage(values['data-dir'] ? { dataDir: values['data-dir'] } : {});
  console.log(
    result.applied.length > 0
      ? `Migrated ${result.location}: applied ${result.applied.join(', ')}`
      : `${result.location} is up to date (all ${result.total} migrations were already there)`,
  );
}

async function tokenCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string', default: 'demo' },
      user: { type: 'string' },
      team: { type: 'string' },
      scope: { type: 'string', default: 'practice' },
      ttl: { type: 'string', default: '900' },
    },
  });
  if (!values.user) throw new Error(`--user is required\n${usage}`);
  if (values.scope !== 'practice' && values.scope !== 'admin')
    throw new Error('--scope must be practice or admin');
  const tenant = tenantRegistry(tenantsFromEnv(process.env)).get(values.tenant);
  const secret = tenant?.secrets?.[0];
  if (!secret) throw new Error(`tenant "${values.tenant}" has no HS256 secret configured (INFLOW_TENANTS)`);
  const { token } = await mintToken({
    tenant: values.tenant,
    user: values.user,
    scope: values.scope,
    secret,
    ttlSeconds: Number.parseInt(values.ttl, 10),
    ...(values.team ? { team: values.team } : {}),
  });
  console.log(token);
}

async function seedCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      tenant: { type: 'string', default: 'demo' },
      'data-dir': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const service = await createService({
    log: () => undefined,
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  });
  try {
    if (!service.tenants.get(values.tenant))
      throw new Error(`unknown tenant "${values.tenant}" (INFLOW_TENANTS)`);
    const result = await seedDemo({ query: service.query }, values.tenant, { force: values.force });
    console.log(
      result.seeded
        ? `Seeded tenant ${values.tenant} (${service.location}): ${result.members} people, ${result.events} new events, ${result.range.from.slice(0, 10)} to ${result.range.to.slice(0, 10)}`
        : `Tenant ${values.tenant} already has events; nothing written (use --force to add the demo cycle anyway)`,
    );
  } finally {
    await service.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  token: tokenCommand,
  seed: seedCommand,
};
const [command, ...rest] = process.argv.slice(2);
const run = command ? commands[command] : undefined;
if (!run) {
  console.error(usage);
  process.exit(2);
} else {
  run(rest).catch((error: unknown) => {
    console.error(`inflow ${command}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
