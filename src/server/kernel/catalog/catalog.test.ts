import { describe, expect, it } from 'vitest';
import { createCatalog } from './catalog.ts';
import type { ModuleDescriptor } from './descriptor.ts';

const module = (kind: string, caseNoPrefix: string): ModuleDescriptor => ({
  kind,
  name: kind,
  caseNoPrefix,
  detailHref: (id) => `/${kind}/${id}`,
  states: {},
  wording: { actions: {} },
  overdueRuleKeys: [],
  messages: {},
  documentKinds: [],
});

describe('catalog: case-number prefixes', () => {
  it('refuses two modules with the same prefix, and a prefix that is not 2–4 capital letters', () => {
    expect(() => createCatalog([module('a', 'XF'), module('b', 'XF')])).toThrow(/prefix XF declared by both a and b/);
    for (const bad of ['X', 'xf', 'X1', 'ABCDE', '']) expect(() => createCatalog([module('a', bad)]), bad).toThrow(/case-number prefix/);
    expect(() => createCatalog([module('a', 'XF'), module('b', 'JF')])).not.toThrow();
  });
  it('reads a typed number: a prefix names its module; a number without one may be any module’s, old or new', () => {
    const c = createCatalog([module('petition', 'XF'), module('dispute', 'JF')]);
    expect(c.readCaseNo('jf 519901-2026-000007')).toEqual([
      { module: 'dispute', refNo: 'JF-519901-2026-000007' },
      { module: 'dispute', refNo: '519901-2026-000007' },
    ]);
    expect(c.readCaseNo('519901-2026-000007')).toEqual([
      { module: 'petition', refNo: 'XF-519901-2026-000007' },
      { module: 'petition', refNo: '519901-2026-000007' },
      { module: 'dispute', refNo: 'JF-519901-2026-000007' },
      { module: 'dispute', refNo: '519901-2026-000007' },
    ]);
    // letters no module declares name no module: that number is no item's
    expect(c.readCaseNo('DB-519901-2026-000007').map((p) => p.refNo)).not.toContain('519901-2026-000007');
    expect(c.caseNoPrefix('dispute')).toBe('JF');
  });
});
