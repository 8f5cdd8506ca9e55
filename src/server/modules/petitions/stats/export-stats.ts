import ExcelJS from 'exceljs';
import { COUNT_KEYS, COUNT_NAMES, INDICATORS } from './indicators.ts';
import type { computeStats } from './compute-stats.ts';

type Stats = Awaited<ReturnType<typeof computeStats>>;
const DIMENSION_NAMES = { channel: '渠道', category: '问题类别', unit: '责任单位', township: '问题属地', level: '交办层级', month: '月份' } as const;

/** The statistics table (counts, then the indicators as 0.00 %) and a 公式说明 sheet with every definition. */
export async function statsWorkbook(stats: Stats): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安稳';
  const ws = wb.addWorksheet('信访统计');
  const title = `信访统计（${stats.from} 至 ${stats.to}，按${DIMENSION_NAMES[stats.groupBy]}）${stats.previousPeriod ? `；对比期 ${stats.previousPeriod.from} 至 ${stats.previousPeriod.to}` : ''}`;
  ws.addRow([title]).font = { bold: true, size: 14 };
  const header = [DIMENSION_NAMES[stats.groupBy], ...COUNT_KEYS.map((k) => COUNT_NAMES[k]), ...INDICATORS.map((d) => d.name)];
  if (stats.previousPeriod) header.push('对比期批次', '对比期人次', ...INDICATORS.map((d) => `对比期${d.name}`));
  ws.addRow(header).font = { bold: true };
  for (const r of [...stats.rows, stats.total]) {
    const values: (string | number | null)[] = [r.label, ...COUNT_KEYS.map((k) => r.counts[k]), ...r.indicators.map((i) => i.value)];
    if (r.previous) values.push(r.previous.counts.batches, r.previous.counts.persons, ...r.previous.indicators.map((i) => i.value));
    const row = ws.addRow(values);
    if (r === stats.total) row.font = { bold: true };
  }
  const firstRatio = 2 + COUNT_KEYS.length;
  for (let c = firstRatio; c <= header.length; c++) {
    const isRatio = c < firstRatio + INDICATORS.length || c >= firstRatio + INDICATORS.length + 2;
    if (isRatio) ws.getColumn(c).numFmt = '0.00%';
  }
  ws.getColumn(1).width = 24;
  const f = wb.addWorksheet('公式说明');
  f.addRow(['指标', '分子', '分母', '计算公式', '依据']).font = { bold: true };
  for (const d of INDICATORS) f.addRow([d.name, COUNT_NAMES[d.numerator], COUNT_NAMES[d.denominator], d.formula, d.source]);
  f.addRow([]);
  f.addRow(['计数单位', '批次（件次）：每件初次信访事项计 1；人次：来访按登记人次，其他渠道按信访人数（匿名计 1）；复查、复核为关联案件，不另计件次。']);
  f.addRow(['统计时点', `超期未受理、超期未答复、超期未评价按 ${stats.today} 判断。`]);
  f.getColumn(4).width = 80;
  f.getColumn(5).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
