import { AppError } from '../core/errors.ts';
import { parseIsoDay } from '../core/clock/day-math.ts';
import { formatAmount } from '../core/clock/deadline-compute.ts';
import { ensureLegalClock } from '../kernel/deadlines/seed-legal-clock.ts';
import { previewDeadline } from '../kernel/deadlines/preview-deadline.ts';
import { openForCli } from './open.ts';
import { parseArgs, UsageError } from './cli-args.ts';

const USAGE = '用法: anwen deadline 规则键 --from YYYY-MM-DD [--province 省级代码]\n例如: anwen deadline xf.handle --from 2026-08-05';

/**
 * `anwen deadline xf.handle --from 2026-08-05 [--province 33]`
 * line 1: due date; line 2: rule, amount and legal source; then `provisional` + the missing
 * year(s) when the calendar does not cover the span; last: the full explanation.
 */
export async function run(args: string[]): Promise<number> {
  let ruleKey: string;
  let from: string;
  let province: string;
  try {
    const { positional, options } = parseArgs(args, ['from', 'province']);
    if (positional.length !== 1) throw new UsageError(positional.length ? `多余的参数：${positional.slice(1).join(' ')}` : '缺少规则键');
    ruleKey = positional[0]!;
    if (!options.from) throw new UsageError('缺少 --from 起算日期');
    from = options.from;
    if (parseIsoDay(from) === null) throw new UsageError(`日期“${from}”无效，应为 YYYY-MM-DD 格式的真实日期`);
    province = options.province ?? '';
    if (province && !/^\d{2}$/.test(province)) throw new UsageError(`省级代码“${province}”无效，应为两位数字，如 33（浙江）`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`错误：${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }

  const { database } = await openForCli();
  try {
    await ensureLegalClock(database.db);
    const result = await previewDeadline(database.db, { ruleKey, from, province });
    const { rule } = result;
    const amount = rule.unit === 'calendar_days' ? `${rule.amount}日（自然日）` : formatAmount(rule.amount, rule.unit);
    console.log(result.dueAt ? `${result.dueDate} ${result.dueAt}` : result.dueDate);
    console.log(`${rule.key} ${rule.name} ${amount}— ${rule.source}${rule.province ? `（省级覆盖 ${rule.province}）` : ''}`);
    if (result.provisional) {
      console.log('provisional');
      console.log(`${result.missingYears.join('、')} 年工作日历尚未导入，结果按周一至周五推算，导入后需重算`);
    }
    console.log(result.explanation);
    return 0;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'RULE_NOT_FOUND' || error.status === 400)) {
      console.error(`错误：${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}
