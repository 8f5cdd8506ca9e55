import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkXlsx } from './xlsx-guard.ts';

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表一');
  ws.addRow(['标题', '内容']);
  for (let i = 1; i < rows; i++) ws.addRow([`第 ${i} 行`, '工地拖欠工资三个月，请求协调解决。']);
  wb.addWorksheet('说明').addRow(['说明']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const limits = { maxBytes: 1024 * 1024, maxUnzippedBytes: 10 * 1024 * 1024, maxRows: 3000 };

describe('an .xlsx is checked before it is loaded', () => {
  it('counts every worksheet row while inflating, exactly (tags split between chunks included)', async () => {
    const file = await workbook(3000);
    expect(await checkXlsx(file, limits)).toBeNull();
    expect(await checkXlsx(file, { ...limits, maxRows: 2999 })).toEqual({ kind: 'too-many-rows' });
  });

  it('refuses a file over its size, a file that is no zip, and a zip whose parts inflate beyond what it declares', async () => {
    expect(await checkXlsx(Buffer.alloc(limits.maxBytes + 1), limits)).toEqual({ kind: 'too-large' });
    expect(await checkXlsx(Buffer.from('not a workbook at all, just text'), limits)).toEqual({ kind: 'unreadable' });
    const file = await workbook(200);
    expect(await checkXlsx(file, { ...limits, maxUnzippedBytes: 1000 })).toEqual({ kind: 'unzipped-too-large' });
    // the central directory lies about the first worksheet's size: found while inflating
    const lying = Buffer.from(file);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = lying.indexOf(name); at >= 0; at = lying.indexOf(name, at + 1))
      if (lying.readUInt32LE(at - 46) === 0x02014b50) lying.writeUInt32LE(100, at - 46 + 24);
    expect(await checkXlsx(lying, limits)).toEqual({ kind: 'unzipped-too-large' });
  });
});
