/**
 * The nudge callout's floating layer: top-layer popover plus Floating UI positioning, running
 * only while shown and stopped when the host disconnects (Conventions §2, §5). Floating UI lives
 * in a lazy chunk (anchor.ts) that `preload()` fetches when a nudge is armed: most page views
 * never show a nudge, and none should pay for positioning code up front.
 */
import type { Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type AnchorModule = typeof import('./anchor.js');
let chunk: Promise<AnchorModule> | undefined;
const load = () => (chunk ??= import('./anchor.js'));

export class FloatingController implements ReactiveController {
  private stop: (() => void) | undefined;
  private floating: HTMLElement | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Starts loading the positioning code; resolves false (and forgets the failure) if it cannot. */
  async preload(): Promise<boolean> {
    try {
      await load();
      return true;
    } catch (error) {
      chunk = undefined; // the next attempt fetches again
      console.warn('[inflow] could not load the nudge positioning code', error);
      return false;
    }
  }

  /** Shows `floating` in the top layer beside `reference`; it stays invisible until positioned. */
  async show(
    reference: HTMLElement,
    floating: HTMLElement,
    placement: Placement,
    arrow?: HTMLElement,
  ): Promise<void> {
    const { anchorCallout } = await load();
    this.hide();
    this.floating = floating;
    floating.showPopover?.();
    this.stop = anchorCallout(reference, floating, placement, arrow);
  }

  hide(): void {
    this.stop?.();
    this.stop = undefined;
    const floating = this.floating;
    this.floating = undefined;
    if (!floating) return;
    if (floating.matches(':popover-open')) floating.hidePopover();
    floating.style.removeProperty('visibility');
  }

  hostDisconnected(): void {
    this.hide();
  }
}
