/**
 * The outbound queue's admin API (admin scope, applied where app.ts mounts this sub-app):
 * `GET /v1/deliveries?status=` lists the tenant's deliveries, `POST /v1/deliveries/{id}/retry`
 * sends a dead one again. Another tenant's delivery id answers exactly like an unknown one: 404.
 */
import { DeliveriesQuery, type Delivery, type Static } from '@inflow/contract/schemas';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { check, isUuid } from '../validate.js';
import { getJob, listJobs, retryJob, type Job } from './queue.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function toDelivery(job: Job): Static<typeof Delivery> {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    attempts: job.attempts,
    idempotencyKey: job.idempotencyKey,
    nextAttemptAt: job.nextAttemptAt.toISOString(),
    lastAttemptAt: iso(job.lastAttemptAt),
    lastStatus: job.lastStatus,
    lastError: job.lastError,
    createdAt: job.createdAt.toISOString(),
    deliveredAt: iso(job.deliveredAt),
  };
}

export function deliveryRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const now = deps.now ?? (() => new Date());

  app.get('/', async (c) => {
    const { status } = check(DeliveriesQuery, c.req.query());
    const jobs = await listJobs(deps.db, c.get('auth').tenantId, status);
    return c.json({ deliveries: jobs.map(toDelivery) });
  });

  app.post('/:id/retry', async (c) => {
    const tenant = c.get('auth').tenantId;
    const id = c.req.param('id');
    if (!isUuid(id)) throw new ApiError('not_found', 'delivery not found');
    const job = await retryJob(deps.db, tenant, id, now());
    if (job) return c.json(toDelivery(job));
    if (await getJob(deps.db, tenant, id))
      throw new ApiError('conflict', 'this delivery was already delivered; nothing to retry');
    throw new ApiError('not_found', 'delivery not found');
  });
  return app;
}
