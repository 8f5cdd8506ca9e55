import dayjs, { type Dayjs } from 'dayjs';
import type { ApiOk } from '../../api/typed.ts';

/**
 * The business date of an event (发生日期) and its 补录说明, as the server checks them (kernel/actions/business-date.ts):
 * never after today, and a date before today − the back-dating window only with a stated reason.
 */
export type BusinessDateRule = ApiOk<'/settings/business-date'>;

/** The server's today (its clock, Asia/Shanghai), else the browser's while the rule is not known. */
export const todayOf = (rule: BusinessDateRule | undefined): Dayjs => (rule ? dayjs(rule.today) : dayjs()).startOf('day');

/** For the date picker: a day after today cannot be chosen. */
export const isFutureDay = (d: Dayjs, rule: BusinessDateRule | undefined): boolean => d.isAfter(todayOf(rule), 'day');

/** The earliest day an event may carry without a 补录说明. */
export const backdateCutoff = (rule: BusinessDateRule): Dayjs => todayOf(rule).subtract(rule.backdateWindowDays, 'day');

/**
 * Whether the form asks for a 补录说明: 'required' for a date before the cutoff, 'hidden' otherwise (no date = today);
 * 'optional' while the rule is not known, so the user can still give one if the server asks.
 */
export function backdateReasonState(occurredOn: Dayjs | null | undefined, rule: BusinessDateRule | undefined): 'hidden' | 'required' | 'optional' {
  if (!rule) return 'optional';
  return occurredOn && occurredOn.isBefore(backdateCutoff(rule), 'day') ? 'required' : 'hidden';
}
