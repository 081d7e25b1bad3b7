/**
 * Test and benchmark helper: one service process (createService, its outbound worker running)
 * on the PostgreSQL of `DATABASE_URL` with the tenants of `INFLOW_TENANTS` and the worker policy
 * of `OUTBOUND_POLICY` (JSON). No HTTP server: only the worker's rounds. Prints `ready` once the
 * worker runs; SIGTERM drains and exits.
 */
import { createService } from '../../node.js';
import { parseTenants } from '../../tenants.js';

const service = await createService({
  databaseUrl: process.env.DATABASE_URL!,
  tenants: parseTenants(process.env.INFLOW_TENANTS!),
  outbound: { policy: JSON.parse(process.env.OUTBOUND_POLICY ?? '{}') as Record<string, number> },
  log: () => undefined,
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => void service.close().then(() => process.exit(0)));
