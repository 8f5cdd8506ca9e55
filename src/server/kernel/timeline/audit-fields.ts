/**
 * The fields of an audited record as people read them, for the audit viewer's expanded row: each field by its
 * Chinese name (the kernel's words, the module's through its descriptor, else the input fields' names), each
 * value in words (ids by name, dates and times in Beijing time, codes by their names). Whatever has no name or
 * no readable value goes to `technical`, which the viewer folds under 技术细节 for whoever checks the raw record.
 */
import type { ModuleCatalog } from '../catalog/index.ts';
import { FIELD_LABELS } from '../../core/http/zod-messages.ts';
import { roleName } from '../../core/access/roles.ts';
import { describeParties, FIELD_ZH, STATUS_ZH, UNIT_ZH } from './labels.ts';
import { idKindOf, NO_NAMES, type NameBook } from './names.ts';

export type FieldChange = 'added' | 'removed' | 'changed' | 'same';

export interface AuditField {
  /** the field's path in the record (a key for the screen's list, never shown) */
  path: string;
  label: string;
  before: string | null;
  after: string | null;
  change: FieldChange;
}

export interface TechnicalField {
  path: string;
  before: string | null;
  after: string | null;
  change: FieldChange;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);
const CODE = /^[a-z][a-z0-9_.]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** '2026-03-05T02:10:00Z' → '2026-03-05 10:10' (Beijing time). */
export function instantZh(iso: string): string | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const p = Object.fromEntries(TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** Wrappers that only carry other fields (a petition action's `input`): their fields read under their own names. */
const WRAPPERS = new Set(['input', 'after', 'before', 'changes', 'patch']);

type Pick2 = Pick<ModuleCatalog, 'fieldWord' | 'auditStateName'>;

/** Names of the kernel's own audited fields (督办, parties, clocks) beside the timeline's FIELD_ZH. */
const KERNEL_FIELD_ZH: Record<string, string> = {
  leadUnitId: '主办单位',
  assistUnitIds: '协办单位',
  territorialUnitId: '属地单位',
  approverUserId: '批准人',
  reviewOf: '原信访件',
  parties: '责任单位',
  replyDue: '回复期限',
  automatic: '自动督办',
  province: '适用地区',
  username: '用户名',
};

/** Values of the kernel's own coded fields. */
const KERNEL_VALUE_ZH: Record<string, Record<string, string>> = {
  level: { county: '县级', township: '乡级', approaching: '临期', overdue: '超期', severe: '严重超期' },
};

function labelOf(modules: Pick2, action: string, key: string): string | undefined {
  // the module's own word first: it knows what its record means (a 信访 延期's amount is 延长期限, not 数量)
  return modules.fieldWord(action, key)?.label ?? FIELD_ZH[key] ?? KERNEL_FIELD_ZH[key] ?? FIELD_LABELS[key];
}

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

/** One value in words, or null when it has none (an object, a bare code nobody named). */
function valueOf(modules: Pick2, action: string, key: string, v: unknown, names: NameBook): string | null {
  if (key === 'province' && v === '') return '全国';
  if (v === null || v === undefined || v === '') return '空';
  const word = modules.fieldWord(action, key);
  if (word?.value) return word.value(v);
  const kind = idKindOf(key);
  if (kind) {
    const one = (x: unknown) => names[kind](x) ?? '（已删除）';
    return Array.isArray(v) ? (v.length ? v.map(one).join('、') : '无') : one(v);
  }
  // a reference to another record nobody can name here (noticeId, categoryId …) is bookkeeping: technical
  if (/Id$/.test(key)) return null;
  if (key === 'parties') return describeParties(v, names) || '无';
  if (key === 'roles' && Array.isArray(v))
    return v.length ? v.map((r) => (roleName(String(r)) === String(r) ? '其他角色' : roleName(String(r)))).join('、') : '无';
  if (key === 'province' && v === '') return '全国';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'string') {
    if (key === 'state') return modules.auditStateName(action, v) ?? null;
    if (key === 'status') return STATUS_ZH[v] ?? null;
    if (key === 'unit') return UNIT_ZH[v] ?? null;
    if (KERNEL_VALUE_ZH[key]) return KERNEL_VALUE_ZH[key][v] ?? null;
    if (DATE.test(v)) return v;
    if (INSTANT.test(v)) return instantZh(v);
    if (CODE.test(v) && key !== 'code' && key !== 'username') return null;
    return clip(v);
  }
  if (Array.isArray(v)) {
    const parts = v.map((x) => (isPlain(x) || Array.isArray(x) ? null : valueOf(modules, action, key, x, names)));
    return parts.every((p) => p !== null) ? (parts.length ? parts.join('、') : '无') : null;
  }
  return null;
}

const raw = (v: unknown): string | null => (v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** The record's fields, before and after, named and in words; the rest as technical detail. */
export function auditFields(
  modules: Pick2,
  action: string,
  before: unknown,
  after: unknown,
  names: NameBook = NO_NAMES,
): { fields: AuditField[]; technical: TechnicalField[] } {
  const fields: AuditField[] = [];
  const technical: TechnicalField[] = [];
  const changeOf = (b: unknown, a: unknown): FieldChange =>
    b === undefined || b === null
      ? a === undefined || a === null
        ? 'same'
        : 'added'
      : a === undefined
        ? 'removed'
        : JSON.stringify(a) === JSON.stringify(b)
          ? 'same'
          : 'changed';

  const walk = (path: string, parentLabel: string | undefined, key: string, b: unknown, a: unknown) => {
    const label = labelOf(modules, action, key);
    const hasWord = !!modules.fieldWord(action, key)?.value || key === 'parties';
    // a nested record without a word of its own is read field by field (flags.collective → 标记·集体访)
    if (!hasWord && (isPlain(b) || isPlain(a)) && (b === undefined || b === null || isPlain(b)) && (a === undefined || a === null || isPlain(a))) {
      const bo = isPlain(b) ? b : {};
      const ao = isPlain(a) ? a : {};
      const prefix = WRAPPERS.has(key) ? parentLabel : label ? (parentLabel ? `${parentLabel}·${label}` : label) : undefined;
      const known = WRAPPERS.has(key) || label !== undefined;
      for (const k of new Set([...Object.keys(bo), ...Object.keys(ao)])) {
        const sub = path ? `${path}.${k}` : k;
        if (known) walk(sub, prefix, k, bo[k], ao[k]);
        else technical.push({ path: sub, before: raw(bo[k]), after: raw(ao[k]), change: changeOf(bo[k], ao[k]) });
      }
      return;
    }
    const change = changeOf(b, a);
    const from = b === undefined ? null : valueOf(modules, action, key, b, names);
    const to = a === undefined ? null : valueOf(modules, action, key, a, names);
    const unreadable = (b !== undefined && from === null) || (a !== undefined && to === null);
    if (!label || unreadable) {
      technical.push({ path, before: raw(b), after: raw(a), change });
      return;
    }
    fields.push({ path, label: parentLabel ? `${parentLabel}·${label}` : label, before: from, after: to, change });
  };

  const bo = isPlain(before) ? before : before === null || before === undefined ? {} : { 值: before };
  const ao = isPlain(after) ? after : after === null || after === undefined ? {} : { 值: after };
  for (const k of new Set([...Object.keys(bo), ...Object.keys(ao)])) walk(k, undefined, k, bo[k], ao[k]);
  return { fields, technical };
}
