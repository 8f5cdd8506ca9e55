import { describe, expect, it } from 'vitest';
import { caseNoCandidates, formatCaseNo, hashQueryCode, newQueryCode, QUERY_CODE_ALPHABET, splitCaseNo } from './numbering.ts';

describe('numbering', () => {
  it('formats the module prefix, county code, year and a 6-digit sequence', () => {
    expect(formatCaseNo('XF', '519901', 2026, 15)).toBe('XF-519901-2026-000015');
    expect(formatCaseNo('JF', '519901', 2026, 123456)).toBe('JF-519901-2026-123456');
    expect(formatCaseNo('ABCD', '519901', 2026, 1).length).toBeLessThanOrEqual(24);
  });
  it('reads a typed number: any case, spaces, full-width forms and dashes, with or without the dash after the letters', () => {
    const want = { prefix: 'XF', rest: '519901-2026-000015' };
    expect(splitCaseNo(' xf-519901-2026-000015 ', ['XF'])).toEqual(want);
    expect(splitCaseNo('XF 519901－2026－000015', ['JF', 'XF'])).toEqual(want);
    expect(splitCaseNo('ＸＦ－５１９９０１—２０２６–００００１５', ['XF'])).toEqual(want);
    expect(splitCaseNo('519901-2026-000015', ['XF'])).toEqual({ prefix: null, rest: '519901-2026-000015' });
    // letters no module declares are no prefix, nor are letters that run into more letters
    expect(splitCaseNo('DB-519901-2026-000015', ['XF'])).toEqual({ prefix: null, rest: 'DB-519901-2026-000015' });
    expect(splitCaseNo('XFA519901', ['XF']).prefix).toBeNull();
  });
  it("a module's candidates: the prefixed number and the same number issued before prefixes; another module's prefix matches neither", () => {
    expect(caseNoCandidates('xf519901-2026-000015', 'XF')).toEqual(['XF-519901-2026-000015', '519901-2026-000015']);
    expect(caseNoCandidates('519901-2026-000015', 'XF')).toEqual(['XF-519901-2026-000015', '519901-2026-000015']);
    expect(caseNoCandidates('JF-519901-2026-000015', 'XF')).not.toContain('519901-2026-000015');
    expect(caseNoCandidates('JF-519901-2026-000015', 'XF')).not.toContain('JF-519901-2026-000015'.replace('JF', 'XF'));
    expect(caseNoCandidates('   ', 'XF')).toEqual([]);
  });
  it('query codes are 8 unambiguous characters, hashed case-insensitively', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { code, hash } = newQueryCode();
      expect(code).toMatch(new RegExp(`^[${QUERY_CODE_ALPHABET}]{8}$`));
      expect(code).not.toMatch(/[01OIL]/);
      expect(hash).toBe(hashQueryCode(code.toLowerCase()));
      expect(hash).not.toContain(code);
      seen.add(code);
    }
    expect(seen.size).toBeGreaterThan(195);
  });
});
