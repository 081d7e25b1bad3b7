/**
 * `POST /v1/nudges` (admin scope, applied where app.ts mounts this sub-app): builds the deep link
 * for a user and scenario and queues its delivery through one of the tenant's configured
 * channels; answers 202 with the nudge, its delivery id and status `pending` (the outbound queue
 * sends it, with its retries: docs/nudges.md), 422 when the channel or scenario is not available
 * to the tenant. `GET /v1/nudges/{id}` (admin) reads one nudge back with every attempt.
 *
 * Channels are per-tenant configuration (`nudgeChannels` in the tenant JSON of `INFLOW_TENANTS`):
 *
 *   { "id": "acme", "secrets": ["…"],
 *     "nudgeChannels": {
 *       "slack":   { "url": "https://hooks.slack.com/services/…" },
 *       "teams":   { "url": "https://…powerautomate…/workflows/…" },
 *       "webhook": { "url": "https://hr.acme.example/inflow-nudges", "secret": "whsec_…" } } }
 */
import type { NudgeResponse } from '@inflow/contract';
import {
  NudgeBatchRequest,
  NudgeRequest,
  type NudgeBatchResponse,
  type Static,
} from '@inflow/contract/schemas';
import { Hono } from 'hono';
import type { AppDeps, AppEnv, AuthInfo } from '../context.js';
import { DATE_MESSAGE, parseInstant } from '../dates.js';
import { ApiError } from '../errors.js';
import { scenarioToStart } from '../scenarios/catalog.js';
import type { Store } from '../store/store.js';
import { isUuid, readBody } from '../validate.js';
import { ChannelNotConfiguredError, usableChannels } from './channels.js';
import { readNudge } from './log.js';
import { queueNudge, scheduleProblem } from './send.js';

type NudgeBatchResult = Static<typeof NudgeBatchResponse>['results'][number];

export function nudgeRoutes(deps: AppDeps, store: Store): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const warned = new Set<string>();
  const now = deps.now ?? (() => new Date());

  /** What every nudge of one request shares, checked once: the scenario, `sendAt`, the channels. */
  async function prepare(auth: AuthInfo, body: Omit<Static<typeof NudgeRequest>, 'user'>) {
    // The person nudged practises with a practice token: only what that token may start counts.
    const scenario = await scenarioToStart(store, { ...auth, scope: 'practice' }, body.scenario);
    if (!scenario) {
      throw new ApiError('validation_failed', `scenario "${body.scenario}" is not enabled for this tenant`, [
        { path: '/scenario', message: 'unknown or disabled scenario' },
      ]);
    }
    const { sendAt: sendAtText, ...request } = body;
    const sendAt = sendAtText === undefined ? undefined : parseInstant(sendAtText);
    const problem =
      sendAtText === undefined ? undefined : sendAt ? scheduleProblem(sendAt, now()) : DATE_MESSAGE;
    if (problem)
      throw new ApiError('validation_failed', `sendAt ${problem}`, [{ path: '/sendAt', message: problem }]);
    const channels = usableChannels(auth.tenant.nudgeChannels, (message) => {
      const key = `${auth.tenantId}:${message}`;
      if (warned.has(key)) return;
      warned.add(key);
      deps.logger?.warn({ tenant: auth.tenantId }, message);
    });
    const queueDeps = {
      db: deps.db,
      channels,
      scenarioTitle: scenario.scenario.title,
      now,
      ...(auth.tenant.nudgeCap ? { cap: auth.tenant.nudgeCap } : {}),
    };
    return (user: string) => queued(() => queueNudge(queueDeps, auth.tenantId, { ...request, user }, sendAt));
  }

  app.post('/', async (c) => {
    const { user, ...body } = await readBody(c, NudgeRequest);
    const send = await prepare(c.get('auth'), body);
    return c.json(await send(user), 202);
  });

  // Each user's nudge is queued on its own (its own transaction and cap check), in order.
  app.post('/batch', async (c) => {
    const { users, ...body } = await readBody(c, NudgeBatchRequest);
    const send = await prepare(c.get('auth'), body);
    const results: NudgeBatchResult[] = [];
    for (const user of users) results.push({ user, ...(await send(user)) });
    return c.json({ results }, 202);
  });

  // One nudge's delivery, afterwards (e.g. why HR's reminder never arrived). Another
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
      status: nudge.status,
      delivered: nudge.status === 'delivered',
      deliveryId: nudge.deliveryId,
      sendAt: nudge.sendAt,
      unlessPractised: nudge.unlessPractised,
      ...(nudge.reason ? { reason: nudge.reason } : {}),
      deliveries: nudge.deliveries,
    } satisfies NudgeResponse);
  });
  return app;
}

/** A channel or link the tenant cannot use, as a 422 on its field. */
async function queued(send: () => Promise<NudgeResponse>): Promise<NudgeResponse> {
  try {
    return await send();
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
}
