import ExcelJS from 'exceljs';
import type { StatsDeclaration } from './declaration.ts';
import type { StatsTable } from './engine.ts';
import { countKeys } from './indicators.ts';

/**
 * A statistics table as Excel: the counts, then the indicators as 0.00 % (and, with 同比/环比, the previous
 * period's headline counts — the first count and the summed ones — and indicators), and a 公式说明 sheet with
 * every indicator's definition and source and the declaration's notes.
 */
export async function statsWorkbook<C extends string, D extends string>(decl: StatsDeclaration<C, D>, stats: StatsTable<C, D>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安稳';
  const ws = wb.addWorksheet(decl.title.slice(0, 31));
  const dimension = decl.dimensions[stats.groupBy].name;
  const keys = countKeys(decl);
  const headline = keys.filter((k, i) => i === 0 || decl.counts[k].sum);
  const title = `${decl.title}（${stats.from} 至 ${stats.to}，按${dimension}）${stats.previousPeriod ? `；对比期 ${stats.previousPeriod.from} 至 ${stats.previousPeriod.to}` : ''}`;
  ws.addRow([title]).font = { bold: true, size: 14 };
  const header = [dimension, ...keys.map((k) => decl.counts[k].name), ...decl.indicators.map((d) => d.name)];
  if (stats.previousPeriod) header.push(...headline.map((k) => `对比期${decl.counts[k].name}`), ...decl.indicators.map((d) => `对比期${d.name}`));
  ws.addRow(header).font = { bold: true };
  for (const r of [...stats.rows, stats.total]) {
    const values: (string | number | null)[] = [r.label, ...keys.map((k) => r.counts[k]), ...r.indicators.map((i) => i.value)];
    if (r.previous) values.push(...headline.map((k) => r.previous!.counts[k]), ...r.previous.indicators.map((i) => i.value));
    const row = ws.addRow(values);
    if (r === stats.total) row.font = { bold: true };
  }
  const firstRatio = 2 + keys.length;
  const n = decl.indicators.length;
  for (let c = firstRatio; c <= header.length; c++) {
    const isRatio = c < firstRatio + n || c >= firstRatio + n + headline.length;
    if (isRatio) ws.getColumn(c).numFmt = '0.00%';
  }
  ws.getColumn(1).width = 24;
  // a count or ratio column is as wide as its heading (a CJK character is about two Excel width units)
  header.forEach((h, i) => {
    if (i > 0) ws.getColumn(i + 1).width = Math.min(24, Math.max(10, [...h].length * 2 + 2));
  });
  // the heading row and the row labels stay in view and the heading filters, as in every list export
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 2 }];
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: header.length } };
  const f = wb.addWorksheet('公式说明');
  f.addRow(['指标', '分子', '分母', '计算公式', '依据']).font = { bold: true };
  for (const d of decl.indicators) f.addRow([d.name, decl.counts[d.numerator].name, decl.counts[d.denominator].name, d.formula, d.source]);
  const notes = decl.notes?.(stats.today) ?? [];
  if (notes.length) f.addRow([]);
  for (const line of notes) {
    const [head, ...rest] = line.split('：');
    f.addRow(rest.length ? [head, rest.join('：')] : [line]);
  }
  f.views = [{ state: 'frozen', ySplit: 1 }];
  f.getColumn(1).width = 16;
  f.getColumn(2).width = 28;
  f.getColumn(3).width = 28;
  f.getColumn(4).width = 80;
  f.getColumn(5).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
