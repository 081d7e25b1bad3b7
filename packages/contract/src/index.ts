/**
 * @inflow/contract: constants and types of API v1. Importing this entry costs a browser bundle
 * only the constants; schemas live in `@inflow/contract/schemas`, the OpenAPI document in
 * `@inflow/contract/openapi`.
 */
export * from './constants.js';
export * from './text.js';
export type * from './types.js';
