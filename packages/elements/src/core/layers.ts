/**
 * The stack of open Inflow layers on the page, so Escape closes only the topmost one
 * (Web Awesome: a nested layer's Escape must not close its parent as well).
 */
const stack: object[] = [];

export function pushLayer(layer: object): void {
  popLayer(layer);
  stack.push(layer);
}

export function popLayer(layer: object): void {
  const i = stack.indexOf(layer);
  if (i >= 0) stack.splice(i, 1);
}

/** Whether `layer` is the topmost open layer (the one Escape should close). */
export function closeTopmost(layer: object): boolean {
  return stack.at(-1) === layer;
}

/**
 * Calls `close` on Escape while `layer` is the topmost open layer, unless something inside
 * already handled the key; listens until `signal` aborts.
 */
export function closeOnEscape(layer: object, signal: AbortSignal, close: () => void): void {
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented && closeTopmost(layer)) {
        event.preventDefault();
        close();
      }
    },
    { signal },
  );
}
