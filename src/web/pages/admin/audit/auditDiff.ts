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

/** The audit event as the server now sends it: unit names beside the ids. */
export type AuditEventNamed = import('../../../api/types.ts').AuditEvent & { actorUnitName?: string | null; unitNames?: Record<string, string> };

const UNIT_KEY = /(^|_|[a-z])(unit_?ids?|unitIds?)$/i;
const UNIT_PATH = /^(\/\d{1,15})+\/$/;

/**
 * A field value with the unit names the server resolved: `ownerUnitId: 42` reads "青山县信访局（#42）",
 * a unit path reads "青山县 / 龙蚕镇"; other fields are shown as they are.
 */
export function showNamedValue(key: string, v: unknown, unitNames: Record<string, string> = {}): string {
  const last = key.split('.').pop() ?? key;
  const name = (id: unknown) => {
    const n = unitNames[String(id)];
    return n ? `${n}（#${String(id)}）` : showValue(id);
  };
  if (UNIT_KEY.test(last) || last === 'parentId')
    return Array.isArray(v) ? (v.length ? v.map(name).join('、') : '（无）') : v === undefined || v === null ? '—' : name(v);
  if (/path$/i.test(last) && typeof v === 'string' && UNIT_PATH.test(v)) {
    const ids = v.split('/').filter(Boolean);
    if (ids.every((i) => unitNames[i])) return ids.map((i) => unitNames[i]).join(' / ');
  }
  return showValue(v);
}
