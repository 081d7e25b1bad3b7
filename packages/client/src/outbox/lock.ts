/**
 * "Only one tab flushes at a time." Web Locks where available; otherwise a localStorage lease
 * (not atomic, but the service dedupes on event id, so the rare double flush costs bandwidth,
 * not correctness); with neither, every tab flushes its own queue.
 */
export type FlushLock = <T>(fn: () => Promise<T>) => Promise<T | undefined>;

/** Runs `fn` unconditionally: for per-tab (memory) queues. */
export const noLock: FlushLock = (fn) => fn();

export function createFlushLock(name: string): FlushLock {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks?.request) {
    return (fn) =>
      // ifAvailable: a tab that finds the lock taken skips its flush; the holder is sending the
      // shared queue, which contains this tab's events too.
      locks.request(name, { ifAvailable: true }, (lock) => (lock ? fn() : undefined)) as Promise<never>;
  }
  let storage: Storage | undefined;
  try {
    storage = globalThis.localStorage;
  } catch {
    storage = undefined;
  }
  if (!storage) return noLock;
  const key = `${name}:lease`;
  const me = Math.random().toString(36).slice(2);
  const LEASE_MS = 30_000;
  return async (fn) => {
    try {
      const [owner, until] = (storage.getItem(key) ?? '').split('|');
      if (owner && owner !== me && Number(until) > Date.now()) return undefined;
      storage.setItem(key, `${me}|${Date.now() + LEASE_MS}`);
      // Give a racing tab's write the chance to land, then check that we won.
      await new Promise((r) => setTimeout(r, 20));
      if (!(storage.getItem(key) ?? '').startsWith(`${me}|`)) return undefined;
    } catch {
      return fn();
    }
    try {
      return await fn();
    } finally {
      try {
        if ((storage.getItem(key) ?? '').startsWith(`${me}|`)) storage.removeItem(key);
      } catch {
        // ignore
      }
    }
  };
}

/** A shared store (IndexedDB, localStorage) needs one flushing tab; a memory store is this tab's alone. */
export function lockFor(storeKind: string, name: string): FlushLock {
  return storeKind === 'indexeddb' || storeKind === 'localstorage' ? createFlushLock(name) : noLock;
}
