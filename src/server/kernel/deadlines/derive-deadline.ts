import { computeDeadline, type ClockPause, type DeadlineResult, type DeadlineRule } from '../../core/clock/deadline-compute.ts';
import type { WorkCalendar } from '../../core/clock/work-calendar.ts';

/** The fields of a deadline_events row the derivation reads. */
export interface ClockEvent {
  id: number;
  kind: 'start' | 'pause' | 'resume' | 'extend' | 'stop';
  at: Date;
  on_date: string;
  amount: number | null;
}

/**
 * Re-derives a deadline from ALL its events (never from the previous due date): start, then
 * pause/resume pairs and approved extensions. Day rules use the Shanghai dates of the events,
 * hour rules their instants.
 */
export function deriveDeadline(
  calendar: WorkCalendar,
  rule: DeadlineRule,
  deadline: { started_at: Date; start_date: string },
  events: readonly ClockEvent[],
): DeadlineResult {
  const byHour = rule.unit === 'hours';
  const ordered = [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
  const pauses: ClockPause[] = [];
  const extensions: { amount: number }[] = [];
  let open: ClockPause | null = null;
  for (const e of ordered) {
    const when = byHour ? e.at : e.on_date;
    if (e.kind === 'pause' && !open) {
      open = { from: when, to: null };
      pauses.push(open);
    } else if (e.kind === 'resume' && open) {
      open.to = when;
      open = null;
    } else if (e.kind === 'extend' && e.amount) {
      extensions.push({ amount: e.amount });
    }
  }
  return computeDeadline(calendar, {
    rule,
    start: byHour ? deadline.started_at : deadline.start_date,
    pauses,
    extensions,
  });
}
