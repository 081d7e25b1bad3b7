/**
 * What the launcher's panel needs from the element it lives in, typed by shape (like Spectrum's
 * controllers) so panel.ts never imports launcher.ts: the launcher loads the panel lazily, and the
 * panel must not reach back for the concrete class.
 */
import type { Placement } from './panel-position.js';
import type { ReactiveControllerHost } from 'lit';
import type { InflowCloseEvent } from '../events/close-event.js';

export interface PanelHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly scenario: string;
  readonly theme: 'light' | 'dark';
  readonly locale: string | undefined;
  readonly placement: Placement;
  /** Whether the panel should be showing. */
  readonly open: boolean;
  /** The heading of the panel (the launcher's label). */
  readonly effectiveLabel: string;
  /** The launcher button the panel is anchored to. */
  readonly trigger: HTMLElement | null;
  /** A configuration error code once the host is disabled (a fatal error in the practice sets it). */
  disabledReason: string | undefined;
  hide(reason: InflowCloseEvent['reason']): void;
}
