/**
 * `POST /v1/nudges/batch` (docs/nudges.md, Batch): one request nudges a list of users with the
 * same scenario, channel and schedule; each user's nudge is queued on its own, with its own
 * result (queued, or skipped by the frequency cap).
 */
import Type from 'typebox';
import { NudgeRequest, NudgeResponse } from './nudges.js';

const { user: _user, ...shared } = NudgeRequest.properties;

export const NudgeBatchRequest = Type.Object(
  {
    /** Each user once; at most 500 per request. */
    users: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), {
      minItems: 1,
      maxItems: 500,
      uniqueItems: true,
    }),
    ...shared,
  },
  { additionalProperties: false },
);

export const NudgeBatchResponse = Type.Object({
  /** One per user, in the request's order. */
  results: Type.Array(Type.Object({ user: Type.String(), ...NudgeResponse.properties })),
});
