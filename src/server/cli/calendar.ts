import { readFile } from 'node:fs/promises';
import { cliActor } from '../core/audit/audit-chain.ts';
import { AppError } from '../core/errors.ts';
import { parseIsoDay } from '../core/clock/day-math.ts';
import { listCalendarYears } from '../core/clock/calendar-store.ts';
import { ensureLegalClock } from '../kernel/deadlines/seed-legal-clock.ts';
import { importCalendarYear } from '../kernel/deadlines/legal-clock-changes.ts';
import { loadCalendar } from '../kernel/deadlines/calendar-cache.ts';
import { openForCli } from './open.ts';
import { UsageError } from './cli-args.ts';

const USAGE = [
  '用法:',
  '  anwen calendar is-workday YYYY-MM-DD   是否工作日（true/false）',
  '  anwen calendar years                   已导入的年份及依据通知',
  '  anwen calendar load 文件.json          导入或替换一年：{"year":2027,"source":"国务院办公厅关于2027年部分节假日安排的通知","days":[{"date":"2027-01-01","kind":"holiday","name":"元旦"}]}',
].join('\n');

/** `anwen calendar …` — the working-day calendar from the command line. */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'is-workday') {
      const date = rest[0];
      if (!date || rest.length > 1) throw new UsageError('请给出一个日期，例如：anwen calendar is-workday 2026-10-10');
      if (parseIsoDay(date) === null) throw new UsageError(`日期“${date}”无效，应为 YYYY-MM-DD 格式的真实日期`);
      return await withDb(async (db) => {
        const answer = (await loadCalendar(db)).isWorkday(date);
        console.log(String(answer.workday));
        if (answer.provisional) console.log(`provisional：${answer.missingYear} 年工作日历尚未导入（按周一至周五推算）`);
        return 0;
      });
    }
    if (sub === 'years') {
      return await withDb(async (db) => {
        for (const y of await listCalendarYears(db)) {
          console.log(`${y.year}  放假 ${y.holidayCount} 天  调休上班 ${y.workdayCount} 天  ${y.source}`);
        }
        return 0;
      });
    }
    if (sub === 'load') {
      const file = rest[0];
      if (!file) throw new UsageError('请给出日历 JSON 文件，例如：anwen calendar load 2027.json');
      let data: unknown;
      try {
        data = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new UsageError(`无法读取 ${file}：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '不是有效的 JSON'}`);
      }
      return await withDb(async (db) => {
        const result = await importCalendarYear(db, { data, actor: cliActor() });
        console.log(`${result.replaced ? '已替换' : '已导入'} ${result.year} 年工作日历（${result.days} 条例外日期）`);
        console.log(`已重算未结期限 ${result.recompute.checked} 个，其中 ${result.recompute.changed.length} 个届满日有变化`);
        return 0;
      });
    }
    throw new UsageError(sub ? `未知子命令：${sub}` : '缺少子命令');
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`错误：${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError && error.status === 400) {
      console.error(`错误：${error.message}`);
      return 2;
    }
    throw error;
  }
}

async function withDb(work: (db: Awaited<ReturnType<typeof openForCli>>['database']['db']) => Promise<number>): Promise<number> {
  const { database } = await openForCli();
  try {
    await ensureLegalClock(database.db);
    return await work(database.db);
  } finally {
    await database.close();
  }
}
