import { describe, expect, it } from 'vitest';
import { describeGrade, formatLossWan, gradeAccident } from './grading.ts';
// the thresholds the county starts with (the setting safety.accident_grades), checked here against the 条例's wording
import { ACCIDENT_GRADE_SCALE as SCALE } from '../../../core/db/migrations/0049_accident_grade_scale.ts';

const g = (deaths: number, seriousInjuries = 0, directLossYuan = 0) => gradeAccident({ deaths, seriousInjuries, directLossYuan }, SCALE).grade;
const WAN = 10_000;

describe('accident grade (国务院令493 第三条; 以上含本数、以下不含本数)', () => {
  it('deaths: <3 一般, 3–9 较大, 10–29 重大, ≥30 特别重大', () => {
    expect([0, 2, 3, 9, 10, 29, 30, 31].map((d) => g(d))).toEqual([
      'general',
      'general',
      'larger',
      'larger',
      'major',
      'major',
      'especially_major',
      'especially_major',
    ]);
  });

  it('serious injuries: <10 一般, 10–49 较大, 50–99 重大, ≥100 特别重大', () => {
    expect([9, 10, 49, 50, 99, 100].map((s) => g(0, s))).toEqual(['general', 'larger', 'larger', 'major', 'major', 'especially_major']);
  });

  it('direct loss: <1000万 一般, 1000万–5000万 较大, 5000万–1亿 重大, ≥1亿 特别重大', () => {
    expect([1000 * WAN - 1, 1000 * WAN, 5000 * WAN - 1, 5000 * WAN, 10_000 * WAN - 1, 10_000 * WAN].map((l) => g(0, 0, l))).toEqual([
      'general',
      'larger',
      'larger',
      'major',
      'major',
      'especially_major',
    ]);
  });

  it('the highest grade reached by any measure decides, and names that measure', () => {
    expect(gradeAccident({ deaths: 1, seriousInjuries: 55, directLossYuan: 20 * WAN }, SCALE)).toEqual({ grade: 'major', decidedBy: ['seriousInjuries'] });
    expect(gradeAccident({ deaths: 3, seriousInjuries: 0, directLossYuan: 1200 * WAN }, SCALE)).toEqual({
      grade: 'larger',
      decidedBy: ['deaths', 'directLossYuan'],
    });
    expect(describeGrade({ deaths: 12, seriousInjuries: 0, directLossYuan: 0 }, SCALE)).toContain('重大事故（死亡人数达到重大事故标准');
    expect(describeGrade({ deaths: 0, seriousInjuries: 1, directLossYuan: 0 }, SCALE)).toBe('一般事故（未达到较大事故标准）');
  });

  it('writes the loss in 万元', () => {
    expect(formatLossWan(12_345_000)).toBe('1234.5万元');
    expect(formatLossWan(800_000)).toBe('80万元');
  });
});
