import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';

/** The most rows one list export writes; beyond it the user is asked to narrow the filters. */
export const MAX_EXPORT_ROWS = 50_000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * One column of an exported list. `kind` decides how the cell is written:
 *  - 'day': a 'YYYY-MM-DD' string becomes a real Excel date (sortable, filterable in Excel);
 *  - 'time': an ISO instant becomes an Excel date-time in Asia/Shanghai wall-clock time
 *    (Excel cells carry no zone, so the value is shifted by +8 h and written as such);
 *  - 'text' / 'number': as given.
 */
export interface ExportColumn<T> {
  header: string;
  width?: number;
  kind?: 'text' | 'number' | 'day' | 'time';
  value: (row: T) => string | number | boolean | null | undefined;
}

/** Fetches one page of the list (the list's own scoped query), 1-based. */
export type FetchPage<T> = (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function cell<T>(col: ExportColumn<T>, row: T): ExcelJS.CellValue {
  const v = col.value(row);
  if (v === null || v === undefined || v === '') return null;
  if (col.kind === 'day' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
  if (col.kind === 'time' && typeof v === 'string') {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? v : new Date(ms + SHANGHAI_OFFSET_MS);
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v;
}

/**
 * Exports a list to a one-sheet .xlsx stream: bold zh-CN header row, column widths, frozen header,
 * dates as dates. Pages are pulled through the list's own query (same filters, sort, scope) and
 * committed row by row through exceljs' streaming writer, so memory stays flat. The first page is
 * read before anything is sent: a list longer than MAX_EXPORT_ROWS fails with EXPORT_TOO_LARGE as a
 * normal HTTP error instead of a truncated file.
 */
export async function exportList<T>(opts: {
  sheetName: string;
  columns: ExportColumn<T>[];
  fetchPage: FetchPage<T>;
  pageSize?: number;
  maxRows?: number;
}): Promise<PassThrough> {
  const pageSize = opts.pageSize ?? 200;
  const max = opts.maxRows ?? MAX_EXPORT_ROWS;
  const first = await opts.fetchPage(1, pageSize);
  if (first.total > max) throw new AppError('EXPORT_TOO_LARGE', { total: first.total, max });

  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '安稳';
  const ws = wb.addWorksheet(opts.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = opts.columns.map((c) => ({
    header: c.header,
    width: c.width ?? 14,
    style: c.kind === 'day' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'time' ? { numFmt: 'yyyy-mm-dd hh:mm' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  // every list export opens with its heading frozen and an Excel filter on each column
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: opts.columns.length } };
  ws.getRow(1).commit();

  void (async () => {
    let written = 0;
    let items = first.items;
    for (let page = 1; ;) {
      for (const it of items) {
        if (written >= max) break;
        ws.addRow(opts.columns.map((c) => cell(c, it))).commit();
        written++;
      }
      // a list that grew while exporting is cut at the cap rather than running on
      if (items.length < pageSize || written >= max) break;
      page++;
      items = (await opts.fetchPage(page, pageSize)).items;
      if (items.length === 0) break;
    }
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** `<list name>_<YYYY-MM-DD>.xlsx`, the name every list export downloads as. */
export const exportFileName = (listName: string, today: string): string => `${listName}_${today}.xlsx`;
