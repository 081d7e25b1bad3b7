/**
 * The outbound queue's admin API (`GET /v1/deliveries`, `POST /v1/deliveries/{id}/retry`):
 * one row per outbound delivery (activation webhook, chat nudge, LRS statement).
 * The payload is not listed: the admin sees what was attempted and why it failed.
 */
import Type from 'typebox';
import { Timestamp, Uuid } from './common.js';

export const DeliveryStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('delivered'),
  Type.Literal('dead'),
  /** Not sent, on purpose: e.g. a scheduled nudge to a user who practised meanwhile (`lastError` says why). */
  Type.Literal('skipped'),
]);

export const DeliveriesQuery = Type.Object({ status: Type.Optional(DeliveryStatus) });

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Delivery = Type.Object({
  id: Uuid,
  /** What is delivered, e.g. `webhook.activation`. */
  kind: Type.String(),
  status: DeliveryStatus,
  /** Attempts made so far (a retry from the admin API starts again at 0). */
  attempts: Type.Integer({ minimum: 0 }),
  /** Sent as the `Idempotency-Key` header of every attempt; unique per tenant. */
  idempotencyKey: Type.String(),
  nextAttemptAt: Timestamp,
  lastAttemptAt: Nullable(Timestamp),
  /** HTTP status of the last attempt, null when none arrived. */
  lastStatus: Nullable(Type.Integer()),
  /** Why the last attempt failed (a dead delivery's reason), or why it was skipped. Never the receiver's URL. */
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  deliveredAt: Nullable(Timestamp),
});

export const DeliveryList = Type.Object({ deliveries: Type.Array(Delivery) });

/**
 * `GET`/`PUT /v1/settings/integrations`: where the tenant's LRS statements and activation
 * webhooks go. PUT replaces both (`null` turns one off). Secrets (the LRS password, the webhook
 * secret) are write-only: left out of a PUT they keep their stored value; no answer carries them.
 */
const ReceiverUrl = Type.String({ minLength: 1, maxLength: 2048 });
export const ActivationEventType = Type.Union([
  Type.Literal('session.started'),
  Type.Literal('session.first_interaction'),
  Type.Literal('session.meaningful'),
  Type.Literal('session.completed'),
  Type.Literal('session.passed'),
]);

const LrsFields = {
  /** The LRS's xAPI base; statements go to `<endpoint>/statements`. */
  endpoint: ReceiverUrl,
  /** HTTP Basic user name (no `:`). */
  username: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^:]*$' }),
  /** Activities are `<activityIriBase>/scenarios/<id>`. */
  activityIriBase: Type.String({ minLength: 1, maxLength: 2048 }),
  /** The actor account's `homePage`; default `activityIriBase`. */
  homePage: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  /** Minutes without a user turn after which an open session is abandoned: `terminated` is sent. Default 30. */
  abandonAfterMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 1440 })),
};

export const IntegrationSettingsInput = Type.Object(
  {
    lrs: Nullable(
      Type.Object(
        {
          ...LrsFields,
          /** Write-only. Left out: the stored one is kept (required when none is stored, or the endpoint's origin changes). */
          password: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
    ),
    webhook: Nullable(
      Type.Object(
        {
          url: ReceiverUrl,
          /** Write-only `whsec_…` (Standard Webhooks). Left out: the stored one is kept. */
          secret: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          /** Absent: every type but `session.passed`. */
          events: Type.Optional(
            Type.Array(ActivationEventType, { minItems: 1, maxItems: 5, uniqueItems: true }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const IntegrationSettings = Type.Object({
  lrs: Nullable(Type.Object({ ...LrsFields, passwordSet: Type.Boolean() })),
  webhook: Nullable(
    Type.Object({ url: ReceiverUrl, events: Type.Array(ActivationEventType), secretSet: Type.Boolean() }),
  ),
  /** `settings`: stored through this API; `tenant-config`: the operator's tenant JSON (until a first PUT). */
  source: Type.Union([Type.Literal('settings'), Type.Literal('tenant-config')]),
  updatedAt: Nullable(Timestamp),
});
