import type { Feedback } from '@inflow/contract';

/**
 * `inflow-complete`: the user ended a session and the feedback is shown.
 * Bubbles and is composed, so a listener on `document` hears it from any element, including a
 * practice inside a launcher's shadow root. Check `event.target` to tell elements apart.
 */
export class InflowCompleteEvent extends Event {
  static readonly eventName = 'inflow-complete';
  readonly sessionId: string;
  readonly scenario: string;
  /** Rubric scores with evidence, summary and one next step. */
  readonly feedback: Feedback;
  constructor(sessionId: string, scenario: string, feedback: Feedback) {
    super(InflowCompleteEvent.eventName, { bubbles: true, composed: true });
    this.sessionId = sessionId;
    this.scenario = scenario;
    this.feedback = feedback;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'inflow-complete': InflowCompleteEvent;
  }
}
