/**
 * 事故等级 (《生产安全事故报告和调查处理条例》第三条): the grade reached by deaths, serious injuries (incl. acute
 * industrial poisoning) or direct economic loss, whichever is highest. "以上"包括本数，"以下"不包括本数.
 */
export type AccidentGrade = 'general' | 'larger' | 'major' | 'especially_major';

export const GRADE_ORDER: readonly AccidentGrade[] = ['general', 'larger', 'major', 'especially_major'];

export const GRADE_ZH: Record<AccidentGrade, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};

/** The lower bound of each higher grade, per measure (deaths, serious injuries, loss in 元). */
const THRESHOLDS = {
  deaths: { larger: 3, major: 10, especially_major: 30 },
  seriousInjuries: { larger: 10, major: 50, especially_major: 100 },
  directLossYuan: { larger: 10_000_000, major: 50_000_000, especially_major: 100_000_000 },
} as const;

export const GRADE_SOURCE = '《生产安全事故报告和调查处理条例》（国务院令第493号）第三条';

export interface Casualties {
  deaths: number;
  seriousInjuries: number;
  /** 直接经济损失, in 元 */
  directLossYuan: number;
}

function gradeOf(value: number, t: { larger: number; major: number; especially_major: number }): AccidentGrade {
  if (value >= t.especially_major) return 'especially_major';
  if (value >= t.major) return 'major';
  if (value >= t.larger) return 'larger';
  return 'general';
}

/** The grade and the measure that decided it (the highest reached). */
export function gradeAccident(c: Casualties): { grade: AccidentGrade; decidedBy: ('deaths' | 'seriousInjuries' | 'directLossYuan')[] } {
  const by = {
    deaths: gradeOf(c.deaths, THRESHOLDS.deaths),
    seriousInjuries: gradeOf(c.seriousInjuries, THRESHOLDS.seriousInjuries),
    directLossYuan: gradeOf(c.directLossYuan, THRESHOLDS.directLossYuan),
  };
  const rank = (g: AccidentGrade) => GRADE_ORDER.indexOf(g);
  const grade = GRADE_ORDER[Math.max(rank(by.deaths), rank(by.seriousInjuries), rank(by.directLossYuan))]!;
  const decidedBy = (Object.keys(by) as (keyof typeof by)[]).filter((k) => by[k] === grade && (grade !== 'general' || k === 'deaths'));
  return { grade, decidedBy };
}

const MEASURE_ZH = { deaths: '死亡人数', seriousInjuries: '重伤人数', directLossYuan: '直接经济损失' } as const;

/** "较大事故（死亡人数达到较大事故标准）" — the grade in words with what decided it. */
export function describeGrade(c: Casualties): string {
  const { grade, decidedBy } = gradeAccident(c);
  if (grade === 'general') return `${GRADE_ZH.general}（未达到较大事故标准）`;
  return `${GRADE_ZH[grade]}（${decidedBy.map((k) => MEASURE_ZH[k]).join('、')}达到${GRADE_ZH[grade]}标准；依据：${GRADE_SOURCE}）`;
}

/** 元 → "1234.5万元" */
export function formatLossWan(yuan: number): string {
  const wan = yuan / 10_000;
  return `${Number.isInteger(wan) ? wan : wan.toFixed(2).replace(/0+$/, '').replace(/\.$/, '')}万元`;
}
