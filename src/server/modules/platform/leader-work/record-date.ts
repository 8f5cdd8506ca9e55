import { AppError } from '../../../core/errors.ts';

/**
 * The date of a record on cases (接访日期, 救助日期 …) is when it happened: never after today, never before a linked
 * case was received. Refused with the field's name and the bound it crossed; nothing is written.
 */
export function checkRecordDate(opts: { date: string; today: string; label: string; field?: string; items: { refNo: string; receivedOn: string }[] }): void {
  const field = opts.field ?? 'date';
  if (opts.date > opts.today) throw new AppError('VALIDATION_FAILED', { detail: `${opts.label}：不能晚于今天（${opts.today}）` }, { field });
  const earliest = opts.items.filter((i) => opts.date < i.receivedOn).sort((a, b) => (a.receivedOn < b.receivedOn ? 1 : -1))[0];
  if (earliest)
    throw new AppError('VALIDATION_FAILED', { detail: `${opts.label}：不能早于事项 ${earliest.refNo} 的收到日期（${earliest.receivedOn}）` }, { field });
}
