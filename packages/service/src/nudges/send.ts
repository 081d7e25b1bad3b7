/**
 * `POST /v1/nudges` without HTTP: build the deep link and the message, record the nudge and
 * queue its delivery in one transaction. The outbound worker sends it (kind.ts), with the
 * queue's retries and backoff (docs/outbound.md); nothing is sent in the request.
 */
import type { NudgeRequest, NudgeResponse } from '@inflow/contract';
import type { Db } from '../store/db.js';
import { enqueue } from '../outbound/queue.js';
import { ChannelNotConfiguredError, type NudgeChannelConfig, type NudgeMessage } from './channels.js';
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
}

export function defaultMessage(title: string): string {
  return `Your "${title}" conversation is coming up. Rehearse it with the AI coach first — it takes a few minutes.`;
}

export async function queueNudge(
  deps: QueueNudgeDeps,
  tenant: string,
  request: NudgeRequest,
): Promise<NudgeResponse> {
  if (!deps.channels[request.channel]) throw new ChannelNotConfiguredError(request.channel);
  const now = deps.now();
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
  const job: NudgeJob = { channel: request.channel, message };
  const deliveryId = await deps.db.transaction(async (tx) => {
    const queued = await enqueue(
      tx,
      { tenant, kind: NUDGE_KIND, payload: job, idempotencyKey: `nudge:${id}` },
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
    });
    return queued!;
  });
  return {
    id,
    link,
    channel: request.channel,
    status: 'pending',
    delivered: false,
    deliveryId,
    deliveries: [],
  };
}
