import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

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
