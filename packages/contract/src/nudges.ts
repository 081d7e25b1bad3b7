/** `POST /v1/nudges` and `GET /v1/nudges/{id}` (docs/nudges.md). */
import Type from 'typebox';
import { Id, Timestamp, Uuid } from './common.js';
import { DeliveryStatus } from './deliveries.js';

export const NudgeRequest = Type.Object(
  {
    user: Type.String({ minLength: 1, maxLength: 128 }),
    scenario: Id,
    channel: Type.Union([Type.Literal('slack'), Type.Literal('teams'), Type.Literal('webhook')]),
    /** Page the deep link opens, e.g. the vendor's review screen. */
    url: Type.String({ format: 'uri', maxLength: 2000 }),
    message: Type.Optional(Type.String({ maxLength: 500 })),
    campaign: Type.Optional(Type.Boolean()),
    /** Deliver then instead of now: not in the past, at most 90 days ahead (docs/nudges.md). */
    sendAt: Type.Optional(Timestamp),
    /**
     * At send time, skip the user if they had a meaningful session on this scenario since the
     * nudge was queued (the tenant's `meaningfulTurns`, or completed); the nudge is `skipped`.
     */
    unlessPractised: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const NudgeDelivery = Type.Object({
  attempt: Type.Integer({ minimum: 1 }),
  at: Timestamp,
  status: Type.Union([Type.Integer(), Type.Null()]),
  ok: Type.Boolean(),
  error: Type.Optional(Type.String()),
});

/**
 * A nudge and its delivery. `POST /v1/nudges` answers 202 with it before anything is sent (the
 * outbound queue delivers it, docs/nudges.md); `GET /v1/nudges/{id}` reads it back with every
 * attempt the queue made.
 */
export const NudgeResponse = Type.Object({
  id: Uuid,
  link: Type.String(),
  channel: Type.String(),
  /** Its delivery's status in the outbound queue. */
  status: DeliveryStatus,
  /** `status` is `delivered`. */
  delivered: Type.Boolean(),
  /** Its job in `GET /v1/deliveries` (null for a nudge sent before deliveries were queued). */
  deliveryId: Type.Union([Uuid, Type.Null()]),
  /** When it is (or was) due. */
  sendAt: Timestamp,
  unlessPractised: Type.Boolean(),
  /** Why it is `dead` or `skipped`. */
  reason: Type.Optional(Type.String()),
  deliveries: Type.Array(NudgeDelivery),
});
