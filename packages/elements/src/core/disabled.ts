import type { ReactiveControllerHost } from 'lit';
import { InflowErrorEvent } from '../events/error-event.js';

/**
 * The one disabled state of an element. A configuration problem or a fatal API error
 * (`isFatal`, core/client-types.ts) sets it; the element then renders quietly and never throws.
 * `disable()` tells the page why, once per cause: a console error and a fatal `inflow-error`.
 */
export class DisabledState {
  #reason: string | undefined;

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {}

  /** The error code the element is disabled for, if it is. */
  get reason(): string | undefined {
    return this.#reason;
  }

  /** Sets (or clears) the state without reporting: for a cause already reported elsewhere. */
  set reason(code: string | undefined) {
    if (code === this.#reason) return;
    this.#reason = code;
    this.host.requestUpdate();
  }

  disable(code: string, message: string): void {
    if (this.#reason === code) return;
    this.reason = code;
    console.error(`[inflow] ${message}`);
    this.host.dispatchEvent(new InflowErrorEvent(code, message, true));
  }
}
