import ExcelJS from 'exceljs';
import { AppError } from '../../../core/errors.ts';
import { checkXlsx, type XlsxLimits, type XlsxRefusal } from '../../../core/excel/xlsx-guard.ts';
import { cellText } from './cells.ts';
import { IMPORT_COLUMNS, type ImportColumnKey } from './ledger-columns.ts';
import type { RawRow } from './validate-rows.ts';

export const LEDGER_SHEET = '信访台账';
export const MAX_IMPORT_ROWS = 5000;
/**
 * What an import file may be, checked before the workbook is loaded: 5000 rows of the template are ~1 MB; a sheet may
 * carry blank (formatted) rows beyond its data, so the rows counted before loading are twice the rows imported.
 */
export const IMPORT_FILE_LIMITS: XlsxLimits = { maxBytes: 10 * 1024 * 1024, maxUnzippedBytes: 100 * 1024 * 1024, maxRows: 2 * MAX_IMPORT_ROWS };

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const refusalText: Record<XlsxRefusal['kind'], string> = {
  'too-large': `文件超过 ${mb(IMPORT_FILE_LIMITS.maxBytes)} MB，请分批导入`,
  unreadable: '无法读取该文件，请上传 .xlsx 格式的信访台账',
  'unzipped-too-large': `文件解压后超过 ${mb(IMPORT_FILE_LIMITS.maxUnzippedBytes)} MB，请删除无关的工作表或图片，或分批导入`,
  'too-many-rows': `工作表超过 ${IMPORT_FILE_LIMITS.maxRows} 行（一次最多导入 ${MAX_IMPORT_ROWS} 行），请删除多余的空行或分批导入`,
};

/** The import template: the columns (required ones marked *), drop-downs for 渠道/类型, and a 填写说明 sheet. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安稳';
  const ws = wb.addWorksheet(LEDGER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const list = (values: string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`] });
  const col = (key: ImportColumnKey) => IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1;
  for (let r = 2; r <= 501; r++) {
    ws.getCell(r, col('channel')).dataValidation = list(['来信', '来访', '电话', '网上', '领导信箱', '上级交办转送']);
    ws.getCell(r, col('matterType')).dataValidation = list(['建议意见类', '检举控告类', '申诉求决类']);
    ws.getCell(r, col('receivedDate')).numFmt = 'yyyy-mm-dd';
    ws.getCell(r, col('idNumber')).numFmt = '@';
    ws.getCell(r, col('phone')).numFmt = '@';
  }
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', width: 14 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.header, c.required ? '必填' : '', c.note]);
  help.addRow([]);
  help.addRow([
    '导入规则',
    '',
    '先逐行校验全部数据；只要有一行有误，整批都不导入，请按校验报告修改后重新上传。每行按登记程序入库：自动生成编号、查询码、标记和期限，并记入审计。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the ledger sheet (or the first one): columns found by their header text, blank rows skipped. */
export async function readLedger(data: Buffer): Promise<RawRow[]> {
  // size and rows first: loading is what costs (every cell of every row in memory)
  const refused = await checkXlsx(data, IMPORT_FILE_LIMITS);
  if (refused) throw new AppError('VALIDATION_FAILED', { detail: `file：${refusalText[refused.kind]}` }, { field: 'file' });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION_FAILED', { detail: `file：${refusalText.unreadable}` }, { field: 'file' });
  }
  const ws = wb.getWorksheet(LEDGER_SHEET) ?? wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION_FAILED', { detail: 'file：文件中没有工作表' }, { field: 'file' });
  const columnOf = new Map<ImportColumnKey, number>();
  ws.getRow(1).eachCell((cell, n) => {
    const header = cellText(cell.value).replace(/[*＊\s]/g, '');
    const c = IMPORT_COLUMNS.find((x) => x.header === header);
    if (c) columnOf.set(c.key, n);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columnOf.has(c.key)).map((c) => c.header);
  if (missing.length) throw new AppError('VALIDATION_FAILED', { detail: `file：第 1 行缺少列：${missing.join('、')}（请使用导入模板）` }, { field: 'file' });
  const rows: RawRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: RawRow['cells'] = {};
    for (const [key, n] of columnOf) cells[key] = cellText(row.getCell(n).value);
    if (Object.values(cells).every((v) => !v)) continue;
    rows.push({ row: r, cells });
  }
  if (rows.length === 0) throw new AppError('VALIDATION_FAILED', { detail: 'file：台账中没有数据行' }, { field: 'file' });
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError('VALIDATION_FAILED', { detail: `file：一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入` }, { field: 'file' });
  return rows;
}
