import { LIMITS } from '@inflow/contract';
import { describe, expect, it } from 'vitest';
import { buildEvent, sizeOf, tryBuildEvent } from './event.js';

describe('buildEvent', () => {
  it('builds the wire event with only the fields given', () => {
    const event = buildEvent('id-1', 'open', {
      scenario: 'underperformance',
      source: 'nudge',
      props: { a: 1 },
    });
    expect(event).toMatchObject({
      id: 'id-1',
      name: 'open',
      scenario: 'underperformance',
      source: 'nudge',
      props: { a: 1 },
    });
    expect(Number.isNaN(Date.parse(event!.at))).toBe(false);
    expect(buildEvent('id-2', 'open', { props: {} })).not.toHaveProperty('props');
    expect(buildEvent('id-3', 'open', {})).not.toHaveProperty('sessionId');
  });

  it('refuses an unknown name and props over the contract limit', () => {
    expect(buildEvent('id', 'nope' as never, {})).toBeUndefined();
    const big = { text: 'x'.repeat(LIMITS.eventPropsBytes) };
    expect(sizeOf(big)).toBeGreaterThan(LIMITS.eventPropsBytes);
    expect(buildEvent('id', 'open', { props: big })).toBeUndefined();
  });

  it('tryBuildEvent turns unserialisable props into undefined instead of throwing', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    expect(() => buildEvent('id', 'open', { props: circular as never })).toThrow();
    expect(tryBuildEvent('id', 'open', { props: circular as never })).toBeUndefined();
  });

  it('sizeOf counts UTF-8 bytes', () => {
    expect(sizeOf('é')).toBe(4); // two quotes and two bytes
  });
});
