/**
 * The launcher's lazy chunk: loaded on hover, focus or idle (and at the latest on click), so
 * the launcher entry stays small (DESIGN §8). It registers `<inflow-practice>` (with markdown
 * and the sanitizer) and brings Floating UI for anchoring the panel.
 */
import { autoUpdate, computePosition, flip, offset, shift, size, type Placement } from '@floating-ui/dom';
import '../define/practice.js';

/**
 * Anchors `floating` to `reference` and keeps it there while anything moves. Returns the
 * cleanup that stops `autoUpdate`; the launcher calls it on close, so nothing runs while the
 * panel is hidden (Floating UI's own advice).
 */
export function anchorPanel(reference: HTMLElement, floating: HTMLElement, placement: Placement): () => void {
  return autoUpdate(reference, floating, () => {
    void computePosition(reference, floating, {
      placement,
      strategy: 'fixed',
      middleware: [
        offset(8),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
        size({
          padding: 8,
          apply({ availableHeight }) {
            floating.style.maxHeight = `${Math.max(240, availableHeight)}px`;
          },
        }),
      ],
    }).then(({ x, y, placement: actual }) => {
      floating.style.left = `${x}px`;
      floating.style.top = `${y}px`;
      floating.dataset.placement = actual;
    });
  });
}
