/**
 * `POST /v1/nudges` (admin scope, applied where app.ts mounts this sub-app): builds the
 * deep link for a user and scenario and delivers it through one of the tenant's configured
 * channels, with retries; answers 201 with the delivery log whether or not delivery succeeded
 * (`delivered: false` plus the attempts says what went wrong), 422 when the channel or scenario
 * is not available to the tenant. `GET /v1/nudges/{id}` (admin) reads one nudge's log back.
 *
 * Channels are per-tenant configuration (`nudgeChannels` in the tenant JSON of `INFLOW_TENANTS`):
 *
 *   { "id": "acme", "secrets": ["…"],
 *     "nudgeChannels": {
 *       "slack":   { "url": "https://hooks.slack.com/services/…" },
 *       "teams":   { "url": "https://…powerautomate…/workflows/…" },
 *       "webhook": { "url": "https://hr.acme.example/inflow-nudges", "secret": "whsec_…" } } }
 */
import { NudgeRequest } from '@inflow/contract/schemas';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { scenarioToStart } from '../scenarios/catalog.js';
import type { Store } from '../store/store.js';
import { isUuid, readBody } from '../validate.js';
import { ChannelNotConfiguredError, type NudgeChannelConfig } from './channels.js';
import type { DeliverOptions } from './deliver.js';
import { readNudge } from './log.js';
import { sendNudge } from './send.js';
import { decodeSecret } from './sign.js';

export interface NudgeRouteOptions {
  /** Retry policy, fetch and clock overrides (tests). */
  delivery?: DeliverOptions;
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
 * The tenant's channels, with the entries that cannot work dropped (and reported once), so a
 * typo in one channel's config reads as "not configured" instead of a 500 on every nudge.
 */
export function usableChannels(
  config: NudgeChannelConfig | undefined,
  warn: (message: string) => void = console.warn,
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

export function nudgeRoutes(deps: AppDeps, store: Store, options: NudgeRouteOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const warned = new Set<string>();
  const now = deps.now ?? (() => new Date());

  app.post('/', async (c) => {
    const auth = c.get('auth');
    const body = await readBody(c, NudgeRequest);
    // The person nudged practises with a practice token: only what that token may start counts.
    const scenario = await scenarioToStart(store, { ...auth, scope: 'practice' }, body.scenario);
    if (!scenario) {
      throw new ApiError('validation_failed', `scenario "${body.scenario}" is not enabled for this tenant`, [
        { path: '/scenario', message: 'unknown or disabled scenario' },
      ]);
    }
    const channels = usableChannels(auth.tenant.nudgeChannels, (message) => {
      const key = `${auth.tenantId}:${message}`;
      if (warned.has(key)) return;
      warned.add(key);
      deps.logger?.warn({ tenant: auth.tenantId }, message);
    });
    try {
      const result = await sendNudge(
        {
          db: deps.db,
          channels: () => channels,
          scenarioTitle: () => scenario.scenario.title,
          now: () => now().getTime(),
          ...(options.delivery ? { delivery: options.delivery } : {}),
        },
        auth.tenantId,
        body,
      );
      return c.json(result, 201);
    } catch (error) {
      if (error instanceof ChannelNotConfiguredError) {
        throw new ApiError('validation_failed', error.message, [
          { path: '/channel', message: 'not configured for this tenant' },
        ]);
      }
      if (error instanceof TypeError && /deep link page/.test(error.message)) {
        throw new ApiError('validation_failed', error.message, [
          { path: '/url', message: 'must be an http(s) URL' },
        ]);
      }
      throw error;
    }
  });
  // The delivery log of one nudge, afterwards (e.g. why HR's reminder never arrived). Another
  // tenant's nudge id answers exactly like an unknown one.
  app.get('/:id', async (c) => {
    const auth = c.get('auth');
    const id = c.req.param('id');
    const nudge = isUuid(id) ? await readNudge(deps.db, auth.tenantId, id) : undefined;
    if (!nudge) throw new ApiError('not_found', 'nudge not found');
    return c.json({
      id: nudge.id,
      link: nudge.link,
      channel: nudge.channel,
      delivered: nudge.delivered,
      deliveries: nudge.deliveries,
    });
  });
  return app;
}
