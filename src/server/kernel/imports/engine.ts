import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { checkXlsx, type XlsxLimits, type XlsxRefusal } from '../../core/excel/xlsx-guard.ts';
import { withoutUnsafeChars } from '../../core/files/file-name.ts';
import { cellText } from './cells.ts';
import type { ImportContext, ImportDeclaration, SheetRow } from './declaration.ts';

/** Rows of the template that carry the drop-downs and formats. */
const TEMPLATE_ROWS = 500;

export interface ImportReport {
  rows: { row: number; ok: boolean; errors: string[]; id?: number; no?: string }[];
  imported: number;
}

/**
 * What an import file may be, checked before the workbook is loaded (loading is what costs: every cell of every row in
 * memory): 5000 rows of a ledger are ~1 MB; a sheet may carry blank (formatted) rows beyond its data, so the rows
 * counted before loading are twice the rows the declaration imports — and never fewer than twice the template's own
 * formatted rows, so a small import's filled-in template passes (a 200-row 问题清单's template has 501 rows).
 */
export const importFileLimits = (decl: Pick<ImportDeclaration, 'maxRows'>): XlsxLimits => ({
  maxBytes: 10 * 1024 * 1024,
  maxUnzippedBytes: 100 * 1024 * 1024,
  maxRows: 2 * Math.max(decl.maxRows, TEMPLATE_ROWS),
});
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
function refusalText(decl: ImportDeclaration, limits: XlsxLimits, kind: XlsxRefusal['kind']): string {
  switch (kind) {
    case 'too-large':
      return `文件超过 ${mb(limits.maxBytes)} MB，请分批导入`;
    case 'unzipped-too-large':
      return `文件解压后超过 ${mb(limits.maxUnzippedBytes)} MB，请删除无关的工作表或图片，或分批导入`;
    case 'too-many-rows':
      return `工作表超过 ${limits.maxRows} 行（一次最多导入 ${decl.maxRows} 行），请删除多余的空行或分批导入`;
    default:
      return `无法读取该文件，请上传 .xlsx 格式的${decl.name}`;
  }
}

const fileError = (detail: string) => new AppError('VALIDATION_FAILED', { detail: `file：${detail}` }, { field: 'file' });

/** The import template: the columns (required ones marked *), drop-downs, cell formats and a 填写说明 sheet. */
export async function importTemplate(decl: ImportDeclaration): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安稳';
  const ws = wb.addWorksheet(decl.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = decl.columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  decl.columns.forEach((c, i) => {
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      const cell = ws.getCell(r, i + 1);
      if (c.choices) cell.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${c.choices.join(',')}"`] };
      if (c.format === 'date') cell.numFmt = 'yyyy-mm-dd';
      if (c.format === 'text') cell.numFmt = '@';
    }
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', width: 14 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of decl.columns) help.addRow([c.header, c.required ? '必填' : '', c.note]);
  help.addRow([]);
  help.addRow(['导入规则', '', decl.rules]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The declared sheet (or the first one): columns found by their header text, blank rows skipped. */
export async function readSheet(decl: ImportDeclaration, data: Buffer): Promise<SheetRow[]> {
  const limits = importFileLimits(decl);
  const refused = await checkXlsx(data, limits);
  if (refused) throw fileError(refusalText(decl, limits, refused.kind));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw fileError(refusalText(decl, limits, 'unreadable'));
  }
  const ws = wb.getWorksheet(decl.sheetName) ?? wb.worksheets[0];
  if (!ws) throw fileError('文件中没有工作表');
  const columnOf = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => {
    const header = cellText(cell.value).replace(/[*＊\s]/g, '');
    const c = decl.columns.find((x) => x.header === header);
    if (c) columnOf.set(c.key, n);
  });
  const missing = decl.columns.filter((c) => c.required && !columnOf.has(c.key)).map((c) => c.header);
  if (missing.length) throw fileError(`第 1 行缺少列：${missing.join('、')}（请使用导入模板）`);
  const rows: SheetRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Record<string, string> = {};
    for (const [key, n] of columnOf) cells[key] = cellText(row.getCell(n).value);
    if (Object.values(cells).every((v) => !v)) continue;
    rows.push({ row: r, cells });
  }
  if (rows.length === 0) throw fileError(`${decl.name}中没有数据行`);
  if (rows.length > decl.maxRows) throw fileError(`一次最多导入 ${decl.maxRows} 行，请分批导入`);
  return rows;
}

/**
 * Imports a file: validates EVERY row first; writes only when all are valid, in one transaction, row by row
 * (a later row sees the earlier ones), plus one audit event for the import. A row failing while written rolls
 * everything back and is named in the report.
 */
export async function runImport(db: Kysely<DB>, decl: ImportDeclaration, opts: ImportContext & { file: Buffer; filename?: string }): Promise<ImportReport> {
  const { user, actor, now } = opts;
  if (!decl.mayImport(user)) throw new AppError('FORBIDDEN');
  const checks = await decl.validate(db, await readSheet(decl, opts.file), { user, today: shanghaiDate(now) });
  const plain = (r: { row: number; ok: boolean; errors: string[] }) => ({ row: r.row, ok: r.ok, errors: r.errors });
  if (checks.some((r) => !r.ok)) return { rows: checks.map(plain), imported: 0 };

  let current = 0;
  try {
    const done = await db.transaction().execute(async (trx) => {
      const written: { id: number; no: string }[] = [];
      for (const r of checks) {
        current = r.row;
        written.push(await decl.write(trx, r.value, opts));
      }
      await appendAudit(trx, actor, {
        action: decl.auditAction,
        entityType: 'import',
        after: {
          import: decl.name,
          filename: opts.filename ? withoutUnsafeChars(opts.filename) : null,
          rows: written.length,
          numbers: written.map((x) => x.no),
        },
      });
      return written;
    });
    return { rows: checks.map((r, i) => ({ ...plain(r), ...done[i]! })), imported: done.length };
  } catch (err) {
    if (!(err instanceof AppError) || err.code === 'FORBIDDEN') throw err;
    return { rows: checks.map((r) => (r.row === current ? { row: r.row, ok: false, errors: [err.message] } : plain(r))), imported: 0 };
  }
}
