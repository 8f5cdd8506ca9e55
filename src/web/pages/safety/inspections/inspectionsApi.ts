import { apiClient, type ApiBody, type ApiOk, type ApiQuery } from '../../../api/typed.ts';
import { request } from '../../../api/client.ts';

export type PlanList = ApiOk<'/safety/inspections'>;
export type PlanRow = PlanList['items'][number];
export type PlanKind = PlanRow['kind'];
export type PlanDetail = ApiOk<'/safety/inspections/{id}'>;
export type TargetRow = PlanDetail['items'][number];
export type Checklist = ApiOk<'/safety/checklists'>['items'][number];
export type ChecklistBody = ApiBody<'/safety/checklists', 'post'>;
export type PlanBody = ApiBody<'/safety/inspections', 'post'>;
export type DrawBody = ApiBody<'/safety/inspections/draw', 'post'>;
export type Inspector = ApiOk<'/safety/inspectors'>['items'][number];
export type Tie = ApiOk<'/safety/inspection-ties'>['items'][number];
export type TieBody = ApiBody<'/safety/inspection-ties', 'post'>;
export type RecordView = ApiOk<'/safety/inspection-records/{id}'>;
export type RecordBody = ApiBody<'/safety/inspection-targets/{id}/record', 'post'>;
export type RecordAnswer = ApiOk<'/safety/inspection-targets/{id}/record', 'post'>;

export const KIND_NAMES: Record<PlanKind, string> = {
  general: '安全生产大检查',
  special: '专项整治',
  random: '双随机抽查',
  unannounced: '四不两直检查',
  covert: '督查暗访',
};
export const KIND_COLOR: Record<PlanKind, string> = { general: 'blue', special: 'purple', random: 'cyan', unannounced: 'orange', covert: 'volcano' };
/** plans whose targets stay hidden from the inspected enterprise and its township until they are recorded */
export const SECRET_KINDS: readonly PlanKind[] = ['unannounced', 'covert'];
export const TIE_OPTIONS: { value: Tie['tie']; label: string }[] = [
  { value: 'relative', label: '近亲属' },
  { value: 'former_employee', label: '曾在该单位任职' },
  { value: 'same_unit', label: '同一单位或利害关系' },
  { value: 'other', label: '其他应当回避的情形' },
];
export const RISK_OPTIONS = [
  { value: 'red', label: '红色（重大风险）' },
  { value: 'orange', label: '橙色（较大风险）' },
  { value: 'yellow', label: '黄色（一般风险）' },
  { value: 'blue', label: '蓝色（低风险）' },
] as const;

/** A fresh key for one record form: a resend of the same form saves once (the server answers with the saved record). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** 监督检查's calls over the generated API types. */
export const inspectionsApi = {
  plans: (query: ApiQuery<'/safety/inspections'>) => apiClient.get('/safety/inspections', { query }),
  plan: (id: number) => apiClient.get('/safety/inspections/{id}', { params: { id } }),
  createPlan: (body: PlanBody) => apiClient.post('/safety/inspections', { body }),
  draw: (body: DrawBody) => apiClient.post('/safety/inspections/draw', { body }),
  checklists: () => apiClient.get('/safety/checklists'),
  createChecklist: (body: ChecklistBody) => apiClient.post('/safety/checklists', { body }),
  saveChecklist: (id: number, body: ChecklistBody) => apiClient.put('/safety/checklists/{id}', { params: { id }, body }),
  inspectors: (q?: string) => apiClient.get('/safety/inspectors', { query: { q } }),
  ties: () => apiClient.get('/safety/inspection-ties'),
  addTie: (body: TieBody) => apiClient.post('/safety/inspection-ties', { body }),
  record: (id: number) => apiClient.get('/safety/inspection-records/{id}', { params: { id } }),
  submitRecord: (targetId: number, body: RecordBody, key: string) =>
    request<RecordAnswer>('POST', `/safety/inspection-targets/${targetId}/record`, { body, headers: { 'idempotency-key': key } }),
};

/** Same-origin links of a record's files and documents. */
export const recordLinks = {
  file: (recordId: number, fileId: number) => `/api/v1/safety/inspection-records/${recordId}/files/${fileId}`,
  recordDocx: (recordId: number) => `/api/v1/safety/inspection-records/${recordId}/record.docx`,
  orderDocx: (recordId: number) => `/api/v1/safety/inspection-records/${recordId}/order.docx`,
};

/** 未开始 / 检查中 / 已完成 / 逾期未完成 of a plan, by its period and how many targets are done. */
export function planStatus(p: Pick<PlanRow, 'periodFrom' | 'periodTo' | 'targets' | 'inspected'>, today: string): { label: string; color: string } {
  if (p.targets > 0 && p.inspected >= p.targets) return { label: '已完成', color: 'green' };
  if (today < p.periodFrom) return { label: '未开始', color: 'default' };
  if (today > p.periodTo) return { label: '逾期未完成', color: 'red' };
  return { label: '检查中', color: 'processing' };
}
