/**
 * What `PUT /v1/settings/integrations` may store: every problem of the body with its JSON
 * pointer (the schema's and these field rules', together), and the settings to store, with
 * write-only secrets left out of the body kept from the current ones. The same rules as at
 * start-up: lrs-config.ts for the LRS, receiver-url.ts for both receiver URLs, the signer's
 * decodeSecret for the webhook secret.
 */
import { decodeSecret } from '../nudges/sign.js';
import { lrsConfigProblems, type FieldProblem, type LrsConfig } from './lrs-config.js';
import { receiverUrlProblem } from './receiver-url.js';
import type { ActivationEventType, ActivationWebhookConfig } from './webhook-config.js';

export interface Integrations {
  lrs: LrsConfig | null;
  webhook: ActivationWebhookConfig | null;
}

type LrsInput = Omit<LrsConfig, 'password'> & { password?: string };
type WebhookInput = { url: string; secret?: string; events?: ActivationEventType[] };

const origin = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/** Field rules beyond the schema; run on the raw body, so they skip what is not even a string. */
export function fieldProblems(body: unknown, current: Integrations, allowPrivate: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { lrs, webhook } = (body ?? {}) as {
    lrs?: Partial<LrsInput> | null;
    webhook?: Partial<WebhookInput> | null;
  };
  if (lrs && typeof lrs === 'object') {
    const url = receiverUrlProblem(lrs.endpoint, allowPrivate);
    if (typeof lrs.endpoint === 'string' && url) problems.push({ path: '/lrs/endpoint', message: url });
    for (const p of lrsConfigProblems(lrs, false))
      if (p.path !== '/username' || typeof lrs.username === 'string')
        problems.push({ ...p, path: `/lrs${p.path}` });
    if (lrs.password === undefined) {
      // Basic credentials go to the endpoint: a new host must be given them on purpose.
      if (!current.lrs)
        problems.push({ path: '/lrs/password', message: 'is required: no password is stored yet' });
      else if (typeof lrs.endpoint === 'string' && origin(lrs.endpoint) !== origin(current.lrs.endpoint))
        problems.push({
          path: '/lrs/password',
          message: "is required again when the endpoint's origin changes",
        });
    }
  }
  if (webhook && typeof webhook === 'object') {
    const url = receiverUrlProblem(webhook.url, allowPrivate);
    if (typeof webhook.url === 'string' && url) problems.push({ path: '/webhook/url', message: url });
    if (typeof webhook.secret === 'string') {
      try {
        decodeSecret(webhook.secret);
      } catch (error) {
        problems.push({ path: '/webhook/secret', message: (error as Error).message });
      }
    } else if (webhook.secret === undefined && !current.webhook)
      problems.push({ path: '/webhook/secret', message: 'is required: no secret is stored yet' });
  }
  return problems.filter((p, i) => problems.findIndex((q) => q.path === p.path) === i);
}

/** The settings to store from a valid body: a secret left out keeps the current one. */
export function nextIntegrations(
  body: { lrs: LrsInput | null; webhook: WebhookInput | null },
  current: Integrations,
): Integrations {
  const { lrs, webhook } = body;
  return {
    lrs: lrs && { ...lrs, password: lrs.password ?? current.lrs!.password },
    webhook: webhook && {
      url: webhook.url,
      secret: webhook.secret ?? current.webhook!.secret,
      ...(webhook.events ? { events: webhook.events } : {}),
    },
  };
}
