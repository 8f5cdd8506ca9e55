import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../core/errors.ts';
import { importFileLimits, readSheet } from '../../../kernel/imports/index.ts';
import { IMPORT_COLUMNS } from './ledger-columns.ts';
import { PETITION_LEDGER_IMPORT } from './ledger-import.ts';

const LEDGER_SHEET = PETITION_LEDGER_IMPORT.sheetName;
const MAX_IMPORT_ROWS = PETITION_LEDGER_IMPORT.maxRows;
const IMPORT_FILE_LIMITS = importFileLimits(PETITION_LEDGER_IMPORT);
const readLedger = (file: Buffer) => readSheet(PETITION_LEDGER_IMPORT, file);

/** A ledger in the template's columns with `rows` data rows (streamed out: fast even at ten thousand rows). */
async function ledgerOf(rows: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const ws = wb.addWorksheet(LEDGER_SHEET);
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) ws.addRow(['2026-03-02', '来信', '申诉求决类', '拖欠工资', '龙蚕镇', '拖欠工资', '工地拖欠工资三个月。', '张三']).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const refusal = async (file: Buffer) => {
  const err = await readLedger(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe('the Excel import checks size and row count before loading the workbook', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a sheet with one row over the limit is refused without the workbook being loaded, naming the limit', async () => {
    const file = await ledgerOf(IMPORT_FILE_LIMITS.maxRows); // + the header row: one over
    const load = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    const err = await refusal(file);
    expect(err.data).toEqual({ field: 'file' });
    expect(err.message).toContain(`工作表超过 ${IMPORT_FILE_LIMITS.maxRows} 行（一次最多导入 ${MAX_IMPORT_ROWS} 行）`);
    expect(load).not.toHaveBeenCalled();
  });

  it('a file over the size limit is refused before it is read, naming the limit', async () => {
    const load = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    const err = await refusal(Buffer.alloc(IMPORT_FILE_LIMITS.maxBytes + 1));
    expect(err.message).toContain('文件超过 10 MB');
    expect(load).not.toHaveBeenCalled();
  });

  it('a ledger within the limits is still read', async () => {
    const rows = await readLedger(await ledgerOf(3));
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
  });
});
