import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { AppError } from '../../../core/errors.ts';

/**
 * 事故等级 (《生产安全事故报告和调查处理条例》第三条): the grade reached by deaths, serious injuries (incl. acute
 * industrial poisoning) or direct economic loss, whichever is highest. "以上"包括本数，"以下"不包括本数.
 * The thresholds are law as data: the setting safety.accident_grades (migration 0049) with its source.
 */
export type AccidentGrade = 'general' | 'larger' | 'major' | 'especially_major';

export const GRADE_ORDER: readonly AccidentGrade[] = ['general', 'larger', 'major', 'especially_major'];

export const GRADE_ZH: Record<AccidentGrade, string> = {
  general: '一般事故',
  larger: '较大事故',
  major: '重大事故',
  especially_major: '特别重大事故',
};

type Bounds = { larger: number; major: number; especially_major: number };

/** The lower bound of each higher grade, per measure (deaths, serious injuries, loss in 元), and where the law says so. */
export interface GradeScale {
  deaths: Bounds;
  seriousInjuries: Bounds;
  directLossYuan: Bounds;
  source: string;
}

export const GRADE_SETTING = 'safety.accident_grades';

function isBounds(b: unknown): b is Bounds {
  const o = b as Partial<Bounds> | null;
  return !!o && [o.larger, o.major, o.especially_major].every((n) => typeof n === 'number' && n > 0) && o.larger! < o.major! && o.major! < o.especially_major!;
}

/** The grading thresholds in force (setting safety.accident_grades); SETTING_INVALID when they are missing or out of order. */
export async function loadGradeScale(db: Kysely<DB>): Promise<GradeScale> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', GRADE_SETTING).executeTakeFirst();
  const v = (row?.value ?? null) as Partial<GradeScale> | null;
  if (!v || !isBounds(v.deaths) || !isBounds(v.seriousInjuries) || !isBounds(v.directLossYuan) || typeof v.source !== 'string')
    throw new AppError('SETTING_INVALID', { key: GRADE_SETTING });
  return v as GradeScale;
}

export const GRADE_SOURCE = '《生产安全事故报告和调查处理条例》（国务院令第493号）第三条';

export interface Casualties {
  deaths: number;
  seriousInjuries: number;
  /** 直接经济损失, in 元 */
  directLossYuan: number;
}

function gradeOf(value: number, t: Bounds): AccidentGrade {
  if (value >= t.especially_major) return 'especially_major';
  if (value >= t.major) return 'major';
  if (value >= t.larger) return 'larger';
  return 'general';
}

/** The grade and the measure that decided it (the highest reached). */
export function gradeAccident(c: Casualties, scale: GradeScale): { grade: AccidentGrade; decidedBy: ('deaths' | 'seriousInjuries' | 'directLossYuan')[] } {
  const by = {
    deaths: gradeOf(c.deaths, scale.deaths),
    seriousInjuries: gradeOf(c.seriousInjuries, scale.seriousInjuries),
    directLossYuan: gradeOf(c.directLossYuan, scale.directLossYuan),
  };
  const rank = (g: AccidentGrade) => GRADE_ORDER.indexOf(g);
  const grade = GRADE_ORDER[Math.max(rank(by.deaths), rank(by.seriousInjuries), rank(by.directLossYuan))]!;
  const decidedBy = (Object.keys(by) as (keyof typeof by)[]).filter((k) => by[k] === grade && (grade !== 'general' || k === 'deaths'));
  return { grade, decidedBy };
}

const MEASURE_ZH = { deaths: '死亡人数', seriousInjuries: '重伤人数', directLossYuan: '直接经济损失' } as const;

/** "较大事故（死亡人数达到较大事故标准）" — the grade in words with what decided it. */
export function describeGrade(c: Casualties, scale: GradeScale): string {
  const { grade, decidedBy } = gradeAccident(c, scale);
  if (grade === 'general') return `${GRADE_ZH.general}（未达到较大事故标准）`;
  return `${GRADE_ZH[grade]}（${decidedBy.map((k) => MEASURE_ZH[k]).join('、')}达到${GRADE_ZH[grade]}标准；依据：${scale.source}）`;
}

/** 元 → "1234.5万元" */
export function formatLossWan(yuan: number): string {
  const wan = yuan / 10_000;
  return `${Number.isInteger(wan) ? wan : wan.toFixed(2).replace(/0+$/, '').replace(/\.$/, '')}万元`;
}
