import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuid.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('has the v7 layout and carries the millisecond timestamp', () => {
    const at = Date.parse('2026-11-23T11:00:00.123Z');
    const id = uuidv7(at);
    expect(id).toMatch(V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts in creation order within one millisecond and when the clock steps back', () => {
    const at = Date.parse('2030-01-01T00:00:00Z');
    const ids = [...Array.from({ length: 5000 }, () => uuidv7(at)), uuidv7(at - 10_000), uuidv7(at + 1)];
    for (const id of ids) expect(id).toMatch(V7);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is unique across many ids', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
  });
});
