import { AppError } from '../errors.ts';
import { addMonths, formatIsoDay, formatShanghaiMinute, parseIsoDay, shanghaiDay, shanghaiMidnight } from './day-math.ts';
import type { WorkCalendar } from './work-calendar.ts';

export type RuleUnit = 'calendar_days' | 'working_days' | 'hours' | 'months';

/**
 * 'deadline': the act must be done by the end (an end on a rest day rolls to the next working day; reminded, overdue);
 * 'minimum': the step may not end before the period has run (公示 ≥10日): the period's last day stands as counted
 * (rest days count for calendar days, are skipped for working days), nothing is ever overdue.
 */
export type RuleKind = 'deadline' | 'minimum';

/** The part of a legal rule a computation needs. */
export interface DeadlineRule {
  key: string;
  name: string;
  amount: number;
  unit: RuleUnit;
  source: string;
  /** absent = 'deadline' */
  kind?: RuleKind;
}

/** A stretch during which the clock did not run; `to` null = still paused. */
export interface ClockPause {
  from: string | Date;
  to: string | Date | null;
}

export interface DeadlineInput {
  rule: DeadlineRule;
  /** 'YYYY-MM-DD' (Asia/Shanghai) or an instant; day-based rules use the Shanghai date */
  start: string | Date;
  pauses?: readonly ClockPause[];
  /** approved extensions, each in the rule's unit */
  extensions?: readonly { amount: number }[];
}

export interface DeadlineResult {
  /** null while the clock is paused: the end is unknown until it resumes */
  dueDate: string | null;
  /** only for hour rules: the exact instant (ISO) */
  dueAt?: string;
  provisional: boolean;
  missingYears: number[];
  paused: boolean;
  explanation: string;
}

export const UNIT_LABELS: Record<RuleUnit, string> = {
  calendar_days: '日（自然日）',
  working_days: '个工作日',
  hours: '小时',
  months: '个月',
};

/** '60日', '5个工作日', '1小时', '6个月' */
export function formatAmount(amount: number, unit: RuleUnit): string {
  return unit === 'calendar_days' ? `${amount}日` : `${amount}${UNIT_LABELS[unit]}`;
}

function toDay(value: string | Date): number {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new AppError('DATE_INVALID', { value: String(value) });
    return shanghaiDay(value);
  }
  const z = parseIsoDay(value);
  if (z === null) throw new AppError('DATE_INVALID', { value });
  return z;
}

function toInstant(value: string | Date): Date {
  if (value instanceof Date) return value;
  const z = parseIsoDay(value);
  if (z === null) throw new AppError('DATE_INVALID', { value });
  return shanghaiMidnight(z);
}

function provisionalNote(missing: number[]): string {
  return missing.length ? `${missing.join('、')}年工作日历尚未导入，已按周一至周五推算，期限暂定，导入后自动重算。` : '';
}

/**
 * Derives a deadline from its start, rule, pauses and extensions (pure; see rules.md "day.rule"):
 *  - calendar days: start day excluded; an end on a rest day rolls to the next working day;
 *  - working days: start day excluded, the N-th working day; paused working days do not count;
 *  - months: same day-of-month N months later (or that month's last day), then rolls;
 *  - hours: instant + N hours, no roll;
 * pauses shift the end by the paused days (a pause from P to resume R stops P … R-1);
 * extensions add to the period before rolling.
 */
export function computeDeadline(cal: WorkCalendar, input: DeadlineInput): DeadlineResult {
  const { rule } = input;
  const extra = sumExtensions(input.extensions);
  const total = rule.amount + extra;
  const basis = `依据：${rule.source}`;
  if (rule.unit === 'hours') return computeHours(input, total, extra, basis);

  const s = toDay(input.start);
  cal.checkDay(s);
  const startText = formatIsoDay(s);
  const pauses = input.pauses?.length ? normalisePauses(input.pauses, s) : EMPTY_PAUSES;
  const head = `自${startText}起算（当日不计）${formatAmount(rule.amount, rule.unit)}${extra ? `，经批准延长${formatAmount(extra, rule.unit)}` : ''}`;

  if (pauses.open !== null) {
    return {
      dueDate: null,
      provisional: false,
      missingYears: [],
      paused: true,
      explanation: `${head}；计时已于${formatIsoDay(pauses.open)}暂停，恢复计时后重新计算届满日。${basis}`,
    };
  }

  if (rule.unit === 'working_days') {
    const due = addWorkdaysSkippingPauses(cal, s, total, pauses.closed);
    const missing = cal.missingYearsIn(s + 1 > due ? due : s + 1, due);
    const pauseText = pauses.closed.length ? `，暂停期间（${describePauses(pauses.closed)}）的工作日不计` : '';
    const endText = rule.kind === 'minimum' ? minimumEndText(due) : `届满日${formatIsoDay(due)}`;
    return {
      dueDate: formatIsoDay(due),
      provisional: missing.length > 0,
      missingYears: missing,
      paused: false,
      explanation: `${head}${pauseText}，${endText}。${provisionalNote(missing)}${basis}`,
    };
  }

  const pausedDays = pauses.pausedDays;
  const end = (rule.unit === 'months' ? addMonths(s, total) : s + total) + pausedDays;
  cal.checkDay(end);
  const pauseText0 = pausedDays ? `，扣除暂停${pausedDays}日（${describePauses(pauses.closed)}）` : '';
  if (rule.kind === 'minimum') {
    // a minimum period has run at the end of its last day, rest day or not: no rolling
    return {
      dueDate: formatIsoDay(end),
      provisional: false,
      missingYears: [],
      paused: false,
      explanation: `${head}${pauseText0}，${minimumEndText(end)}。${basis}`,
    };
  }
  const due = cal.nextWorkdayOnOrAfter(end);
  const missing = cal.missingYearsIn(end, due);
  const pauseText = pauseText0;
  const endText = formatIsoDay(end);
  const rollText = due === end ? `届满日${endText}` : `届满日${endText}为休息日，顺延至${formatIsoDay(due)}`;
  return {
    dueDate: formatIsoDay(due),
    provisional: missing.length > 0,
    missingYears: missing,
    paused: false,
    explanation: `${head}${pauseText}，${rollText}。${provisionalNote(missing)}${basis}`,
  };
}

