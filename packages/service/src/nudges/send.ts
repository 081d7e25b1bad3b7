/**
 * `POST /v1/nudges` without HTTP: build the deep link and the message, record the nudge and
 * queue its delivery in one transaction, due at `sendAt` (the queue's next attempt time is the
 * schedule). The outbound worker sends it (kind.ts), with the queue's retries and backoff
 * (docs/integrations.md); nothing is sent in the request.
 */
import type { NudgeRequest, NudgeResponse } from '@inflow/contract';
import type { Db } from '../store/db.js';
import { enqueue } from '../outbound/queue.js';
import { ChannelNotConfiguredError, type NudgeChannelConfig, type NudgeMessage } from './channels.js';
import { capReason, type NudgeCap } from './cap.js';
import { NUDGE_KIND, type NudgeJob } from './kind.js';
import { buildDeepLink } from './link.js';
import { insertNudge } from './log.js';

export interface QueueNudgeDeps {
  db: Pick<Db, 'transaction'>;
  /** The tenant's usable channels. */
  channels: NudgeChannelConfig;
  /** Scenario title for the message text, when the catalogue knows it. */
  scenarioTitle?: string;
  now: () => Date;
  /** The tenant's per-user frequency cap (cap.ts); default DEFAULT_NUDGE_CAP. */
  cap?: NudgeCap;
}

/** How far ahead a nudge may be scheduled. */
export const MAX_SCHEDULE_DAYS = 90;
/** A `sendAt` this far in the past is taken as "now" (the caller's clock may lag ours). */
export const SCHEDULE_SKEW_MS = 60_000;

/** Why a `sendAt` cannot be used, or undefined when it is within the bounds. */
export function scheduleProblem(sendAt: Date, now: Date): string | undefined {
  if (sendAt.getTime() < now.getTime() - SCHEDULE_SKEW_MS) return 'must not be in the past';
  if (sendAt.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 86_400_000)
    return `must be at most ${MAX_SCHEDULE_DAYS} days ahead`;
  return undefined;
}

export function defaultMessage(title: string): string {
  return `Your "${title}" conversation is coming up. Rehearse it with the AI coach first — it takes a few minutes.`;
}

/** `sendAt` has been parsed and bounded by the caller (routes.ts); absent = now. */
export async function queueNudge(
  deps: QueueNudgeDeps,
  tenant: string,
  request: Omit<NudgeRequest, 'sendAt'>,
  sendAt?: Date,
): Promise<NudgeResponse> {
  if (!deps.channels[request.channel]) throw new ChannelNotConfiguredError(request.channel);
  const now = deps.now();
  const due = sendAt && sendAt > now ? sendAt : now;
  const unlessPractised = request.unlessPractised ?? false;
  const id = crypto.randomUUID();
  const campaign = request.campaign ?? false;
  // An HR campaign is the "manual HR email" the activation rate must exclude: the link says so,
  // and the page records source="campaign" instead of "deeplink".
  const link = buildDeepLink(request.url, request.scenario, campaign ? 'email' : request.channel);
  const title = deps.scenarioTitle ?? request.scenario;
  const message: NudgeMessage = {
    id,
    user: request.user,
    scenario: request.scenario,
    scenarioTitle: title,
    link,
    text: request.message ?? defaultMessage(title),
    campaign,
    createdAt: now.toISOString(),
  };
  const job: NudgeJob = { channel: request.channel, message, unlessPractised };
  const { deliveryId, capped } = await deps.db.transaction(async (tx) => {
    const capped = await capReason(tx, tenant, request.user, due, deps.cap);
    const queued = await enqueue(
      tx,
      {
        tenant,
        kind: NUDGE_KIND,
        payload: job,
        idempotencyKey: `nudge:${id}`,
        dueAt: due,
        ...(capped ? { skipped: capped } : {}),
      },
      now,
    );
    await insertNudge(tx, {
      id,
      tenant,
      user: request.user,
      scenario: request.scenario,
      channel: request.channel,
      link,
      campaign,
      createdAt: message.createdAt,
      deliveryId: queued!,
      sendAt: due.toISOString(),
      unlessPractised,
    });
    return { deliveryId: queued!, capped };
  });
  return {
    id,
    link,
    channel: request.channel,
    status: capped ? 'skipped' : 'pending',
    delivered: false,
    deliveryId,
    sendAt: due.toISOString(),
    unlessPractised,
    ...(capped ? { reason: capped } : {}),
    deliveries: [],
  };
}
