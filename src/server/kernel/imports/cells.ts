import type ExcelJS from 'exceljs';

/** A cell's value as plain text (rich text, hyperlinks and formula results flattened; dates as YYYY-MM-DD). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return excelDate(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  }
  return '';
}

/** Excel dates carry no zone: exceljs hands them over as UTC midnight of the typed day. */
export function excelDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D' or 'YYYY年M月D日' → 'YYYY-MM-DD' when it is a real day, else null. */
export function parseDay(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export function parseYesNo(text: string): boolean | null {
  if (text === '' || text === '否' || text === '0' || text.toLowerCase() === 'false') return false;
  if (text === '是' || text === '1' || text.toLowerCase() === 'true') return true;
  return null;
}
