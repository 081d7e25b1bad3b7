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
