/**
 * `GET`/`PUT /v1/settings/integrations` (admin scope, applied where app.ts mounts this sub-app):
 * the tenant's LRS and activation-webhook settings (docs/integrations.md, Settings API). Secrets
 * are write-only: answers say only whether one is set. `allowPrivateReceivers` stays in the
 * operator's tenant JSON: an admin token cannot point the service at the operator's network.
 */
import { IntegrationSettings, IntegrationSettingsInput, type Static } from '@inflow/contract/schemas';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import type { TenantConfig } from '../tenants.js';
import { check, readJson } from '../validate.js';
import { DEFAULT_ACTIVATION_EVENTS } from './webhook-config.js';
import { fieldProblems, nextIntegrations, type Integrations } from './settings-check.js';
import { readIntegrations, writeIntegrations } from './settings-store.js';

type View = Static<typeof IntegrationSettings>;

function view(current: Integrations, updatedAt: Date | null): View {
  const { lrs, webhook } = current;
  return {
    lrs: lrs && {
      endpoint: lrs.endpoint,
      username: lrs.username,
      activityIriBase: lrs.activityIriBase,
      ...(lrs.homePage !== undefined ? { homePage: lrs.homePage } : {}),
      ...(lrs.abandonAfterMinutes !== undefined ? { abandonAfterMinutes: lrs.abandonAfterMinutes } : {}),
      passwordSet: !!lrs.password,
    },
    webhook: webhook && {
      url: webhook.url,
      events: [...(webhook.events ?? DEFAULT_ACTIVATION_EVENTS)],
      secretSet: !!webhook.secret,
    },
    source: updatedAt ? 'settings' : 'tenant-config',
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}

async function current(
  deps: AppDeps,
  tenant: TenantConfig,
): Promise<{ now: Integrations; updatedAt: Date | null }> {
  const stored = await readIntegrations(deps.db, tenant.id);
  if (stored) return { now: stored, updatedAt: stored.updatedAt };
  return { now: { lrs: tenant.lrs ?? null, webhook: tenant.activationWebhook ?? null }, updatedAt: null };
}

export function settingsRoutes(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const clock = deps.now ?? (() => new Date());

  app.get('/integrations', async (c) => {
    const { now, updatedAt } = await current(deps, c.get('auth').tenant);
    return c.json(view(now, updatedAt) satisfies View);
  });

  app.put('/integrations', async (c) => {
    const { tenant } = c.get('auth');
    const raw = await readJson(c);
    const { now } = await current(deps, tenant);
    // Every problem at once: the schema's, then the field rules' on paths the schema did not name.
    let schema: { path: string; message: string }[] = [];
    let body;
    try {
      body = check(IntegrationSettingsInput, raw);
    } catch (error) {
      if (!(error instanceof ApiError) || !error.details) throw error;
      schema = error.details;
    }
    const named = new Set(schema.map((p) => p.path));
    const fields = fieldProblems(raw, now, tenant.allowPrivateReceivers === true);
    const problems = [...schema, ...fields.filter((p) => !named.has(p.path))];
    if (!body || problems.length) throw invalid(problems);
    const next = nextIntegrations(body, now);
    const at = clock();
    await writeIntegrations(deps.db, tenant.id, next, at);
    return c.json(view(next, at) satisfies View);
  });
  return app;
}

function invalid(details: { path: string; message: string }[]): ApiError {
  return new ApiError(
    'validation_failed',
    `integration settings failed validation: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
    details,
  );
}
