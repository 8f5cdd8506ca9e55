import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { validateCalendarYear } from '../../core/clock/calendar-data.ts';
import { storeCalendarYear } from '../../core/clock/calendar-store.ts';
import { saveRule, type LegalRule, type SaveRuleInput } from '../../core/clock/legal-rules.ts';
import { recomputeOpenDeadlines, type RecomputeResult } from './recompute-open-deadlines.ts';

/**
 * Loads (or replaces) a calendar year and recomputes open deadlines — one transaction, so a
 * half-loaded year can never be seen and the recomputation is audited with the load.
 */
export async function importCalendarYear(
  db: Kysely<DB>,
  input: { data: unknown; actor: Actor },
): Promise<{ year: number; replaced: boolean; days: number; recompute: RecomputeResult }> {
  const data = validateCalendarYear(input.data);
  return db.transaction().execute(async (trx) => {
    const { replaced } = await storeCalendarYear(trx, { data, actor: input.actor });
    const recompute = await recomputeOpenDeadlines(trx, { actor: input.actor, reason: `${replaced ? '更新' : '导入'} ${data.year} 年工作日历` });
    return { year: data.year, replaced, days: data.days.length, recompute };
  });
}

/** Changes a rule (or adds a province override) and recomputes open deadlines, in one transaction. */
export async function changeRule(db: Kysely<DB>, input: SaveRuleInput): Promise<{ before: LegalRule | null; after: LegalRule; recompute: RecomputeResult }> {
  return db.transaction().execute(async (trx) => {
    const { before, after } = await saveRule(trx, input);
    const recompute = await recomputeOpenDeadlines(trx, {
      actor: input.actor,
      reason: `时限规则 ${after.key}${after.province ? `（省级代码 ${after.province}）` : ''} 已修改`,
    });
    return { before, after, recompute };
  });
}
