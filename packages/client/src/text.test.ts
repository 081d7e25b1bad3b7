import { describe, expect, it } from 'vitest';
import { truncate } from './text.js';

/** True when `s` has no lone surrogate. */
const wellFormed = (s: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('truncate', () => {
  it('cuts plain text at the limit', () => {
    expect(truncate('abcdef', 4)).toBe('abcd');
    expect(truncate('abc', 10)).toBe('abc');
    expect(truncate('abc', 0)).toBe('');
  });

  it('never cuts an emoji in half: a 199-character value and an emoji, cut at 200', () => {
    const value = 'x'.repeat(199) + '😀' + 'tail';
    const cut = truncate(value, 200);
    expect(cut).toBe('x'.repeat(199));
    expect(wellFormed(cut)).toBe(true);
    expect(truncate(value, 201)).toBe('x'.repeat(199) + '😀');
  });

  it('keeps every pair it has room for', () => {
    expect(truncate('😀😀😀', 5)).toBe('😀😀');
    expect(truncate('😀😀😀', 6)).toBe('😀😀😀');
    expect(truncate('😀', 1)).toBe('');
  });

  it('is well formed and within the limit for every cut of mixed text', () => {
    const text = 'ab😀c🇩🇪d👩‍👩‍👧e';
    for (let n = 0; n <= text.length + 1; n++) {
      const cut = truncate(text, n);
      expect(cut.length).toBeLessThanOrEqual(n);
      expect(wellFormed(cut)).toBe(true);
    }
  });
});
