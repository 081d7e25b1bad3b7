/**
 * @inflow/service: the reference API service for Node. Everything runtime-neutral is re-exported
 * from `./portable.js` (also published as `@inflow/service/app` for browsers and workers).
 */
export * from './portable.js';
export { coachFromEnv, tenantsFromEnv } from './env.js';
export {
  createService,
  startServer,
  type Service,
  type ServiceOptions,
  type ServerOptions,
  type RunningServer,
} from './node.js';
