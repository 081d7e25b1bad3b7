import type { Scenario } from '@inflow/contract';
import { Hono } from 'hono';
import { SCRIPTED_SCENARIOS, publicScenario } from '../coach/scenarios.js';
import type { AppEnv } from '../context.js';
import { DEFAULT_DISCLOSURE, type TenantConfig } from '../tenants.js';

/** Scenarios the tenant's policy enables (all built-in ones when it names none). */
export function enabledScenarios(tenant: TenantConfig): Scenario[] {
  const all = SCRIPTED_SCENARIOS.map(publicScenario);
  return tenant.scenarios ? all.filter((s) => tenant.scenarios!.includes(s.id)) : all;
}

export const disclosureOf = (tenant: TenantConfig): string => tenant.disclosure ?? DEFAULT_DISCLOSURE;

export function scenarioRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/v1/scenarios', (c) => {
    const { tenant } = c.get('auth');
    return c.json({ scenarios: enabledScenarios(tenant), disclosure: disclosureOf(tenant) });
  });
  return app;
}
