import { EVENT_NAMES, LIMITS, type ActivationEvent, type EventName } from '@inflow/contract';
import type { TrackFields } from './types.js';

const encoder = new TextEncoder();
const NAMES = new Set<string>(EVENT_NAMES);

/** Bytes of a value as JSON on the wire (UTF-8). */
export const sizeOf = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;

/**
 * Builds the wire event, or undefined when it could never be accepted (an unknown name, props
 * that are not an object or exceed the contract's limit). Throws on props JSON cannot encode
 * (circular); the outbox counts both as `invalid`.
 */
export function buildEvent(id: string, name: EventName, fields: TrackFields): ActivationEvent | undefined {
  if (!NAMES.has(name)) return undefined;
  const event: ActivationEvent = { id, name, at: new Date().toISOString() };
  if (fields.sessionId) event.sessionId = fields.sessionId;
  if (fields.scenario) event.scenario = fields.scenario;
  if (fields.source) event.source = fields.source;
  if (fields.props && Object.keys(fields.props).length > 0) {
    if (typeof fields.props !== 'object' || sizeOf(fields.props) > LIMITS.eventPropsBytes) return undefined;
    event.props = { ...fields.props };
  }
  return event;
}

/** {@link buildEvent} that never throws: unserialisable props are a host-page bug, never a crash. */
export function tryBuildEvent(id: string, name: EventName, fields: TrackFields): ActivationEvent | undefined {
  try {
    return buildEvent(id, name, fields);
  } catch {
    return undefined;
  }
}
