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

  it('keeps every pair it has room for, and replaces lone surrogates already in the text', () => {
    expect(truncate('😀😀😀', 5)).toBe('😀😀');
    expect(truncate('a\uD83Db', 10)).toBe('a\uFFFDb');
    expect(truncate('a\uDE00b', 10)).toBe('a\uFFFDb');
    expect(truncate('\uD83D', 1)).toBe('\uFFFD');
  });

  it('is well formed and within the limit for every cut of mixed text', () => {
    const text = 'ab😀c\uD83D🇩🇪d\uDE00👩‍👩‍👧e';
    for (let n = 0; n <= text.length + 1; n++) {
      const cut = truncate(text, n);
      expect(cut.length).toBeLessThanOrEqual(n);
      expect(wellFormed(cut)).toBe(true);
    }
  });
});
