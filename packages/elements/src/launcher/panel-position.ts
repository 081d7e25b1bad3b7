/**
 * Keeps the launcher's panel beside its button (docs/design.md §5) with a routine of its own
 * instead of Floating UI, which would cost the panel chunk ≈ 6.8 kB gzip of the 35 kB budget
 * (docs/design.md §8); the nudge keeps Floating UI for its callout. Fixed strategy: the panel is in
 * the top layer, so viewport coordinates are all it needs. It runs only while open, with one
 * AbortController per opening for every listener and observer.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Side = 'top' | 'right' | 'bottom' | 'left';
/** The launcher's `placement` values: a side of the button, aligned to its start, centre or end. */
export type Placement = Side | `${Side}-start` | `${Side}-end`;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Gap between the button and the panel, and the margin kept from the viewport's edges. */
const GAP = 8;
const PAD = 8;
const OPPOSITE: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };

/**
 * Where a panel of `size` goes beside `anchor` in a viewport of `view`: on the preferred side, or
 * the opposite one when it fits there and not on the preferred one (or overflows less there),
 * then shifted along that side to stay inside the viewport. `maxHeight` is the room on that side.
 */
export function placePanel(
  anchor: Box,
  size: { width: number; height: number },
  view: { width: number; height: number },
  placement: Placement,
): { x: number; y: number; placement: Placement; maxHeight: number } {
  const [preferred, align] = placement.split('-') as [Side, 'start' | 'end' | undefined];
  const vertical = preferred === 'top' || preferred === 'bottom';
  const main = vertical ? size.height : size.width;
  // Room on each side of the button, less the gap and the viewport margin.
  const room: Record<Side, number> = {
    top: anchor.y - GAP - PAD,
    bottom: view.height - anchor.y - anchor.height - GAP - PAD,
    left: anchor.x - GAP - PAD,
    right: view.width - anchor.x - anchor.width - GAP - PAD,
  };
  const opposite = OPPOSITE[preferred];
  const side = room[preferred] < main && room[opposite] > room[preferred] ? opposite : preferred;
  // Along the side: start, centre or end of the button, then clamped to the viewport.
  const [start, length, extent, limit] = vertical
    ? [anchor.x, anchor.width, size.width, view.width]
    : [anchor.y, anchor.height, size.height, view.height];
  const aligned =
    align === 'start' ? start : align === 'end' ? start + length - extent : start + (length - extent) / 2;
  const along = Math.max(PAD, Math.min(aligned, limit - PAD - extent));
  const across = {
    top: anchor.y - GAP - size.height,
    bottom: anchor.y + anchor.height + GAP,
    left: anchor.x - GAP - size.width,
    right: anchor.x + anchor.width + GAP,
  }[side];
  return {
    x: vertical ? along : across,
    y: vertical ? across : along,
    placement: (align ? `${side}-${align}` : side) as Placement,
    maxHeight: vertical ? room[side] : view.height - 2 * PAD,
  };
}

/** Positions `panel` beside `anchor` from `start()` to `stop()`, following scroll, resize and moves. */
export class PanelPositionController implements ReactiveController {
  private running: { anchor: HTMLElement; panel: HTMLElement; signal: AbortSignal } | undefined;
  private listeners: AbortController | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly placement: () => Placement,
  ) {
    host.addController(this);
  }

  start(anchor: HTMLElement, panel: HTMLElement): void {
    this.stop();
    const { signal } = (this.listeners = new AbortController());
    this.running = { anchor, panel, signal };
    const update = () => this.update();
    addEventListener('scroll', update, { capture: true, passive: true, signal });
    addEventListener('resize', update, { passive: true, signal });
    // The panel's height changes as the conversation grows; the button's with its label.
    const resize = new ResizeObserver(update);
    resize.observe(anchor);
    resize.observe(panel);
    signal.addEventListener('abort', () => resize.disconnect());
    watchMoves(anchor, update, signal);
    update();
  }

  stop(): void {
    this.listeners?.abort();
    this.listeners = undefined;
    this.running = undefined;
  }

  /** A changed `placement` applies while open. */
  hostUpdated(): void {
    this.update();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private update(): void {
    if (!this.running) return;
    const { anchor, panel } = this.running;
    const root = document.documentElement;
    const a = anchor.getBoundingClientRect();
    const at = placePanel(
      a,
      { width: panel.offsetWidth, height: panel.offsetHeight },
      { width: root.clientWidth, height: root.clientHeight },
      this.placement(),
    );
    panel.style.left = `${at.x}px`;
    panel.style.top = `${at.y}px`;
    panel.dataset.placement = at.placement;
    // Next frame, and only when it changes: setting it inside the ResizeObserver callback would
    // resize the observed panel again and raise "ResizeObserver loop" errors on the host page.
    const maxHeight = `${Math.max(240, Math.floor(at.maxHeight))}px`;
    if (panel.style.maxHeight !== maxHeight)
      requestAnimationFrame(() => {
        if (this.running?.panel === panel) panel.style.maxHeight = maxHeight;
      });
  }
}

/**
 * Calls `onMove` when `element` moves without a scroll or resize (a layout change of the page):
 * an IntersectionObserver whose root is shrunk to the element's box sees any move as a change of
 * the intersection ratio, the technique Floating UI's `autoUpdate` uses.
 */
function watchMoves(element: Element, onMove: () => void, signal: AbortSignal, threshold = 1): void {
  const root = document.documentElement;
  const box = element.getBoundingClientRect();
  if (signal.aborted || !box.width || !box.height) return;
  const insets = [box.top, root.clientWidth - box.right, root.clientHeight - box.bottom, box.left];
  let first = true;
  const observer = new IntersectionObserver(
    ([entry]) => {
      const ratio = entry!.intersectionRatio;
      if (first) {
        first = false;
        if (ratio === threshold) return;
        observer.disconnect();
        // Partly clipped by a scrolling ancestor: a change from that ratio is the move to watch.
        // Wholly clipped: nothing to see here, scroll and resize still update.
        if (ratio > 0) watchMoves(element, onMove, signal, ratio);
        return;
      }
      observer.disconnect();
      onMove();
      watchMoves(element, onMove, signal);
    },
    { root: document, rootMargin: insets.map((v) => `${-Math.floor(v)}px`).join(' '), threshold },
  );
  observer.observe(element);
  signal.addEventListener('abort', () => observer.disconnect());
}
