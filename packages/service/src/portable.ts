/**
 * `@inflow/service/app`: the runtime-neutral part of the service (no `node:` imports), for hosts
 * other than Node — @inflow/mocks runs this app inside a browser through msw.
 */
export { createApp } from './app.js';
export type { AppDeps, AppEnv, AuthInfo, RateLimitOptions } from './context.js';
export { ApiError } from './errors.js';
export { consoleLogger, errorCallbackLogger, type Logger, type LogFields } from './ops/logger.js';
export type { Observer, RequestObservation } from './ops/observer.js';
export { mintToken, verifyToken, type MintOptions } from './auth.js';
export type { CoachEngine, TranscriptEntry, TurnInput } from './coach/engine.js';
export { scriptedEngine } from './coach/scripted.js';
export { openAiEngine, type OpenAiEngineOptions } from './coach/openai.js';
export { SCRIPTED_SCENARIOS, SCENARIO_IDS } from './coach/scenarios.js';
export type { Db } from './store/db.js';
export { openMemoryDb, pgliteDb } from './store/pglite.js';
export { migrate } from './store/migrate.js';
export { MIGRATIONS, type Migration } from './store/migrations/index.js';
export { Store } from './store/store.js';
export {
  DEMO_SECRET,
  DEMO_TENANT,
  DEFAULT_DISCLOSURE,
  tenantRegistry,
  parseTenants,
  type TenantConfig,
  type TenantRegistry,
} from './tenants.js';
// The demo dataset (runtime-neutral): @inflow/mocks seeds it into the in-browser store of the static demo.
export { seedDemo, type SeedResult } from './seed/seed.js';
export { generateDemoData, type SeedOptions } from './seed/generate.js';
