import ExcelJS from 'exceljs';
import type { ActionItemView } from './read.ts';

/** The 问题清单 as an Excel sheet (the rows the user sees), with a heading naming the action and the day. */
export async function itemsWorkbook(actionName: string, today: string, items: readonly ActionItemView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安稳';
  const ws = wb.addWorksheet('问题清单');
  ws.addRow([`${actionName} 问题清单（截至 ${today}）`]).font = { bold: true, size: 14 };
  const header = ['序号', '编号', '问题', '责任单位', '包案领导', '化解时限', '销号标准', '办理状态', '超期天数', '关联事项', '关联事项状态'];
  ws.addRow(header).font = { bold: true };
  for (const i of items)
    ws.addRow([
      i.seq,
      i.refNo,
      i.title,
      i.unitName,
      i.leaderName ?? '',
      i.dueDate,
      i.standard,
      i.statusName,
      i.overdueDays || '',
      i.linked ? `${i.linked.moduleName} ${i.linked.refNo}` : '',
      i.linked?.stateName ?? '',
    ]);
  [6, 22, 40, 16, 10, 12, 30, 14, 10, 28, 14].forEach((w, n) => (ws.getColumn(n + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
