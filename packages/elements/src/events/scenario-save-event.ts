import type { AuthoredScenario } from '@inflow/contract';

/**
 * `inflow-scenario-save`: the editor stored a new version (saved, published or archived).
 * Bubbles and is composed, like the other `inflow-*` events.
 */
export class InflowScenarioSaveEvent extends Event {
  static readonly eventName = 'inflow-scenario-save';
  /** The stored version, as the service answered it. */
  readonly scenario: AuthoredScenario;
  constructor(scenario: AuthoredScenario) {
    super(InflowScenarioSaveEvent.eventName, { bubbles: true, composed: true });
    this.scenario = scenario;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'inflow-scenario-save': InflowScenarioSaveEvent;
  }
}
