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
