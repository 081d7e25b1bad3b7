import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFlushLock } from './lock.js';
import { LocalStorageStore } from './local-storage.js';
import { openStore } from './store.js';

/** A Storage over a Map, shared by the "tabs" of a test. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('store choice', () => {
  it('falls back IndexedDB → localStorage → memory', async () => {
    vi.stubGlobal('indexedDB', undefined);
    vi.stubGlobal('localStorage', memoryStorage());
    expect((await openStore('auto', 'ns')).kind).toBe('localstorage');
    // localStorage that throws on access (Safari private mode, disabled storage).
    vi.stubGlobal('localStorage', {
      setItem() {
        throw new Error('SecurityError');
      },
    });
    expect((await openStore('auto', 'ns')).kind).toBe('memory');
    // An IndexedDB whose open() throws is skipped too.
    vi.stubGlobal('indexedDB', {
      open() {
        throw new Error('InvalidStateError');
      },
    });
    vi.stubGlobal('localStorage', memoryStorage());
    expect((await openStore('auto', 'ns')).kind).toBe('localstorage');
    expect((await openStore('memory', 'ns')).kind).toBe('memory');
  });

  it('localStorage keeps one key per event, so two tabs never overwrite each other', async () => {
    const shared = memoryStorage();
    const tab1 = new LocalStorageStore(shared, 'p:');
    const tab2 = new LocalStorageStore(shared, 'p:');
    const ev = (id: string) => ({ event: { id, name: 'open' as const, at: '2026-01-01T00:00:00.000Z' } });
    await Promise.all([tab1.add(ev('b')), tab2.add(ev('a')), tab1.add(ev('c'))]);
    shared.setItem('p:corrupt', '{not json');
    shared.setItem('other', 'x');
    expect((await tab2.list()).map((q) => q.event.id)).toEqual(['a', 'b', 'c']);
    await tab2.remove(['a', 'c']);
    expect((await tab1.list()).map((q) => q.event.id)).toEqual(['b']);
  });
});

describe('flush lock', () => {
  it('Web Locks: a tab that finds the lock held skips instead of waiting', async () => {
    const held = new Set<string>();
    vi.stubGlobal('navigator', {
      locks: {
        async request(
          name: string,
          _opts: { ifAvailable: boolean },
          cb: (lock: unknown) => Promise<unknown>,
        ) {
          if (held.has(name)) return cb(null);
          held.add(name);
          try {
            return await cb({ name });
          } finally {
            held.delete(name);
          }
        },
      },
    });
    const a = createFlushLock('L');
    const b = createFlushLock('L');
    let release!: () => void;
    const first = a(() => new Promise<string>((r) => (release = () => r('a ran'))));
    expect(await b(async () => 'b ran')).toBeUndefined();
    release();
    expect(await first).toBe('a ran');
    expect(await b(async () => 'b ran')).toBe('b ran');
  });

  it('without Web Locks, a localStorage lease lets one tab flush at a time', async () => {
    vi.stubGlobal('navigator', {});
    vi.stubGlobal('localStorage', memoryStorage());
    const a = createFlushLock('L');
    const b = createFlushLock('L');
    let running = 0;
    let maxRunning = 0;
    const work = async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 30));
      running--;
      return true;
    };
    const first = a(work);
    await new Promise((r) => setTimeout(r, 25)); // a holds the lease now
    expect(await b(work)).toBeUndefined();
    expect(await first).toBe(true);
    expect(await b(work)).toBe(true);
    expect(maxRunning).toBe(1);
  });
});
