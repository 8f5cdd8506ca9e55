import type { Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { formatIsoDay, parseIsoDay, shanghaiDay } from '../../core/clock/day-math.ts';
import type { PlannedDeadline } from './deadline-clock.ts';

/**
 * A due date set by a higher authority (e.g. a 交办 from the province's 信访局 with its own limit), not derived
 * from a rule: stored like any clock (reminders, overdue lists, 督办 work on it) under this key, never
 * recomputed when the calendar or the rules change, and presented with its basis instead of a legal source.
 */
export const INSTRUCTED_RULE_KEY = 'instructed';
export const INSTRUCTED_RULE_NAME = '上级交办期限';

export function planInstructedDeadline(input: {
  label: string;
  dueDate: string;
  basis: string;
  startedAt: Date;
  actor: Actor;
  /** what is due by then (default 办结报告; a 责令整改 order: 整改完毕) */
  requirement?: string;
  /** how such a limit is called in the explanation (default 上级交办期限; an order's: 责令整改期限) */
  kindName?: string;
}): PlannedDeadline {
  if (parseIsoDay(input.dueDate) === null) throw new AppError('DATE_INVALID', { value: input.dueDate });
  const startDate = formatIsoDay(shanghaiDay(input.startedAt));
  return {
    input: { ruleKey: INSTRUCTED_RULE_KEY, province: '', label: input.label, startedAt: input.startedAt, actor: input.actor },
    rule: {
      key: INSTRUCTED_RULE_KEY,
      province: '',
      name: INSTRUCTED_RULE_NAME,
      amount: 0,
      unit: 'calendar_days',
      source: input.basis,
      confidence: 'A',
      kind: 'deadline',
      note: null,
      updatedAt: '',
      updatedBy: null,
    },
    startedAt: input.startedAt,
    startDate,
    result: {
      dueDate: input.dueDate,
      provisional: false,
      missingYears: [],
      paused: false,
      explanation: `${input.basis}，要求 ${input.dueDate} 前${input.requirement ?? '办结报告'}（${input.kindName ?? INSTRUCTED_RULE_NAME}，非法定时限；日历或规则调整时不重算）`,
    },
  };
}
