import { describe, expect, it } from 'vitest';
import { tenantRegistry } from '../tenants.js';
import { activationSettings } from './settings.js';

const secrets = ['x'.repeat(32)];

describe('minGroupSize', () => {
  it('defaults to 5 and takes the tenant value', () => {
    expect(activationSettings(undefined).minGroupSize).toBe(5);
    expect(activationSettings({ minGroupSize: 1 }).minGroupSize).toBe(1);
    expect(activationSettings({ minGroupSize: 12 }).minGroupSize).toBe(12);
  });

  it('refuses a tenant config that is not an integer ≥ 1', () => {
    for (const bad of [0, -3, 2.5, '5', Number.NaN]) {
      expect(() => tenantRegistry([{ id: 'acme', secrets, minGroupSize: bad as number }])).toThrow(
        /minGroupSize must be an integer ≥ 1/,
      );
    }
    expect(tenantRegistry([{ id: 'acme', secrets, minGroupSize: 3 }]).get('acme')?.minGroupSize).toBe(3);
  });
});

describe('segments', () => {
  const seg = (segments: unknown) => () =>
    tenantRegistry([{ id: 'acme', secrets, segments: segments as { id: string; label: string }[] }]);

  it('takes a list of ids with labels', () => {
    const list = [{ id: 'point-of-pain', label: 'Point-of-pain managers' }];
    expect(seg(list)().get('acme')?.segments).toEqual(list);
    expect(activationSettings({ segments: list }).segments).toEqual(list);
    expect(activationSettings(undefined).segments).toEqual([]);
  });

  it('refuses bad ids, missing labels, duplicates and too long a list at start-up', () => {
    expect(seg([{ id: 'Point of pain', label: 'x' }])).toThrow(/segment id "Point of pain" must match/);
    expect(seg([{ id: 'a;b', label: 'x' }])).toThrow(/must match/);
    expect(seg([{ id: 'a', label: ' ' }])).toThrow(/needs a label/);
    expect(
      seg([
        { id: 'a', label: 'x' },
        { id: 'a', label: 'y' },
      ]),
    ).toThrow(/defined twice/);
    expect(seg(Array.from({ length: 21 }, (_, i) => ({ id: `s${i}`, label: 'x' })))).toThrow(/at most 20/);
    expect(seg('point-of-pain')).toThrow(/a list/);
  });
});
