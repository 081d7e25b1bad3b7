/**
 * `inflow-open`: the user opened the practice panel of a launcher.
 * Bubbles and is composed, so a listener on `document` hears it from any element, including a
 * practice inside a launcher's shadow root. Check `event.target` to tell elements apart.
 */
export class InflowOpenEvent extends Event {
  static readonly eventName = 'inflow-open';
  readonly scenario: string;
  constructor(scenario: string) {
    super(InflowOpenEvent.eventName, { bubbles: true, composed: true });
    this.scenario = scenario;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'inflow-open': InflowOpenEvent;
  }
}
