import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import { exportFileName, exportList, type ExportColumn } from './list-export.ts';

interface Row {
  no: string;
  due: string | null;
  at: string;
  n: number;
  done: boolean;
}
const columns: ExportColumn<Row>[] = [
  { header: '编号', value: (r) => r.no },
  { header: '期限', kind: 'day', value: (r) => r.due },
  { header: '时间', kind: 'time', value: (r) => r.at },
  { header: '数量', kind: 'number', value: (r) => r.n },
  { header: '办结', value: (r) => r.done },
];
const rows: Row[] = Array.from({ length: 7 }, (_, i) => ({
  no: `R${i + 1}`,
  due: i === 0 ? null : `2026-03-0${i}`,
  at: '2026-03-01T16:30:00.000Z',
  n: i,
  done: i % 2 === 0,
}));
const pages = (all: Row[]) => async (page: number, pageSize: number) => ({ items: all.slice((page - 1) * pageSize, page * pageSize), total: all.length });

async function read(stream: Readable): Promise<ExcelJS.Worksheet> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

describe('exportList: one sheet from column definitions, pulled page by page', () => {
  it('writes every row across pages in order, header bold and frozen, days and times as Excel dates', async () => {
    const ws = await read(await exportList({ sheetName: '测试清单', columns, fetchPage: pages(rows), pageSize: 3 }));
    expect(ws.name).toBe('测试清单');
    expect(ws.getRow(1).values).toEqual([undefined, '编号', '期限', '时间', '数量', '办结']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // an Excel filter on every heading
    expect(ws.autoFilter).toBe('A1:E1');
    expect(ws.rowCount).toBe(8);
    expect(Array.from({ length: 7 }, (_, i) => ws.getCell(i + 2, 1).value)).toEqual(rows.map((r) => r.no));
    expect(ws.getCell(2, 2).value).toBeNull();
    expect(ws.getCell(3, 2).value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(ws.getCell(3, 2).numFmt).toBe('yyyy-mm-dd');
    // 16:30 UTC is 00:30 next day in Shanghai: the wall-clock time is what the cell shows
    expect(ws.getCell(2, 3).value).toEqual(new Date('2026-03-02T00:30:00Z'));
    expect(ws.getCell(2, 4).value).toBe(0);
    expect([ws.getCell(2, 5).value, ws.getCell(3, 5).value]).toEqual(['是', '否']);
  });

  it('an empty list is a header-only sheet', async () => {
    const ws = await read(await exportList({ sheetName: '空', columns, fetchPage: pages([]) }));
    expect(ws.rowCount).toBe(1);
  });

  it('refuses, before writing anything, a list longer than the cap with EXPORT_TOO_LARGE naming the count', async () => {
    await expect(exportList({ sheetName: 'x', columns, fetchPage: pages(rows), maxRows: 6 })).rejects.toMatchObject({
      code: 'EXPORT_TOO_LARGE',
      params: { total: 7, max: 6 },
    });
    const ws = await read(await exportList({ sheetName: 'x', columns, fetchPage: pages(rows), maxRows: 7, pageSize: 2 }));
    expect(ws.rowCount).toBe(8);
  });

  it('names files <list name>_<YYYY-MM-DD>.xlsx', () => {
    expect(exportFileName('积案台账', '2026-03-10')).toBe('积案台账_2026-03-10.xlsx');
  });
});
