import type { Source } from '@inflow/contract';
import type { ElementsClient } from '../core/client-types.js';
import { trackSafely } from '../core/track.js';

/**
 * Records `impression` when a launcher is at least half visible: once per scenario and source
 * per page view, however many launchers show it (TTFI counts from the first impression).
 * One IntersectionObserver serves every launcher on the page.
 */
const seen = new Set<string>();
const pending = new Map<Element, () => void>();
let observer: IntersectionObserver | undefined;

export function observeImpression(
  element: Element,
  client: () => Promise<ElementsClient>,
  scenario: string,
  source: Source,
): () => void {
  const key = `${scenario}\n${source}`;
  if (seen.has(key) || typeof IntersectionObserver === 'undefined') return () => undefined;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        pending.get(entry.target)?.();
      }
    },
    { threshold: 0.5 },
  );
  const stop = () => {
    pending.delete(element);
    observer?.unobserve(element);
  };
  pending.set(element, () => {
    stop();
    if (seen.has(key)) return;
    seen.add(key);
    trackSafely(client(), 'impression', { scenario, source });
  });
  observer.observe(element);
  return stop;
}
