/**
 * The service's settings read from the environment (docs/service.md, "Configuration"): each
 * variable parsed in one place, with an error that names it.
 */
import { readFileSync } from 'node:fs';
import type { CoachEngine } from './coach/engine.js';
import { modelConfigFromEnv } from './coach/model-config.js';
import { openAiEngine } from './coach/openai.js';
import { scriptedEngine } from './coach/scripted.js';
import type { RateLimitOptions } from './context.js';
import { DEMO_TENANT, parseTenants, type TenantConfig } from './tenants.js';

export function tenantsFromEnv(env: Record<string, string | undefined>): TenantConfig[] {
  const value = env.INFLOW_TENANTS?.trim();
  if (!value) return [DEMO_TENANT];
  const json = value.startsWith('[') || value.startsWith('{') ? value : readFileSync(value, 'utf8');
  return parseTenants(json);
}

/** The model engine when `INFLOW_LLM_BASE_URL` is set (docs/scenarios.md, "Model configuration"), else scripted. */
export function coachFromEnv(
  env: Record<string, string | undefined>,
  log?: (message: string) => void,
): CoachEngine {
  const config = modelConfigFromEnv(env);
  return config ? openAiEngine({ ...config, ...(log ? { log } : {}) }) : scriptedEngine();
}

/** `INFLOW_RATE_LIMIT`: `off`, or `<burst>,<perSecond>` (default 60,20). */
export function rateLimitFromEnv(value: string | undefined): RateLimitOptions | false | undefined {
  if (!value?.trim()) return undefined;
  if (value.trim() === 'off') return false;
  const [burst, perSecond] = value.split(',').map((x) => Number(x.trim()));
  if (!burst || !perSecond || burst < 1 || perSecond <= 0)
    throw new Error(`INFLOW_RATE_LIMIT: expected "off" or "<burst>,<perSecond>", got "${value}"`);
  return { burst, perSecond };
}

/** `INFLOW_DRAIN_SECONDS`: how long open requests may run after SIGTERM (default 10). */
export function drainSecondsFromEnv(value: string | undefined): number {
  if (!value?.trim()) return 10;
  const seconds = Number(value.trim());
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(`INFLOW_DRAIN_SECONDS: expected a number of seconds ≥ 0, got "${value}"`);
  return seconds;
}
