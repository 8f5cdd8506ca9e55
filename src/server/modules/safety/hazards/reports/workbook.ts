import ExcelJS from 'exceljs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../../core/db/schema.ts';
import { HAZARD_GRADES } from '../fields.ts';
import { REPORT_COLUMNS, type getReport } from './stat-reports.ts';

type Report = Awaited<ReturnType<typeof getReport>>;
const thin = { style: 'thin' } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * The table as the unit sends it: title, unit and period, the two-row heading of a 隐患排查治理情况统计表, a line per
 * sector and the total, who generated and who signed it (and when), the notes; a second sheet lists the hazards behind
 * the figures as they were frozen. Without a signature it is marked 未签发.
 */
export async function reportWorkbook(db: Kysely<DB>, report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安稳';
  const ws = wb.addWorksheet('统计表', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const width = REPORT_COLUMNS.length + 1;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = report.title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value =
    `填报单位：${report.unitName}  统计期：${report.periodFrom}至${report.periodTo}  报送期限：${report.dueDate}${report.status === 'signed' ? '' : '  （未签发）'}`;
  // heading: a group cell over its columns, a column outside any group spans both rows
  const h1 = 3;
  const h2 = 4;
  ws.mergeCells(h1, 1, h2, 1);
  ws.getCell(h1, 1).value = '行业领域';
  let col = 2;
  while (col - 2 < REPORT_COLUMNS.length) {
    const c = REPORT_COLUMNS[col - 2]!;
    if (c.group === null) {
      ws.mergeCells(h1, col, h2, col);
      ws.getCell(h1, col).value = c.name;
      col += 1;
      continue;
    }
    const span = REPORT_COLUMNS.filter((x) => x.group === c.group).length;
    ws.mergeCells(h1, col, h1, col + span - 1);
    ws.getCell(h1, col).value = c.group;
    for (let i = 0; i < span; i++) ws.getCell(h2, col + i).value = REPORT_COLUMNS[col - 2 + i]!.name;
    col += span;
  }
  let r = h2 + 1;
  for (const row of report.rows) {
    ws.getCell(r, 1).value = row.name;
    REPORT_COLUMNS.forEach((c, i) => {
      const v = row.cells[c.key];
      const cell = ws.getCell(r, i + 2);
      cell.value = v === null ? '—' : c.kind === 'rate' ? v / 100 : v;
      if (c.kind === 'rate' && v !== null) cell.numFmt = '0.0%';
      if (c.kind === 'money') cell.numFmt = '0.00';
    });
    if (row.sectorId === null) ws.getRow(r).font = { bold: true };
    r += 1;
  }
  for (let y = h1; y < r; y++)
    for (let x = 1; x <= width; x++) {
      const cell = ws.getCell(y, x);
      cell.border = border;
      if (y <= h2) {
        cell.font = { bold: true };
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      }
    }
  ws.getColumn(1).width = 22;
  for (let x = 2; x <= width; x++) ws.getColumn(x).width = 12;
  r += 1;
  ws.getCell(r++, 1).value = `制表人：${report.generatedByName}  制表时间：${report.generatedAt.slice(0, 10)}`;
  ws.getCell(r++, 1).value = report.signedByName ? `签发人：${report.signedByName}  签发日期：${(report.signedAt ?? '').slice(0, 10)}` : '签发人：（未签发）';
  for (const note of report.notes) ws.getCell(r++, 1).value = `说明：${note}`;

  const items = wb.addWorksheet('隐患明细');
  items.columns = [
    { header: '隐患编号', width: 18 },
    { header: '隐患单位', width: 28 },
    { header: '行业领域', width: 18 },
    { header: '级别', width: 10 },
    { header: '隐患描述', width: 40 },
    { header: '发现日期', width: 12 },
    { header: '整改期限', width: 12 },
    { header: '期末已整改', width: 10 },
    { header: '挂牌督办', width: 10 },
    { header: '已上报', width: 10 },
    { header: '超期未整改', width: 10 },
    { header: '整改资金（元）', width: 14 },
  ];
  items.getRow(1).font = { bold: true };
  const rows = await db
    .selectFrom('hazard_stat_report_items as i')
    .innerJoin('hazards as h', 'h.id', 'i.hazard_id')
    .innerJoin('work_items as wi', 'wi.id', 'h.id')
    .innerJoin('safety_enterprises as e', 'e.id', 'h.enterprise_id')
    .innerJoin('safety_sectors as s', 's.id', 'i.sector_id')
    .select([
      'wi.ref_no',
      'e.name as enterprise',
      's.name as sector',
      'i.grade',
      'h.description',
      sql<string>`h.found_on::text`.as('found_on'),
      sql<string>`h.due_on::text`.as('due_on'),
      'i.rectified',
      'i.listed',
      'i.reported_up',
      'i.overdue',
      'i.funds',
    ])
    .where('i.report_id', '=', report.id)
    .orderBy('h.found_on')
    .orderBy('h.id')
    .execute();
  const yes = (b: boolean) => (b ? '是' : '否');
  for (const x of rows)
    items.addRow([
      x.ref_no,
      x.enterprise,
      x.sector,
      HAZARD_GRADES[x.grade],
      x.description,
      x.found_on,
      x.due_on,
      yes(x.rectified),
      x.grade === 'major' ? yes(x.listed) : '',
      x.grade === 'major' ? yes(x.reported_up) : '',
      yes(x.overdue),
      x.funds === null ? null : Number(x.funds),
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
