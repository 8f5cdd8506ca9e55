import { describe, expect, it } from 'vitest';
import { createCatalog } from '../kernel/catalog/index.ts';
import { MODULES } from './registry.ts';

describe('module registry', () => {
  it('the registered modules each declare their own case-number prefix, and the catalog accepts them', () => {
    expect(() => createCatalog(MODULES)).not.toThrow();
    const prefixes = MODULES.map((m) => m.caseNoPrefix);
    expect(new Set(prefixes).size).toBe(MODULES.length);
    expect(Object.fromEntries(MODULES.map((m) => [m.kind, m.caseNoPrefix]))).toEqual({
      petition: 'XF',
      dispute: 'JF',
      risk: 'WP',
      supervision: 'DB',
      accident: 'SG',
      hazard: 'YH',
    });
  });
});