/** The day after a minimum period's last day: the earliest day the step it guards may end. */
export function minimumEarliestEnd(lastDay: string): string {
  const z = parseIsoDay(lastDay);
  if (z === null) throw new AppError('DATE_INVALID', { value: lastDay });
  return formatIsoDay(z + 1);
}

function minimumEndText(last: number): string {
  return `最短期限至${formatIsoDay(last)}届满（最短期限，不计逾期），${formatIsoDay(last + 1)}起方可结束`;
}

function sumExtensions(extensions: DeadlineInput['extensions']): number {
  let extra = 0;
  if (extensions) for (const e of extensions) extra += e.amount;
  return extra;
}

interface DayPauses {
  closed: { from: number; to: number }[];
  open: number | null;
  pausedDays: number;
}
const EMPTY_PAUSES: DayPauses = { closed: [], open: null, pausedDays: 0 };

/** Pauses as day spans [from, to) clipped to after the start day, in order. */
function normalisePauses(pauses: readonly ClockPause[], s: number): DayPauses {
  const closed: { from: number; to: number }[] = [];
  let open: number | null = null;
  let pausedDays = 0;
  for (const p of pauses) {
    const from = Math.max(toDay(p.from), s + 1);
    if (p.to === null) {
      open = Math.max(toDay(p.from), s);
      continue;
    }
    const to = toDay(p.to);
    if (to <= from) continue;
    closed.push({ from, to });
    pausedDays += to - from;
  }
  closed.sort((a, b) => a.from - b.from);
  return { closed, open, pausedDays };
}

function describePauses(spans: { from: number; to: number }[]): string {
  return spans.map((p) => `${formatIsoDay(p.from)}至${formatIsoDay(p.to - 1)}`).join('、');
}

/** N working days after s, not counting working days inside [from, to) of each pause. */
function addWorkdaysSkippingPauses(cal: WorkCalendar, s: number, n: number, pauses: { from: number; to: number }[]): number {
  let cursor = s;
  let remaining = n;
  for (const p of pauses) {
    if (p.to - 1 <= cursor) continue;
    const from = Math.max(p.from, cursor + 1);
    cal.checkDay(p.to);
    const available = cal.workdaysBetween(cursor, from - 1);
    if (remaining <= available) break;
    remaining -= available;
    cursor = p.to - 1;
  }
  return cal.addWorkdays(cursor, remaining);
}

function computeHours(input: DeadlineInput, total: number, extra: number, basis: string): DeadlineResult {
  const start = toInstant(input.start);
  let pausedMs = 0;
  let openFrom: Date | null = null;
  for (const p of input.pauses ?? []) {
    const from = toInstant(p.from);
    if (p.to === null) {
      openFrom = from;
      continue;
    }
    pausedMs += Math.max(0, toInstant(p.to).getTime() - Math.max(from.getTime(), start.getTime()));
  }
  const head = `自${formatShanghaiMinute(start)}起${formatAmount(input.rule.amount, 'hours')}${extra ? `，经批准延长${extra}小时` : ''}`;
  if (openFrom) {
    return {
      dueDate: null,
      provisional: false,
      missingYears: [],
      paused: true,
      explanation: `${head}；计时已于${formatShanghaiMinute(openFrom)}暂停，恢复计时后重新计算。${basis}`,
    };
  }
  const dueAt = new Date(start.getTime() + total * 3600_000 + pausedMs);
  const pauseText = pausedMs ? `，扣除暂停${Math.round(pausedMs / 60_000)}分钟` : '';
  return {
    dueDate: formatIsoDay(shanghaiDay(dueAt)),
    dueAt: dueAt.toISOString(),
    provisional: false,
    missingYears: [],
    paused: false,
    explanation: `${head}${pauseText}，届满时间${formatShanghaiMinute(dueAt)}（北京时间）。${basis}`,
  };
}
