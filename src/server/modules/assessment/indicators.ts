import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { AppError } from '../../core/errors.ts';
import type { ModuleCatalog } from '../../kernel/catalog/index.ts';
import { countKeys } from '../../kernel/stats/index.ts';
import { describeFormula, formulaSpec, type FormulaSpec } from './formula.ts';

export type IndicatorSource = 'stats' | 'accountability' | 'reports';

export type AppliesTo = 'township' | 'department' | 'all';
export const APPLIES_TO: Record<AppliesTo, string> = { township: '乡镇（街道）', department: '县直部门', all: '乡镇（街道）和县直部门' };

/** One 考核指标 as a period keeps it (its own copy: a later change of weight or formula never rewrites the period). */
export interface PeriodIndicator {
  id: number;
  name: string;
  source: IndicatorSource;
  module: string | null;
  measure: string | null;
  dimension: string | null;
  appliesTo: AppliesTo;
  weight: number;
  formula: FormulaSpec;
  /** 分子/分母 and the source, in words */
  definition: string;
  /** the formula in words */
  formulaText: string;
  note: string;
}

/** What a stats measure counts: an indicator's numerator and denominator, or one count (分子 only). */
export interface Resolved {
  numerator: string;
  denominator: string | null;
}

/** Words as a clerk reads them: the modules' formula texts may name a rule key (xf.dept.route, legal_rules wp.filing.quarter). */
export const withoutRuleKeys = (text: string): string => text.replace(/(legal_rules\s*)?\b[a-z]+(\.[a-z_]+)+\b[，,]?\s*/g, '').replace(/（\s*）|\(\s*\)/g, '');

/** The definition of an indicator in words, from the module's declared statistics (the same words as its 统计 page). */
export function resolveStatsMeasure(
  modules: ModuleCatalog,
  i: { module: string; measure: string; dimension: string; formula: FormulaSpec },
): { resolved: Resolved; definition: string } {
  const m = modules.modules.find((x) => x.kind === i.module);
  const decl = m?.stats;
  if (!m || !decl) throw new AppError('ASSESSMENT_INVALID', { detail: '所选业务模块没有统计口径' });
  const dim = decl.dimensions[i.dimension];
  if (!dim?.unit) throw new AppError('ASSESSMENT_INVALID', { detail: '计入单位的方式须为按单位分组的统计维度' });
  const ind = decl.indicators.find((d) => d.key === i.measure);
  if (ind) {
    if (i.formula.type !== 'rate') throw new AppError('ASSESSMENT_INVALID', { detail: `“${ind.name}”是比率，计分方式应为“比率达标”` });
    const num = decl.counts[ind.numerator]!.name;
    const den = decl.counts[ind.denominator]!.name;
    return {
      resolved: { numerator: ind.numerator, denominator: ind.denominator },
      definition: withoutRuleKeys(`${decl.title}·${ind.name}＝${num}÷${den}（${ind.formula}）；依据：${ind.source}；按“${dim.name}”计入单位`),
    };
  }
  if ((countKeys(decl) as string[]).includes(i.measure)) {
    if (i.formula.type === 'rate') throw new AppError('ASSESSMENT_INVALID', { detail: '计数项只能按件扣分或加分' });
    return {
      resolved: { numerator: i.measure, denominator: null },
      definition: `${decl.title}·${decl.counts[i.measure]!.name}（件数）；按“${dim.name}”计入单位`,
    };
  }
  throw new AppError('ASSESSMENT_INVALID', { detail: '所选统计指标不存在' });
}

export const ACCOUNTABILITY_DEFINITION = '本期作出的问责决定（约谈、通报批评、挂牌整治、诫勉等）件数，计入被问责单位';

/** 报告及时率 over the 定期报告 (日报、周报、月报、季报) whose cut-off fell in the period. */
export const REPORTS_SOURCE_NAME = '定期报告报送（报告及时率）';
export const REPORTS_DEFINITION =
  '定期报告·报告及时率＝按时报送次数÷应报次数（应报次数为本期内截止报送的各期次之和；迟报、缺报均不计入按时；截止时间未到的不计入）；' +
  '依据：县委县政府督查室定期报告制度；计入报送单位所属乡镇（街道）或部门（含其下属单位）';

/** The active indicators as a period copies them, in order. */
export async function currentIndicators(db: Kysely<DB>, modules: ModuleCatalog): Promise<PeriodIndicator[]> {
  const rows = await db.selectFrom('assessment_indicators').selectAll().where('active', '=', true).orderBy('sort').orderBy('id').execute();
  return rows.map((r) => toPeriodIndicator(modules, r));
}

export function toPeriodIndicator(modules: ModuleCatalog, r: Awaited<ReturnType<typeof loadIndicatorRows>>[number]): PeriodIndicator {
  const formula = formulaSpec.parse(r.formula);
  const weight = Number(r.weight);
  let definition = r.source === 'reports' ? REPORTS_DEFINITION : ACCOUNTABILITY_DEFINITION;
  if (r.source === 'stats') {
    try {
      definition = resolveStatsMeasure(modules, { module: r.module!, measure: r.measure!, dimension: r.dimension!, formula }).definition;
    } catch {
      definition = '（统计口径已不存在，请重新设置该指标）';
    }
  }
  return {
    id: Number(r.id),
    name: r.name,
    source: r.source,
    module: r.module,
    measure: r.measure,
    dimension: r.dimension,
    appliesTo: r.applies_to,
    weight,
    formula,
    definition,
    formulaText: describeFormula(formula, weight),
    note: r.note,
  };
}

export function loadIndicatorRows(db: Kysely<DB>) {
  return db.selectFrom('assessment_indicators').selectAll().orderBy('sort').orderBy('id').execute();
}
