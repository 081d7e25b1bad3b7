/**
 * @inflow/mocks: the Inflow service itself, in-process, behind msw — for vendors' tests and the
 * static demo. Node: `@inflow/mocks/node` (`setupInflowServer`); browsers: `@inflow/mocks/browser`
 * (`startInflowWorker`). This entry is runtime-neutral.
 */
export {
  createMockService,
  DEFAULT_API_BASE,
  type EventFilter,
  type MockService,
  type MockServiceOptions,
  type RecordedEvent,
  type TokenOptions,
} from './service.js';
export { Faults, type FaultDecision, type FaultMatch, type FaultRule, type FaultStats } from './faults.js';
export { inflowHandlers } from './handlers.js';
