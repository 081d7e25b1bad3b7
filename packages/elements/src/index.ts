/**
 * @inflow/elements: `configure()`, the event classes, and the element types. Importing this
 * entry registers no tag and loads no element code; import `@inflow/elements/define/<name>`.
 */
export { configure, type InflowConfig } from './core/config.js';
export type { ElementsClient, TrackFields, TurnChunk } from './core/client-types.js';
export type { InflowLauncher } from './launcher/launcher.js';
export type { InflowPractice } from './practice/practice.js';
export * from './events/index.js';
