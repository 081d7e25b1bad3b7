/**
 * The target roster (docs/activation.md, Inputs and Roster): `PUT /v1/audience` replaces it,
 * `GET /v1/audience` pages through it, `PATCH /v1/audience` adds and removes members.
 */
import Type from 'typebox';
import { DateOrTimestamp, Timestamp } from './common.js';
import { LIMITS, SEGMENT_ID_PATTERN } from './constants.js';

const UserId = Type.String({ minLength: 1, maxLength: 128 });
const Segments = Type.Array(Type.String({ pattern: SEGMENT_ID_PATTERN }), {
  maxItems: LIMITS.segmentsPerMember,
});

export const AudienceMember = Type.Object(
  {
    user: UserId,
    team: Type.String({ minLength: 1, maxLength: 128 }),
    /** When the user was given access: a date (`2026-03-02`, 00:00 UTC) or a date-time. */
    accessAt: Type.Optional(DateOrTimestamp),
    /** Ids from the tenant's `segments` list (e.g. `point-of-pain`); CSV: one `;`-separated column. */
    segments: Type.Optional(Segments),
  },
  { additionalProperties: false },
);

/**
 * When a roster change takes effect (docs/activation.md, Roster history): at or after the
 * tenant's latest change, and not in the future. Default: now (a tenant's first roster: always).
 */
const EffectiveAt = DateOrTimestamp;

export const AudienceRequest = Type.Object(
  {
    members: Type.Array(AudienceMember, { maxItems: LIMITS.audienceRows }),
    effectiveAt: Type.Optional(EffectiveAt),
  },
  { additionalProperties: false },
);

/** `PUT /v1/audience` as CSV: the body has no room for `effectiveAt`, so it is a query parameter. */
export const AudienceUploadQuery = Type.Object({
  effectiveAt: Type.Optional(EffectiveAt),
});

export const AudienceResponse = Type.Object({
  size: Type.Integer({ minimum: 0 }),
  teams: Type.Integer({ minimum: 0 }),
});

/** `GET /v1/audience`: members in user id order, `limit` at a time, from `cursor` on. */
export const AudienceQuery = Type.Object({
  /** The previous page's `next`. */
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400 })),
  /** 1-1000, default 100. */
  limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  /** The roster as it was at this instant (its history); default: the roster now. */
  at: Type.Optional(DateOrTimestamp),
});

export const AudiencePage = Type.Object({
  members: Type.Array(
    Type.Object({
      user: UserId,
      team: Type.String(),
      accessAt: Type.Union([Timestamp, Type.Null()]),
      segments: Segments,
    }),
  ),
  /** Pass as `cursor` for the next page; null on the last page. */
  next: Type.Union([Type.String(), Type.Null()]),
});

/**
 * `PATCH /v1/audience`: `remove` is applied before `add`, so a user in both is updated. A user
 * added who is already on the roster (and not removed), added twice, removed while not on it,
 * or an unknown segment answers 422 with every problem, and nothing is stored.
 */
export const AudiencePatch = Type.Object(
  {
    add: Type.Optional(Type.Array(AudienceMember, { maxItems: LIMITS.audienceRows })),
    remove: Type.Optional(Type.Array(UserId, { maxItems: LIMITS.audienceRows })),
    effectiveAt: Type.Optional(EffectiveAt),
  },
  { additionalProperties: false },
);
