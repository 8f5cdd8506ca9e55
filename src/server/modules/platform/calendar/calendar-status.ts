export interface CalendarStatus {
  today: string;
  coveredYears: number[];
  latestYear: number | null;
  missingNextYear: boolean;
  /** from 1 November, when next year's calendar is missing (shown to administrators) */
  warning?: string;
}

/**
 * The State Council publishes next year's holiday schedule around November; from 1 November a
 * missing next year means deadlines reaching into it are provisional, so admins are told.
 */
export function calendarStatus(coveredYears: readonly number[], today: string): CalendarStatus {
  const years = [...coveredYears].sort((a, b) => a - b);
  const thisYear = Number(today.slice(0, 4));
  const nextYear = thisYear + 1;
  const missingNextYear = !years.includes(nextYear);
  const status: CalendarStatus = { today, coveredYears: years, latestYear: years.at(-1) ?? null, missingNextYear };
  if (missingNextYear && today.slice(5) >= '11-01') {
    status.warning =
      `${nextYear} 年工作日历尚未导入：届满日落在 ${nextYear} 年的期限目前按周一至周五暂定推算，并标注为“暂定”。` +
      `请在国务院办公厅发布《关于${nextYear}年部分节假日安排的通知》后，在“系统管理 → 工作日历”或用命令 anwen calendar load 导入。`;
  }
  if (!years.includes(thisYear)) {
    status.warning = `本年度（${thisYear} 年）工作日历尚未导入，所有期限均为暂定，请尽快导入。` + (status.warning ? ` ${status.warning}` : '');
  }
  return status;
}
