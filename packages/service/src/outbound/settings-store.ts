/**
 * The tenant's integration settings as stored by `PUT /v1/settings/integrations`
 * (integration_settings, one row per tenant). A stored row replaces the tenant JSON's `lrs` and
 * `activationWebhook`; without one the tenant JSON applies. Read on every use, never cached
 * across requests: every service process on one database sends with the last PUT's settings.
 */
import type { TenantConfig } from '../tenants.js';
import { jsonb } from '../store/jsonb.js';
import type { LrsConfig } from './lrs-config.js';
import type { Queryable } from './queue.js';
import type { ActivationWebhookConfig } from './webhook-config.js';

export interface StoredIntegrations {
  lrs: LrsConfig | null;
  webhook: ActivationWebhookConfig | null;
  updatedAt: Date;
}

export async function readIntegrations(
  db: Queryable,
  tenant: string,
): Promise<StoredIntegrations | undefined> {
  const rows = await db.query<{
    lrs: LrsConfig | null;
    webhook: ActivationWebhookConfig | null;
    updated_at: Date | string;
  }>(`select lrs, webhook, updated_at from integration_settings where tenant = $1`, [tenant]);
  const row = rows[0];
  return row && { lrs: row.lrs, webhook: row.webhook, updatedAt: new Date(row.updated_at) };
}

export async function writeIntegrations(
  db: Queryable,
  tenant: string,
  settings: Omit<StoredIntegrations, 'updatedAt'>,
  now: Date,
): Promise<void> {
  await db.query(
    `insert into integration_settings (tenant, lrs, webhook, updated_at) values ($1, $2::jsonb, $3::jsonb, $4)
     on conflict (tenant) do update set lrs = excluded.lrs, webhook = excluded.webhook, updated_at = excluded.updated_at`,
    [tenant, settings.lrs && jsonb(settings.lrs), settings.webhook && jsonb(settings.webhook), now],
  );
}

/** The tenant's configuration with its stored integration settings applied (where a job goes). */
export async function withIntegrations(db: Queryable, tenant: TenantConfig): Promise<TenantConfig> {
  const stored = await readIntegrations(db, tenant.id);
  if (!stored) return tenant;
  const { lrs: _lrs, activationWebhook: _hook, ...rest } = tenant;
  return {
    ...rest,
    ...(stored.lrs ? { lrs: stored.lrs } : {}),
    ...(stored.webhook ? { activationWebhook: stored.webhook } : {}),
  };
}
