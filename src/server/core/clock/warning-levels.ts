import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit-chain.ts';

/** 正常 / 临期 / 超期 / 严重超期 */
export type WarningLevel = 'normal' | 'approaching' | 'overdue' | 'severe';

export interface WarningThresholds {
  /** 临期: due within this many calendar days (inclusive) */
  approachingDays: number;
  /** 严重超期: overdue by more than this many calendar days */
  severeOverdueDays: number;
}

export const DEFAULT_WARNING_THRESHOLDS: WarningThresholds = { approachingDays: 3, severeOverdueDays: 30 };

/** CONTRACT (the legal-clock work may refine): the warning level of a due date seen on `today`. */
export function warningLevel(dueDate: string, today: string, t: WarningThresholds): WarningLevel {
  const days = (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  if (days < -t.severeOverdueDays) return 'severe';
  if (days < 0) return 'overdue';
  if (days <= t.approachingDays) return 'approaching';
  return 'normal';
}

/** CONTRACT: thresholds from settings key 'deadline.warning', defaults otherwise. */
export async function loadWarningThresholds(db: Kysely<DB>): Promise<WarningThresholds> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'deadline.warning').executeTakeFirst();
  return { ...DEFAULT_WARNING_THRESHOLDS, ...((row?.value as Partial<WarningThresholds> | undefined) ?? {}) };
}

/** Validates thresholds before they are stored: whole days, sensible bounds. */
export function validateWarningThresholds(input: WarningThresholds): WarningThresholds {
  const check = (field: keyof WarningThresholds, max: number) => {
    const v = input[field];
    if (!Number.isInteger(v) || v < 0 || v > max) {
      throw new AppError('VALIDATION_FAILED', { detail: `${field}：应为 0—${max} 之间的整数天数` }, { field });
    }
  };
  check('approachingDays', 90);
  check('severeOverdueDays', 365);
  return { approachingDays: input.approachingDays, severeOverdueDays: input.severeOverdueDays };
}

/** Stores the thresholds in settings 'deadline.warning' (audited with before/after). */
export async function saveWarningThresholds(trx: Transaction<DB>, input: { thresholds: WarningThresholds; actor: Actor }): Promise<WarningThresholds> {
  const next = validateWarningThresholds(input.thresholds);
  const before = await loadWarningThresholds(trx);
  await trx
    .insertInto('settings')
    .values({ key: 'deadline.warning', value: JSON.stringify(next) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next), updated_at: new Date() }))
    .execute();
  await appendAudit(trx, input.actor, { action: 'settings.update', entityType: 'settings', entityId: 'deadline.warning', before, after: next });
  return next;
}
