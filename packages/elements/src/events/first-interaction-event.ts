/**
 * `inflow-first-interaction`: the user sent the first turn of a session.
 * Bubbles and is composed, so a listener on `document` hears it from any element, including a
 * practice inside a launcher's shadow root. Check `event.target` to tell elements apart.
 */
export class InflowFirstInteractionEvent extends Event {
  static readonly eventName = 'inflow-first-interaction';
  readonly sessionId: string;
  readonly scenario: string;
  constructor(sessionId: string, scenario: string) {
    super(InflowFirstInteractionEvent.eventName, { bubbles: true, composed: true });
    this.sessionId = sessionId;
    this.scenario = scenario;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'inflow-first-interaction': InflowFirstInteractionEvent;
  }
}
