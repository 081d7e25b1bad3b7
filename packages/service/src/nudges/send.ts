/**
 * `POST /v1/nudges` without HTTP: build the deep link, log the nudge, deliver it through the
 * tenant's configured channel with retries, log every attempt.
 */
import type { NudgeRequest, NudgeResponse } from '@inflow/contract';
import {
  buildRequest,
  ChannelNotConfiguredError,
  type NudgeChannelConfig,
  type NudgeMessage,
} from './channels.js';
import { deliver, type DeliverOptions } from './deliver.js';
import { buildDeepLink } from './link.js';
import { insertAttempt, insertNudge, markDelivered, type Queryable } from './log.js';

export interface SendNudgeDeps {
  db: Queryable;
  /** The tenant's channel configuration (undefined: no channel configured). */
  channels: (tenant: string) => NudgeChannelConfig | undefined | Promise<NudgeChannelConfig | undefined>;
  /** Scenario title for the message text, when the catalogue knows it. */
  scenarioTitle?: (tenant: string, scenario: string) => string | undefined | Promise<string | undefined>;
  delivery?: DeliverOptions;
  now?: () => number;
}

export function defaultMessage(title: string): string {
  return `Your "${title}" conversation is coming up. Rehearse it with the AI coach first — it takes a few minutes.`;
}

export async function sendNudge(
  deps: SendNudgeDeps,
  tenant: string,
  request: NudgeRequest,
): Promise<NudgeResponse> {
  const config = (await deps.channels(tenant)) ?? {};
  if (!config[request.channel]) throw new ChannelNotConfiguredError(request.channel);

  const now = deps.now ?? Date.now;
  const id = crypto.randomUUID();
  const campaign = request.campaign ?? false;
  // An HR campaign is the "manual HR email" the activation rate must exclude: the link says so,
  // and the page records source="campaign" instead of "deeplink".
  const link = buildDeepLink(request.url, request.scenario, campaign ? 'email' : request.channel);
  const title = (await deps.scenarioTitle?.(tenant, request.scenario)) ?? request.scenario;
  const message: NudgeMessage = {
    id,
    user: request.user,
    scenario: request.scenario,
    scenarioTitle: title,
    link,
    text: request.message ?? defaultMessage(title),
    campaign,
    createdAt: new Date(now()).toISOString(),
  };

  await insertNudge(deps.db, {
    id,
    tenant,
    user: request.user,
    scenario: request.scenario,
    channel: request.channel,
    link,
    campaign,
    createdAt: message.createdAt,
  });
  const deliveries = await deliver(
    request.channel,
    (at) => buildRequest(request.channel, config, message, at),
    {
      now,
      ...deps.delivery,
      onAttempt: async (attempt) => {
        await insertAttempt(deps.db, tenant, id, attempt);
        await deps.delivery?.onAttempt?.(attempt);
      },
    },
  );
  const delivered = deliveries.some((d) => d.ok);
  await markDelivered(deps.db, tenant, id, delivered);
  return { id, link, channel: request.channel, delivered, deliveries };
}
