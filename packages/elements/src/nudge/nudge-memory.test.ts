import { expect } from '@open-wc/testing';
import { blockedBy, readMemory, updateMemory, writeMemory } from './nudge-memory.js';

const HOUR = 3_600_000;
const cap = { maxShows: 3, minIntervalMs: 24 * HOUR };

describe('nudge memory', () => {
  it('blocks for the right reason, in order', () => {
    const now = Date.now();
    const fresh = { shows: 0, lastShownAt: 0, snoozedUntil: 0, dismissed: false };
    expect(blockedBy(fresh, cap, now)).to.equal(undefined);
    expect(blockedBy({ ...fresh, dismissed: true, shows: 9 }, cap, now)).to.equal('dismissed');
    expect(blockedBy({ ...fresh, snoozedUntil: now + 1 }, cap, now)).to.equal('snoozed');
    expect(blockedBy({ ...fresh, snoozedUntil: now - 1 }, cap, now)).to.equal(undefined);
    expect(blockedBy({ ...fresh, shows: 3, lastShownAt: now - 48 * HOUR }, cap, now)).to.equal('cap');
    expect(blockedBy({ ...fresh, shows: 1, lastShownAt: now - 23 * HOUR }, cap, now)).to.equal('interval');
    expect(blockedBy({ ...fresh, shows: 1, lastShownAt: now - 25 * HOUR }, cap, now)).to.equal(undefined);
  });

  it('reads hand-edited or foreign values as empty instead of throwing', () => {
    localStorage.setItem('inflow:nudge:v1:odd:s', '{"shows":"many","dismissed":"yes"}');
    expect(readMemory('odd', 's')).to.deep.equal({
      shows: 0,
      lastShownAt: 0,
      snoozedUntil: 0,
      dismissed: false,
    });
    localStorage.setItem('inflow:nudge:v1:odd:s', 'not json');
    expect(readMemory('odd', 's').shows).to.equal(0);
  });

  it('falls back to memory for the page view when localStorage is unavailable', () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'localStorage');
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('storage disabled', 'SecurityError');
      },
    });
    try {
      writeMemory('nostore', 's', { shows: 2, lastShownAt: 5, snoozedUntil: 0, dismissed: false });
      expect(updateMemory('nostore', 's', (m) => ({ ...m, shows: m.shows + 1 })).shows).to.equal(3);
      expect(readMemory('nostore', 's').shows).to.equal(3);
    } finally {
      if (descriptor) Object.defineProperty(window, 'localStorage', descriptor);
      else delete (window as { localStorage?: Storage }).localStorage;
    }
    expect(localStorage.getItem('inflow:nudge:v1:nostore:s'), 'nothing reached the real storage').to.equal(
      null,
    );
  });
});
