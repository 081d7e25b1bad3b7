/**
 * Calls `then` once `find()` returns an element, watching `root` for added nodes and id changes
 * (single-page apps often render a field after the element that points at it). Abort `signal` to
 * stop watching.
 */
export function whenElementAppears(
  root: Document | ShadowRoot,
  find: () => Element | null,
  signal: AbortSignal,
  then: () => void,
): void {
  const observer = new MutationObserver(() => {
    if (!find()) return;
    observer.disconnect();
    if (!signal.aborted) then();
  });
  observer.observe(root, { childList: true, subtree: true, attributeFilter: ['id'] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
