import { sql, type RawBuilder, type SqlBool } from 'kysely';
/** Pure derivations of the intake flags (集体访, 初信初访, 重复信访, 终结后再访). */
export const SIMILARITY_THRESHOLD = 0.3;

export interface EarlierPetition {
  id: number;
  categoryId: number;
  similarity: number;
  stage: string;
  state: string;
}

export function isCollective(opts: { persons: number; petitioners: number; threshold: number }): boolean {
  return Math.max(opts.persons, opts.petitioners) >= opts.threshold;
}

/** Same matter = same category, or title+content trigram similarity ≥ 0.3. */
export const isSimilar = (e: EarlierPetition, categoryId: number): boolean => e.categoryId === categoryId || e.similarity >= SIMILARITY_THRESHOLD;

export function deriveRepeatFlags(
  earlier: EarlierPetition[],
  categoryId: number,
): { firstTime: boolean; repeat: boolean; repeatOf: number | null; afterTermination: boolean } {
  const similar = earlier.filter((e) => isSimilar(e, categoryId));
  const initial = similar.filter((e) => e.stage === 'initial').sort((a, b) => a.id - b.id);
  return {
    firstTime: earlier.length === 0,
    repeat: initial.length > 0,
    repeatOf: initial[0]?.id ?? null,
    afterTermination: similar.some((e) => e.state === 'terminated'),
  };
}

/** The clock whose passing without an evaluation makes a case 超期未评价 (started at 送达). */
export const EVAL_WINDOW_RULE = 'xf.eval.window';

/**
 * 超期未评价, derived (never stored): the evaluation window's clock has passed its due date and no
 * evaluation was recorded. A clock stopped early without an evaluation (办结, 申请复查) still counts:
 * the petitioner did not evaluate within the window. Same definition as the 参评率 statistics.
 */
export function isEvalOverdue(opts: { deadlines: { ruleKey: string; dueDate: string | null }[]; evaluated: boolean; today: string }): boolean {
  if (opts.evaluated) return false;
  const window = opts.deadlines.filter((d) => d.ruleKey === EVAL_WINDOW_RULE).at(-1);
  return !!window?.dueDate && window.dueDate < opts.today;
}

/** isEvalOverdue as SQL over petitions `p` (for the list's flag and `flag=evalOverdue` filter). */
export function evalOverdueSql(today: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(p.decisions -> 'evaluation' is null and exists (select 1 from deadlines ed where ed.work_item_id = p.id and ed.rule_key = ${EVAL_WINDOW_RULE} and ed.due_date < ${today}::date))`;
}
