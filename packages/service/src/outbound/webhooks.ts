/**
 * Signed activation webhooks (docs/integrations.md): per tenant, a URL, a `whsec_` secret and the
 * event types it wants. Each event is one queued job of kind `webhook.activation`; the worker
 * signs every attempt per the Standard Webhooks specification (nudges/sign.ts, the one signer).
 *
 * Payloads carry ids, the scenario, the source and times, never transcript text, and no person's
 * score or pass/fail: HR never sees a person's scores (docs/design.md §4, `GET /v1/me/sessions`).
 */
import type { AuthInfo } from '../context.js';
import { decodeSecret, signWebhook } from '../nudges/sign.js';
import type { SessionRow } from '../store/store.js';
import type { TenantConfig } from '../tenants.js';
import { NotConfiguredError, type KindHandler } from './kinds.js';
import { enqueue, type Queryable } from './queue.js';
import { ACTIVATION_EVENTS, type ActivationEventType } from './webhook-config.js';

export const ACTIVATION_KIND = 'webhook.activation';

export interface ActivationEvent {
  type: ActivationEventType;
  /** When the event happened (ISO). */
  timestamp: string;
  data: {
    sessionId: string;
    /** The token's `sub`: the vendor's pseudonymous user id. */
    user: string;
    team: string | null;
    scenario: string;
    scenarioVersion: number;
    source: string;
    startedAt: string;
    completedAt: string;
  };
}

function wants(tenant: TenantConfig, type: ActivationEventType): boolean {
  const config = tenant.activationWebhook;
  return !!config && (config.events ?? ACTIVATION_EVENTS).includes(type);
}

/** Queues `session.completed` when the tenant wants it (idempotent per session). */
export async function enqueueSessionCompleted(
  db: Queryable,
  auth: Pick<AuthInfo, 'tenantId' | 'tenant'>,
  row: SessionRow,
  at: Date,
): Promise<void> {
  if (!wants(auth.tenant, 'session.completed')) return;
  const event: ActivationEvent = {
    type: 'session.completed',
    timestamp: at.toISOString(),
    data: {
      sessionId: row.id,
      user: row.user,
      team: row.team,
      scenario: row.scenario,
      scenarioVersion: row.scenario_version,
      source: row.source,
      startedAt: new Date(row.created_at).toISOString(),
      completedAt: at.toISOString(),
    },
  };
  await enqueue(
    db,
    {
      tenant: auth.tenantId,
      kind: ACTIVATION_KIND,
      payload: event,
      idempotencyKey: `${event.type}:${row.id}`,
    },
    at,
  );
}

/** Sends the stored event, signed with the tenant's current secret; `webhook-id` = the idempotency key. */
export const activationWebhook: KindHandler = {
  async build(job, tenant, nowMs) {
    const config = tenant?.activationWebhook;
    if (!config) throw new NotConfiguredError('activationWebhook is not configured for this tenant');
    if (!/^https?:\/\//.test(config.url))
      throw new NotConfiguredError('activationWebhook.url is not an http(s) URL');
    try {
      decodeSecret(config.secret);
    } catch (error) {
      throw new NotConfiguredError(`activationWebhook.secret: ${(error as Error).message}`);
    }
    const body = JSON.stringify(job.payload);
    const signed = await signWebhook(config.secret, job.idempotencyKey, nowMs / 1000, body);
    return { url: config.url, headers: { 'content-type': 'application/json', ...signed }, body };
  },
};
