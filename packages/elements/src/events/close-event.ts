/**
 * `inflow-close`: the user (or `hide()`) closed the practice panel.
 * Bubbles and is composed, so a listener on `document` hears it from any element, including a
 * practice inside a launcher's shadow root. Check `event.target` to tell elements apart.
 */
export class InflowCloseEvent extends Event {
  static readonly eventName = 'inflow-close';
  readonly scenario: string;
  /** What closed the panel: `escape`, `outside` (a click outside), `button` or `api` (`hide()`). */
  readonly reason: 'escape' | 'outside' | 'button' | 'api';
  constructor(scenario: string, reason: InflowCloseEvent['reason']) {
    super(InflowCloseEvent.eventName, { bubbles: true, composed: true });
    this.scenario = scenario;
    this.reason = reason;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'inflow-close': InflowCloseEvent;
  }
}
