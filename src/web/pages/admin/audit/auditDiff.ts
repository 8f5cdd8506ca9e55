/** One changed field of an audit event: `key: old → new` (undefined = absent on that side). */
export interface DiffLine {
  key: string;
  before: unknown;
  after: unknown;
  change: 'added' | 'removed' | 'changed' | 'same';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Flattens before/after into field lines (nested objects as dotted keys), so a reader sees
 * "name: 龙蚕镇 → 龙蚕街道" instead of two JSON blobs. Unchanged fields are kept, marked 'same'.
 */
export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const lines: DiffLine[] = [];
  const walk = (prefix: string, b: unknown, a: unknown) => {
    if (isRecord(b) || isRecord(a)) {
      const bo = isRecord(b) ? b : {};
      const ao = isRecord(a) ? a : {};
      // a scalar replaced by an object (or the reverse) is one change, not a walk
      if ((b !== undefined && b !== null && !isRecord(b)) || (a !== undefined && a !== null && !isRecord(a))) {
        lines.push({ key: prefix || '(值)', before: b, after: a, change: 'changed' });
        return;
      }
      const keys = [...new Set([...Object.keys(bo), ...Object.keys(ao)])];
      for (const k of keys) walk(prefix ? `${prefix}.${k}` : k, bo[k], ao[k]);
      return;
    }
    const key = prefix || '(值)';
    if (b === undefined && a === undefined) return;
    if (b === undefined || b === null) lines.push({ key, before: b, after: a, change: a === undefined || a === null ? 'same' : 'added' });
    else if (a === undefined) lines.push({ key, before: b, after: a, change: 'removed' });
    else lines.push({ key, before: b, after: a, change: same(a, b) ? 'same' : 'changed' });
  };
  walk('', before ?? undefined, after ?? undefined);
  return lines;
}

/** A value as a reader sees it: strings bare, arrays joined, nothing as —. */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return v === '' ? '（空）' : v;
  if (Array.isArray(v)) return v.length === 0 ? '（无）' : v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
