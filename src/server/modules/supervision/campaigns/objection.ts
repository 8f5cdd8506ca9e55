import { computeDeadline, formatAmount, type DeadlineRule } from '../../../core/clock/deadline-compute.ts';
import type { WorkCalendar } from '../../../core/clock/work-calendar.ts';

export interface ObjectionWindow {
  /** the last day an objection is accepted (the rule's end, a rest day rolled to the next working day) */
  dueDate: string;
  open: boolean;
  /** e.g. 自2026年…起算（当日不计）30日，届满日…为休息日，顺延至… 依据：《政府督查工作条例》第十七条 */
  explanation: string;
  /** '30日' — the period as the rule states it */
  period: string;
  source: string;
}

/**
 * The objection window of a target's findings (pure): counted by the rule dc.objection from the day the 通报 is
 * issued (the day the target receives the conclusion; that day not counted), its end rolled past rest days and
 * holidays by the working-day calendar; open while today is on or before the end.
 */
export function objectionWindow(cal: WorkCalendar, rule: DeadlineRule, issuedOn: string, today: string): ObjectionWindow {
  const d = computeDeadline(cal, { rule, start: issuedOn });
  const dueDate = d.dueDate!;
  return { dueDate, open: today <= dueDate, explanation: d.explanation, period: formatAmount(rule.amount, rule.unit), source: rule.source };
}
