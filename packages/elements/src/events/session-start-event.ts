/**
 * `inflow-session-start`: a practice session started and its opening line is shown.
 * Bubbles and is composed, so a listener on `document` hears it from any element, including a
 * practice inside a launcher's shadow root. Check `event.target` to tell elements apart.
 */
export class InflowSessionStartEvent extends Event {
  static readonly eventName = 'inflow-session-start';
  readonly sessionId: string;
  readonly scenario: string;
  constructor(sessionId: string, scenario: string) {
    super(InflowSessionStartEvent.eventName, { bubbles: true, composed: true });
    this.sessionId = sessionId;
    this.scenario = scenario;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'inflow-session-start': InflowSessionStartEvent;
  }
}
