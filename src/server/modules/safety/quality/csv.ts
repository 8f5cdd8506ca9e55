/** A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF or LF, UTF-8 BOM): rows as header → value. */
export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  const header = (records.shift() ?? []).map((h) => h.trim());
  const rows = records
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])) as Record<string, string>);
  return { header, rows };
}

/** A checklist heading without its numbering: “（一）消防检查” → “消防检查”. */
export function categoryName(level2: string): string {
  return level2
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^[(（][一二三四五六七八九十]+[)）]/, '')
    .trim();
}
