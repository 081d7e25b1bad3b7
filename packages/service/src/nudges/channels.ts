/**
 * Message shapes for each delivery channel, as each vendor documents them:
 *
 * - Slack incoming webhook: `{ text, blocks }`; `text` is the notification fallback, `blocks` the
 *   Block Kit layout. mrkdwn needs `&`, `<`, `>` escaped.
 * - Microsoft Teams (Workflows "post to a channel when a webhook request is received", and the
 *   retiring Office 365 incoming webhook): `{ type: "message", attachments: [{ contentType:
 *   "application/vnd.microsoft.card.adaptive", contentUrl: null, content: <AdaptiveCard> }] }`.
 *   Workflows render Adaptive Cards up to version 1.4; `Action.OpenUrl` is supported.
 * - Generic webhook: a Standard Webhooks style event `{ type, timestamp, data }`, signed (sign.ts),
 *   carrying the pseudonymous user id so the vendor's own system can route it (e-mail, in-app).
 */
import { decodeSecret, signWebhook } from './sign.js';

export const NUDGE_CHANNELS = ['slack', 'teams', 'webhook'] as const;
export type NudgeChannel = (typeof NUDGE_CHANNELS)[number];

/** Per-tenant channel configuration. The URLs are secrets (anyone holding one can post). */
export interface NudgeChannelConfig {
  slack?: { url: string };
  teams?: { url: string };
  webhook?: { url: string; secret: string };
}

export interface NudgeMessage {
  id: string;
  user: string;
  scenario: string;
  /** Human title of the scenario, when the catalogue knows it. */
  scenarioTitle?: string;
  link: string;
  text: string;
  campaign: boolean;
  createdAt: string;
}

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export const ACTION_LABEL = 'Practise now';

/** Escapes Slack mrkdwn control characters (Slack: "Escaping text"). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackPayload(message: NudgeMessage): Record<string, unknown> {
  const text = escapeSlack(message.text);
  return {
    // The fallback shown in notifications and by clients that cannot render blocks.
    text: `${text} <${message.link}|${ACTION_LABEL}>`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: ACTION_LABEL },
            url: message.link,
            style: 'primary',
            action_id: 'inflow_practice',
          },
        ],
      },
    ],
  };
}

export function teamsPayload(message: NudgeMessage): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [{ type: 'TextBlock', text: message.text, wrap: true }],
          actions: [{ type: 'Action.OpenUrl', title: ACTION_LABEL, url: message.link }],
        },
      },
    ],
  };
}

export function webhookPayload(message: NudgeMessage): Record<string, unknown> {
  return {
    type: 'inflow.nudge',
    timestamp: message.createdAt,
    data: {
      id: message.id,
      user: message.user,
      scenario: message.scenario,
      link: message.link,
      message: message.text,
      campaign: message.campaign,
    },
  };
}

/**
 * Builds the HTTP request for one delivery attempt. Called once per attempt because the generic
 * webhook signs the attempt's own timestamp (receivers reject stale timestamps).
 */
export async function buildRequest(
  channel: NudgeChannel,
  config: NudgeChannelConfig,
  message: NudgeMessage,
  nowMs: number,
): Promise<OutgoingRequest> {
  const json = { 'content-type': 'application/json' };
  switch (channel) {
    case 'slack': {
      if (!config.slack) throw new ChannelNotConfiguredError(channel);
      return { url: config.slack.url, headers: json, body: JSON.stringify(slackPayload(message)) };
    }
    case 'teams': {
      if (!config.teams) throw new ChannelNotConfiguredError(channel);
      return { url: config.teams.url, headers: json, body: JSON.stringify(teamsPayload(message)) };
    }
    case 'webhook': {
      if (!config.webhook) throw new ChannelNotConfiguredError(channel);
      const body = JSON.stringify(webhookPayload(message));
      const signed = await signWebhook(config.webhook.secret, message.id, nowMs / 1000, body);
      return { url: config.webhook.url, headers: { ...json, ...signed }, body };
    }
  }
}

export class ChannelNotConfiguredError extends Error {
  constructor(readonly channel: NudgeChannel) {
    super(`channel "${channel}" is not configured for this tenant`);
    this.name = 'ChannelNotConfiguredError';
  }
}

/**
 * Some receivers answer 2xx and report the failure in the body: the legacy Teams connector says
 * "Microsoft Teams endpoint returned HTTP error 429" with status 200 (Teams docs, rate limiting).
 * Returns a reason when a 2xx response is really a failure worth retrying.
 */
export function hiddenFailure(channel: NudgeChannel, bodyText: string): string | undefined {
  if (channel === 'teams' && /HTTP error 429/i.test(bodyText)) return 'teams throttled (429 in body)';
  return undefined;
}

function httpUrl(value: unknown): boolean {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The tenant's channels, with the entries that cannot work dropped (and reported), so a typo in
 * one channel's config reads as "not configured" instead of a failure on every nudge.
 */
export function usableChannels(
  config: NudgeChannelConfig | undefined,
  warn: (message: string) => void = () => undefined,
): NudgeChannelConfig {
  const usable: NudgeChannelConfig = {};
  if (!config) return usable;
  if (config.slack) {
    if (httpUrl(config.slack.url)) usable.slack = config.slack;
    else warn('nudgeChannels.slack.url is not an http(s) URL');
  }
  if (config.teams) {
    if (httpUrl(config.teams.url)) usable.teams = config.teams;
    else warn('nudgeChannels.teams.url is not an http(s) URL');
  }
  if (config.webhook) {
    let secretOk = true;
    try {
      decodeSecret(config.webhook.secret);
    } catch {
      secretOk = false;
    }
    if (httpUrl(config.webhook.url) && secretOk) usable.webhook = config.webhook;
    else warn('nudgeChannels.webhook needs an http(s) url and a whsec_ secret of at least 16 bytes');
  }
  return usable;
}
