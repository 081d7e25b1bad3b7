/**
 * Signed activation webhooks (docs/integrations.md): per tenant, a URL, a `whsec_` secret and the
 * event types it wants. Each event is one queued job of kind `webhook.activation`, once per
 * session and type (idempotency key `<type>:<session id>`); the worker signs every attempt per
 * the Standard Webhooks specification (nudges/sign.ts, the one signer).
 *
 * Payloads carry ids, the scenario, the source and times, never transcript text and never a
 * person's score: HR never sees a person's scores (docs/design.md §4, `GET /v1/me/sessions`).
 * `session.passed` is sent only to a tenant that names it in `events`.
 */
import { activationSettings } from '../activation/settings.js';
import type { AuthInfo } from '../context.js';
import { decodeSecret, signWebhook } from '../nudges/sign.js';
import type { SessionRow, StoredFeedback } from '../store/store.js';
import type { TenantConfig } from '../tenants.js';
import { NotConfiguredError, type KindHandler } from './kinds.js';
import { enqueue, type Queryable } from './queue.js';
import { DEFAULT_ACTIVATION_EVENTS, type ActivationEventType } from './webhook-config.js';

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
    /** Present once the session is complete (completed, passed, meaningful at completion). */
    completedAt?: string;
  };
}

function wants(tenant: TenantConfig, type: ActivationEventType): boolean {
  const config = tenant.activationWebhook;
  return !!config && (config.events ?? DEFAULT_ACTIVATION_EVENTS).includes(type);
}

type Caller = Pick<AuthInfo, 'tenantId' | 'tenant'>;

/** Queues one event when the tenant wants it; the key makes it once per session and type. */
async function enqueueEvent(
  db: Queryable,
  auth: Caller,
  row: SessionRow,
  type: ActivationEventType,
  at: Date,
  completed = false,
): Promise<void> {
  if (!wants(auth.tenant, type)) return;
  const event: ActivationEvent = {
    type,
    timestamp: at.toISOString(),
    data: {
      sessionId: row.id,
      user: row.user,
      team: row.team,
      scenario: row.scenario,
      scenarioVersion: row.scenario_version,
      source: row.source,
      startedAt: new Date(row.created_at).toISOString(),
      ...(completed ? { completedAt: at.toISOString() } : {}),
    },
  };
  await enqueue(
    db,
    { tenant: auth.tenantId, kind: ACTIVATION_KIND, payload: event, idempotencyKey: `${type}:${row.id}` },
    at,
  );
}

/** `session.started`, when the session is created. */
export const webhookSessionStarted = (db: Queryable, auth: Caller, row: SessionRow, at: Date) =>
  enqueueEvent(db, auth, row, 'session.started', at);

/**
 * After a user turn is stored: `session.first_interaction` at the first, `session.meaningful` at
 * the tenant's `meaningfulTurns`-th (the activation report's definition, activation/settings.ts).
 */
export async function webhookTurnStored(
  db: Queryable,
  auth: Caller,
  row: SessionRow,
  userTurns: number,
  at: Date,
): Promise<void> {
  if (userTurns === 1) await enqueueEvent(db, auth, row, 'session.first_interaction', at);
  if (userTurns === activationSettings(auth.tenant).meaningfulTurns)
    await enqueueEvent(db, auth, row, 'session.meaningful', at);
}

/**
 * At `complete`: `session.meaningful` (a completed session always counts; once per session, so a
 * session that was meaningful earlier keeps that event), `session.completed`, and
 * `session.passed` when it passed. None carries the score.
 */
export async function webhookSessionCompleted(
  db: Queryable,
  auth: Caller,
  row: SessionRow,
  feedback: Pick<StoredFeedback, 'passed'>,
  at: Date,
): Promise<void> {
  await enqueueEvent(db, auth, row, 'session.meaningful', at, true);
  await enqueueEvent(db, auth, row, 'session.completed', at, true);
  if (feedback.passed) await enqueueEvent(db, auth, row, 'session.passed', at, true);
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
