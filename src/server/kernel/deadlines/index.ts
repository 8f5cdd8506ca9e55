/** The kernel's deadline clocks: start/pause/resume/extend/stop, recomputation, previews. */
export {
  startDeadline,
  startDeadlines,
  planDeadlines,
  writePlannedDeadlines,
  plannedDeadlineRows,
  type PlannedDeadline,
  pauseDeadline,
  resumeDeadline,
  extendDeadline,
  stopDeadline,
  type DeadlineView,
} from './deadline-clock.ts';
export { recomputeOpenDeadlines, type RecomputeResult } from './recompute-open-deadlines.ts';
export { loadCalendar, forgetCalendar } from './calendar-cache.ts';
export { countdownText } from './countdown.ts';
export { importCalendarYear, changeRule } from './legal-clock-changes.ts';
export { previewDeadline } from './preview-deadline.ts';
export { deriveDeadline } from './derive-deadline.ts';
export { presentDeadlines, presentedDeadlineSchema, DEADLINE_STATUS_ZH, type PresentedDeadline } from './present-deadlines.ts';
export { openMinimumPeriods, describeMinimumPeriods, latestEarliestEnd, type OpenMinimumPeriod } from './minimum-periods.ts';
export { planInstructedDeadline, INSTRUCTED_RULE_KEY, INSTRUCTED_RULE_NAME } from './instructed-deadline.ts';
