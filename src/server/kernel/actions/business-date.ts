import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { AppError } from '../../core/errors.ts';
import { addDaysIso, shanghaiDate } from '../../core/clock/clock.ts';
import { isoDate, safeString } from '../../core/http/input.ts';

/**
 * Every event has the business date it happened on, apart from the time it was recorded: staff record a
 * letter received Friday on Monday, a 处理意见书 served in the field days later (补录). Every action of every
 * machine takes these two fields (added by defineMachine); clocks, guards, statistics and documents use
 * the date, the audit trail keeps both.
 */
export const BUSINESS_DATE_FIELDS = {
  occurredOn: isoDate.optional().describe('发生日期，默认今天（补录时填写实际发生的日期）'),
  backdateReason: safeString().trim().min(1, '不能为空').max(500).optional().describe('补录说明（超过补录期限时必填）'),
};

/** The setting holding how many days back an event may be dated without a stated reason. */
export const BACKDATE_WINDOW_SETTING = 'kernel.backdate_window_days';

export async function loadBackdateWindow(db: Kysely<DB> | Transaction<DB>): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', BACKDATE_WINDOW_SETTING).executeTakeFirst();
  const days = row ? Number(row.value) : Number.NaN;
  if (!Number.isInteger(days) || days < 0) throw new AppError('SETTING_INVALID', { key: BACKDATE_WINDOW_SETTING });
  return days;
}

const isRealDate = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

const refuse = (field: string, detail: string) =>
  new AppError('VALIDATION_FAILED', { detail: `${field === 'occurredOn' ? '发生日期' : '补录说明'}：${detail}` }, { field });

/**
 * The business date of an event, checked: a real date, not in the future, not before the item's previous
 * event, and older than `windowDays` only with a stated reason (which the audit event keeps).
 */
export function checkBusinessDate(opts: {
  occurredOn?: string;
  backdateReason?: string;
  today: string;
  lastEventOn: string | null;
  windowDays: number;
}): string {
  const on = opts.occurredOn ?? opts.today;
  if (!isRealDate(on)) throw refuse('occurredOn', `${on} 不是有效日期`);
  if (on > opts.today) throw refuse('occurredOn', `不能晚于今天（${opts.today}）`);
  if (opts.lastEventOn && on < opts.lastEventOn) throw refuse('occurredOn', `不能早于该事项上一次办理的日期（${opts.lastEventOn}）`);
  if (on < addDaysIso(opts.today, -opts.windowDays) && !opts.backdateReason) {
    throw refuse('backdateReason', `补录 ${opts.windowDays} 日以前发生的事件，须说明理由`);
  }
  return on;
}

/**
 * The instant a clock event is recorded at for business date `on`: now when it happened today, else the
 * start of that day in Asia/Shanghai (only the date is known; every consumer reads the Shanghai date).
 */
export function businessInstant(on: string, now: Date): Date {
  return on === shanghaiDate(now) ? now : new Date(`${on}T00:00:00+08:00`);
}
