/**
 * Places the nudge callout beside its host element with Floating UI, and keeps it there only
 * while it is shown (`autoUpdate` stops on hide: positioning left running while hidden is the
 * slowdown Floating UI's docs warn about).
 *
 * Never covering the host's input is a property of the placements used: every Floating UI side
 * placement is adjacent to the reference, `flip` only swaps sides, and `shift` moves along the
 * side (its cross-axis shift, the one that could slide the callout over the host, stays off).
 * When no side fits, the callout stays beside the host, partly off screen, rather than on top of
 * what the user is typing; `hide` hides it while the host is scrolled out of view.
 */
import {
  arrow,
  autoUpdate,
  computePosition,
  flip,
  hide,
  offset,
  shift,
  type Placement,
} from '@floating-ui/dom';

// After the sides: below the end of the host first (form buttons usually sit bottom-left), then above.
export const DEFAULT_FALLBACKS: Placement[] = [
  'left-start',
  'bottom-end',
  'top-end',
  'bottom-start',
  'top-start',
];

export function anchorCallout(
  reference: HTMLElement,
  floating: HTMLElement,
  placement: Placement,
  arrowElement?: HTMLElement,
): () => void {
  return autoUpdate(reference, floating, () => {
    void computePosition(reference, floating, {
      placement,
      strategy: 'fixed',
      middleware: [
        offset(10),
        flip({
          padding: 8,
          fallbackPlacements: DEFAULT_FALLBACKS.filter((p) => p !== placement),
          crossAxis: false,
        }),
        shift({ padding: 8, crossAxis: false }),
        ...(arrowElement ? [arrow({ element: arrowElement, padding: 8 })] : []),
        hide(),
      ],
    }).then(({ x, y, placement: actual, middlewareData }) => {
      floating.style.left = `${x}px`;
      floating.style.top = `${y}px`;
      floating.dataset.placement = actual;
      floating.style.visibility = middlewareData.hide?.referenceHidden ? 'hidden' : 'visible';
      const a = middlewareData.arrow;
      if (arrowElement && a) {
        const side = actual.split('-')[0] as 'top' | 'right' | 'bottom' | 'left';
        const opposite = { top: 'bottom', right: 'left', bottom: 'top', left: 'right' }[side];
        Object.assign(arrowElement.style, {
          left: a.x != null ? `${a.x}px` : '',
          top: a.y != null ? `${a.y}px` : '',
          right: '',
          bottom: '',
          [opposite]: '-5px',
        });
      }
    });
  });
}
