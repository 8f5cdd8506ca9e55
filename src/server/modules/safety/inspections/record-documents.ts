import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { buildOfficialDocx, formatChineseDate } from '../../../core/documents/index.ts';
import { PLAN_KIND_ZH, targetVisibleSql } from './plans.ts';

const OUTCOME_ZH = { pass: '符合', fail: '不符合', na: '不适用' } as const;
const GRADE_ZH = { general: '一般事故隐患', major: '重大事故隐患' } as const;

interface StoredResult {
  itemId: number;
  outcome: 'pass' | 'fail' | 'na';
  content: string;
  basis: string;
  finding?: string;
  grade?: 'general' | 'major';
  location?: string;
  dueOn?: string;
}

export interface RecordView {
  id: number;
  recordNo: string;
  orderNo: string | null;
  planTitle: string;
  planKind: string;
  enterpriseName: string;
  inspectingUnit: string;
  issuerMark: string | null;
  inspector: string;
  inspectors: string[];
  inspectedAt: string;
  latitude: number | null;
  longitude: number | null;
  remarks: string | null;
  partyName: string | null;
  results: { content: string; basis: string; outcome: string; finding: string | null }[];
  files: { id: number; kind: 'photo' | 'inspector_signature' | 'party_signature'; size: number }[];
  hazards: { id: number; refNo: string; description: string; dueOn: string }[];
}

