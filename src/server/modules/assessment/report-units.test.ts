import { describe, expect, it } from 'vitest';
import { assessedUnitOf } from './compute.ts';

describe('which assessed unit a 定期报告 slot counts for', () => {
  const units = [
    { id: 2, path: '/1/2/' },
    { id: 3, path: '/1/3/' },
  ];
  it('the township itself, or the township a village lies in; a unit outside every assessed unit counts for none', () => {
    expect(assessedUnitOf(units, '/1/2/')).toBe(2);
    expect(assessedUnitOf(units, '/1/2/20/')).toBe(2);
    expect(assessedUnitOf(units, '/1/3/30/31/')).toBe(3);
    expect(assessedUnitOf(units, '/1/23/')).toBeNull();
    expect(assessedUnitOf(units, '/1/')).toBeNull();
  });
});
