/**
 * `inflow-error`: something went wrong; the element shows a quiet state and never throws into the page.
 * Bubbles and is composed, so a listener on `document` hears it from any element, including a
 * practice inside a launcher's shadow root. Check `event.target` to tell elements apart.
 */
export class InflowErrorEvent extends Event {
  static readonly eventName = 'inflow-error';
  /** Stable code: an API error code (`token_expired`, `not_found`…), `network`, or a configuration code (`missing_api_base`, `missing_scenario`, `unknown_scenario`). */
  readonly code: string;
  /** A developer-facing explanation (also logged to the console). */
  readonly message: string;
  /** Whether the element is now disabled (bad configuration) rather than showing a retry. */
  readonly fatal: boolean;
  constructor(code: string, message: string, fatal: boolean) {
    super(InflowErrorEvent.eventName, { bubbles: true, composed: true });
    this.code = code;
    this.message = message;
    this.fatal = fatal;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'inflow-error': InflowErrorEvent;
  }
}
