import { describe, expect, it } from 'vitest';
import { formatCaseNo, hashQueryCode, newQueryCode, QUERY_CODE_ALPHABET } from './numbering.ts';

describe('numbering', () => {
  it('formats county code, year and a 6-digit sequence', () => {
    expect(formatCaseNo('519901', 2026, 15)).toBe('519901-2026-000015');
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
