import { describe, expect, it } from 'vitest';
import { parentProblem, pathLevel } from './unit-kinds.ts';

describe('unit kinds', () => {
  it.each([
    ['township', 'county', true],
    ['street', 'county', true],
    ['village', 'township', true],
    ['village', 'street', true],
    ['community', 'street', true],
    ['village', 'county', false],
    ['township', 'township', false],
    ['department', 'village', false],
    ['leading_group', 'county', true],
    ['office', 'leading_group', true],
    ['office', 'village', false],
  ] as const)('%s under %s → %s', (kind, parent, ok) => {
    expect(parentProblem(kind, parent) === null).toBe(ok);
  });
  it('only the county is a root', () => {
    expect(parentProblem('county', null)).toBeNull();
    expect(parentProblem('township', null)).toMatch(/必须有上级/);
    expect(parentProblem('county', 'county')).toMatch(/根单位/);
  });
  it('level counts path segments', () => {
    expect(pathLevel('/1/')).toBe(1);
    expect(pathLevel('/1/7/42/')).toBe(3);
  });
});