/** One inspection record, read through the targets' visibility rule (404 otherwise). */
export async function getRecord(db: Kysely<DB>, user: SessionUser, id: number): Promise<RecordView & { raw: StoredResult[] }> {
  const r = await db
    .selectFrom('safety_inspection_records as r')
    .innerJoin('safety_inspection_targets as t', 't.id', 'r.target_id')
    .innerJoin('safety_inspection_plans as p', 'p.id', 't.plan_id')
    .innerJoin('safety_enterprises as e', 'e.id', 't.enterprise_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('document_issuers as d', 'd.unit_id', 'u.id')
    .innerJoin('users as iu', 'iu.id', 'r.inspector_id')
    .select([
      'r.id',
      'r.record_no',
      'r.order_no',
      'p.title',
      'p.kind',
      'e.name as enterprise_name',
      'u.name as unit_name',
      'd.mark',
      'iu.display_name as inspector',
      't.inspector_ids',
      'r.inspected_at',
      'r.latitude',
      'r.longitude',
      'r.remarks',
      'r.party_name',
      'r.results',
    ])
    .where('r.id', '=', id)
    .where(targetVisibleSql(user))
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  const [inspectors, files, hazards] = await Promise.all([
    db
      .selectFrom('users')
      .select('display_name')
      .where('id', 'in', r.inspector_ids.length ? r.inspector_ids : [0])
      .orderBy('id')
      .execute(),
    db.selectFrom('safety_inspection_files').select(['id', 'kind', 'size']).where('record_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('hazards as h')
      .innerJoin('work_items as w', 'w.id', 'h.id')
      .select(['h.id', 'w.ref_no', 'h.description', 'h.due_on', 'h.grade', 'h.checklist_item', 'h.basis', 'h.location'])
      .where('h.inspection_record_id', '=', id)
      .orderBy('h.id')
      .execute(),
  ]);
  const raw = r.results as StoredResult[];
  return {
    id: Number(r.id),
    recordNo: r.record_no,
    orderNo: r.order_no,
    planTitle: r.title,
    planKind: PLAN_KIND_ZH[r.kind],
    enterpriseName: r.enterprise_name,
    inspectingUnit: r.unit_name,
    issuerMark: r.mark,
    inspector: r.inspector,
    inspectors: inspectors.map((i) => i.display_name),
    inspectedAt: r.inspected_at.toISOString(),
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    remarks: r.remarks,
    partyName: r.party_name,
    results: raw.map((x) => ({ content: x.content, basis: x.basis, outcome: OUTCOME_ZH[x.outcome], finding: x.finding ?? null })),
    files: files.map((f) => ({ id: Number(f.id), kind: f.kind, size: f.size })),
    hazards: hazards.map((h) => ({ id: Number(h.id), refNo: h.ref_no, description: h.description, dueOn: h.due_on })),
    raw,
  };
}

const timeText = (iso: string) => {
  const d = new Date(iso);
  const hm = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${formatChineseDate(shanghaiDate(d))}${hm}`;
};

/** 现场检查记录 (GB/T 9704 layout, numbered): the items checked with their results and 判定依据, who checked, who signed. */
export async function inspectionRecordDocx(view: RecordView & { raw: StoredResult[] }): Promise<Buffer> {
  const body = [
    `检查时间：${timeText(view.inspectedAt)}`,
    `被检查单位：${view.enterpriseName}`,
    `检查单位：${view.inspectingUnit}（${view.planKind}：${view.planTitle}）`,
    `检查人员：${view.inspectors.join('、')}`,
    ...(view.latitude !== null && view.longitude !== null ? [`检查位置：北纬${view.latitude.toFixed(5)}°，东经${view.longitude.toFixed(5)}°`] : []),
    '一、检查情况',
    ...view.raw.map(
      (x, i) =>
        `${i + 1}. ${x.content}：${OUTCOME_ZH[x.outcome]}${x.outcome === 'fail' && x.finding ? `。发现问题：${x.finding}（判定依据：${x.basis}）` : ''}`,
    ),
    ...(view.remarks ? ['二、其他情况', view.remarks] : []),
    `${view.remarks ? '三' : '二'}、处理意见`,
    view.orderNo ? `发现事故隐患 ${view.hazards.length} 项，已下达《责令限期整改指令书》（${view.orderNo}）。` : '本次检查未发现事故隐患。',
    `检查人员签名：${view.inspectors.join('、')}（电子签名已存档）`,
    `被检查单位负责人签名：${view.partyName ?? '（拒绝签字，情况已记录）'}`,
  ];
  return buildOfficialDocx({
    issuerMark: view.issuerMark ?? undefined,
    number: view.recordNo,
    title: '安全生产现场检查记录',
    body,
    signature: view.inspectingUnit,
    date: shanghaiDate(new Date(view.inspectedAt)),
  });
}

/** 责令限期整改指令书 (numbered): the hazards found, each with its 判定依据 and 整改期限. */
export async function rectificationOrderDocx(view: RecordView & { raw: StoredResult[] }): Promise<Buffer> {
  if (!view.orderNo) throw new AppError('DOCUMENT_NOT_APPLICABLE', { name: '责令限期整改指令书', detail: '本次检查未发现事故隐患' });
  const failed = view.raw.filter((x) => x.outcome === 'fail');
  return buildOfficialDocx({
    issuerMark: view.issuerMark ?? undefined,
    number: view.orderNo,
    title: '责令限期整改指令书',
    addressee: view.enterpriseName,
    body: [
      `经查，你单位存在下列问题（现场检查记录：${view.recordNo}）：`,
      ...failed.map(
        (x, i) =>
          `${i + 1}. ${x.finding ?? x.content}${x.location ? `（部位：${x.location}）` : ''}，属${GRADE_ZH[x.grade ?? 'general']}。判定依据：${x.basis}。整改期限：${x.dueOn ? formatChineseDate(x.dueOn) : ''}前。`,
      ),
      '依据《中华人民共和国安全生产法》第六十五条第一款第三项的规定，现责令你单位于上述期限前整改完毕，并将整改情况书面报告本机关。整改期间，应当采取措施，保证安全。',
      '如不服本指令，可以依法申请行政复议或者提起行政诉讼。',
    ],
    signature: view.inspectingUnit,
    date: shanghaiDate(new Date(view.inspectedAt)),
  });
}
