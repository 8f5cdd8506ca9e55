import { readFile } from 'node:fs/promises';
import { scoreHazardCsv, ScoreFileError, type ScoredFile } from '../modules/safety/quality/index.ts';
import { parseArgs, UsageError } from './cli-args.ts';

const USAGE = [
  '用法:',
  '  anwen hazards score-quality 文件.csv [--show all|refused|errors|none]',
  '      逐行判定隐患描述是否可用并建议隐患类别。CSV 须有表头 content（或 description、隐患描述）；',
  '      有 level_4（或 checklist_item、检查项）列时据以识别照抄检查项；',
  '      有 label 列（1 = 敷衍不可用，0 = 可用）时给出精确率、召回率、F1；有 level_2 列时给出类别建议准确率。',
  '      --show 逐行显示哪些行：all 全部（默认），refused 仅不可用，errors 仅与 label 不一致，none 只显示汇总。',
].join('\n');

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const clip = (text: string, n: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat || '（空白）';
};

/** `anwen hazards …` — the hazard-description quality gate from the command line (no database needed). */
export async function run(args: string[]): Promise<number> {
  try {
    const [sub, ...rest] = args;
    if (sub !== 'score-quality') throw new UsageError(sub ? `未知子命令：${sub}` : '缺少子命令');
    const { positional, options } = parseArgs(rest, ['show']);
    const show = options.show ?? 'all';
    if (!['all', 'refused', 'errors', 'none'].includes(show)) throw new UsageError(`--show 只能是 all、refused、errors 或 none`);
    const file = positional[0];
    if (!file || positional.length > 1) throw new UsageError('请给出一个 CSV 文件，例如：anwen hazards score-quality 隐患.csv');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`无法读取 ${file}：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '读取失败'}`);
    }
    const result = scoreHazardCsv(text);
    printRows(result, show);
    printSummary(result);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScoreFileError) {
      console.error(`错误：${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

function printRows(result: ScoredFile, show: string): void {
  if (show === 'none') return;
  for (const r of result.rows) {
    const a = r.assessment;
    if (show === 'refused' && a.usable) continue;
    if (show === 'errors' && (r.label === null || (r.label === 1) === !a.usable)) continue;
    const verdict = a.usable ? '可用  ' : '不可用';
    const expected = r.label === null ? '' : r.label === 1 ? '（标注：不可用）' : '（标注：可用）';
    const category = a.categories.length ? `  类别：${a.categories.map((c) => `${c.name} ${Math.round(c.score * 100)}%`).join('、')}` : '';
    const why = a.usable ? '' : `  问题：${a.problems.join('；')}`;
    console.log(`第 ${r.line} 行  ${verdict} ${a.score.toFixed(2)}${expected}  “${clip(r.description, 30)}”${category}${why}`);
  }
}

function printSummary(result: ScoredFile): void {
  const refused = result.rows.filter((r) => !r.assessment.usable).length;
  console.log(`\n共 ${result.rows.length} 行，判为不可用 ${refused} 行，可用 ${result.rows.length - refused} 行。`);
  const q = result.quality;
  if (q) {
    console.log(`对照 label（${q.rows} 行，“不可用”为正类）：精确率 ${percent(q.precision)}，召回率 ${percent(q.recall)}，F1 ${percent(q.f1)}`);
    console.log(`  判对不可用 ${q.tp}，误判为不可用 ${q.fp}，漏判 ${q.fn}，判对可用 ${q.tn}`);
  }
  const c = result.category;
  if (c) console.log(`对照 level_2（${c.rows} 行可用描述）：类别建议首选准确率 ${percent(c.top1)}，前三准确率 ${percent(c.top3)}`);
}
