import { intakeBody, type IntakeBody } from '../intake-schema.ts';
import { isValidIdNumber, isValidPhone } from '../../../core/personal-data/index.ts';
import { CHANNEL_BY_NAME, IMPORT_COLUMNS, MATTER_BY_NAME, UPPER_LEVEL_BY_NAME, type ImportColumnKey } from './ledger-columns.ts';
import { parseDay, parseYesNo, type SheetRow } from '../../../kernel/imports/index.ts';

/** A sheet row as the kernel reads it; its cells are keyed by IMPORT_COLUMNS' keys. */
export type RawRow = SheetRow & { cells: Partial<Record<ImportColumnKey, string>> };
export interface Lookups {
  categories: { id: number; name: string; parentName: string | null }[];
  units: { id: number; name: string }[];
  today: string;
}
export interface RowReport {
  row: number;
  ok: boolean;
  errors: string[];
  body?: IntakeBody;
}

const HEADER_OF = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ImportColumnKey, string>;
const FIELD_HEADER: Record<string, string> = {
  channel: '渠道',
  visit: '人次',
  upper: '上级交办信息',
  matterType: '类型',
  categoryId: '问题类别',
  placeUnitId: '问题属地',
  title: '标题',
  content: '内容',
  petitioners: '信访人',
  anonymous: '匿名',
  receivedAt: '登记日期',
  urgency: '紧急',
};

/** One by name, or the reason why not (missing / ambiguous). */
function byName<T extends { id: number }>(items: T[], match: (t: T) => boolean, what: string, text: string): { id?: number; error?: string } {
  const found = items.filter(match);
  if (found.length === 1) return { id: found[0]!.id };
  return { error: found.length === 0 ? `${what}“${text}”不存在` : `${what}“${text}”不唯一，请写明上级（如“上级/${text}”）` };
}

/**
 * Pure: checks every row of a ledger (dates, channel, type, category and place by name, ID checksum, phone) and
 * builds the same POST /petitions body manual intake would send, validated by the same schema.
 */
export function validateRows(rows: RawRow[], lookups: Lookups): RowReport[] {
  return rows.map(({ row, cells }) => {
    const errors: string[] = [];
    const v = (k: ImportColumnKey) => (cells[k] ?? '').trim();
    for (const c of IMPORT_COLUMNS) if (c.required && !v(c.key)) errors.push(`${c.header}必填`);

    const day = v('receivedDate') ? parseDay(v('receivedDate')) : null;
    if (v('receivedDate') && !day) errors.push(`登记日期“${v('receivedDate')}”不是有效日期（应为 YYYY-MM-DD）`);
    else if (day && day > lookups.today) errors.push(`登记日期 ${day} 晚于今天`);

    const channel = v('channel') ? CHANNEL_BY_NAME[v('channel')] : undefined;
    if (v('channel') && !channel) errors.push(`渠道“${v('channel')}”无效（应为来信、来访、电话、网上、领导信箱或上级交办转送）`);
    const matterType = v('matterType') ? MATTER_BY_NAME[v('matterType')] : undefined;
    if (v('matterType') && !matterType) errors.push(`类型“${v('matterType')}”无效（应为建议意见类、检举控告类或申诉求决类）`);

    let categoryId: number | undefined;
    if (v('category')) {
      const [parent, name] = v('category').includes('/') ? (v('category').split('/', 2) as [string, string]) : [null, v('category')];
      const r = byName(lookups.categories, (c) => c.name === name.trim() && (parent === null || c.parentName === parent.trim()), '问题类别', v('category'));
      if (r.error) errors.push(r.error);
      categoryId = r.id;
    }
    let placeUnitId: number | undefined;
    if (v('place')) {
      const r = byName(lookups.units, (u) => u.name === v('place'), '问题属地', v('place'));
      if (r.error) errors.push(r.error);
      placeUnitId = r.id;
    }

    if (v('idNumber') && !isValidIdNumber(v('idNumber'))) errors.push(`身份证号“${v('idNumber')}”无效（位数、出生日期或校验码不正确）`);
    if (v('phone') && !isValidPhone(v('phone'))) errors.push(`联系电话“${v('phone')}”无效`);
    const yesNo = (k: ImportColumnKey) => {
      const b = parseYesNo(v(k));
      if (b === null) errors.push(`${HEADER_OF[k]}应填“是”或“否”`);
      return b ?? false;
    };
    const anonymous = yesNo('anonymous');
    const lawRelated = yesNo('lawRelated');
    const skippedLevel = yesNo('skippedLevel');
    const urgent = yesNo('urgent');
    let persons: number | undefined;
    if (v('persons')) {
      persons = Number(v('persons'));
      if (!Number.isInteger(persons) || persons < 1) errors.push(`人次“${v('persons')}”应为正整数`);
    }
    if (channel === 'visit' && !v('persons')) errors.push('来访须填写人次');
    let upper: IntakeBody['upper'];
    if (channel === 'upper') {
      const level = UPPER_LEVEL_BY_NAME[v('upperLevel')];
      const due = parseDay(v('upperDueDate'));
      if (!level) errors.push('上级交办转送须填写上级层级（国家、省或市）');
      if (!v('upperRefNo')) errors.push('上级交办转送须填写上级文号');
      if (!due) errors.push('上级交办转送须填写有效的上级期限（YYYY-MM-DD）');
      if (level && due && v('upperRefNo')) upper = { level: level as 'national' | 'province' | 'city', refNo: v('upperRefNo'), dueDate: due };
    }
    if (errors.length) return { row, ok: false, errors };

    const candidate = {
      channel,
      ...(channel === 'visit' ? { visit: { persons } } : {}),
      ...(upper ? { upper } : {}),
      anonymous,
      petitioners:
        anonymous || !v('name')
          ? []
          : [
              {
                name: v('name'),
                ...(v('idNumber') ? { idNumber: v('idNumber') } : {}),
                ...(v('phone') ? { phone: v('phone') } : {}),
                ...(v('address') ? { address: v('address') } : {}),
              },
            ],
      matterType,
      categoryId,
      placeUnitId,
      title: v('title'),
      content: v('content'),
      urgency: urgent ? 'urgent' : 'normal',
      // 登记日期 is a day: the petition counts as received at the start of that day in Beijing time
      receivedAt: `${day}T00:00:00+08:00`,
      skippedLevel,
      lawRelated,
    };
    const parsed = intakeBody.safeParse(candidate);
    if (!parsed.success) {
      return { row, ok: false, errors: parsed.error.issues.map((i) => `${FIELD_HEADER[String(i.path[0])] ?? String(i.path[0] ?? '')}：${i.message}`) };
    }
    return { row, ok: true, errors: [], body: parsed.data };
  });
}
