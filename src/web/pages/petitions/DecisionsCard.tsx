import { Card, Descriptions, Typography } from 'antd';
import { ENUM_LABELS, FIELD_LABELS } from '../../components/action-form/fieldLabels.ts';

const DECISION_LABELS: Record<string, string> = {
  acceptance: '受理决定',
  accepted: '受理',
  acceptedAt: '受理时间',
  acceptedOn: '受理日期',
  rejection: '不予受理',
  transfer: '转送',
  reply: '处理意见书',
  outcome: '处理结果',
  delivery: '送达',
  deliveredOn: '送达日期',
  deliveredAt: '送达日期',
  evaluation: '评价',
  evaluatedAt: '评价时间',
  refusal: '不再受理',
  objection: '退回',
  objectionDecision: '退回处理',
  assignment: '交办',
  extensions: '延期',
  newDueDate: '延期后届满日',
  legalRoutes: '告知的法定途径',
  reviewApplication: '复查/复核申请',
  closure: '办结',
  refuseAgain: '不再受理',
  withdrawal: '撤回',
  closedAt: '办结时间',
  terminatedAt: '终结时间',
  by: '经办人',
  byName: '经办人',
  at: '时间',
  on: '日期',
  unitName: '单位',
};

const label = (k: string) => (/^#\d+$/.test(k) ? `第${k.slice(1)}次` : (DECISION_LABELS[k] ?? FIELD_LABELS[k] ?? k));

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return v.slice(0, 16).replace('T', ' ');
  if (Array.isArray(v)) return v.map(show).join('；');
  // a recorded code reads in Chinese; free text (facts, notes) as written
  if (typeof v === 'string') return ENUM_LABELS[v] ?? v;
  return String(v);
}

/** Flattens {reply: {outcome, facts}} to rows "处理意见书 · 处理结果". */
function rows(value: unknown, prefix: string[] = []): { key: string; label: string; text: string }[] {
  // a list of records (e.g. each 延期 granted) reads as numbered groups, not "[object Object]"
  if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    return value.flatMap((v, i) => rows(v, value.length > 1 ? [...prefix, `#${i + 1}`] : prefix));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [{ key: prefix.join('.'), label: prefix.map(label).join(' · '), text: show(value) }];
  }
  return Object.entries(value as Record<string, unknown>)
    .filter(([k, v]) => v !== null && v !== undefined && !/Id$|^id$/.test(k))
    .flatMap(([k, v]) => rows(v, [...prefix, k]));
}

/** 决定: acceptance, reply outcome, delivery, evaluation … as the server records them. */
export function DecisionsCard({ decisions }: { decisions: Record<string, unknown> | null | undefined }) {
  const list = decisions ? rows(decisions).filter((r) => r.key) : [];
  return (
    <Card size="small" title="决定与答复" style={{ marginBottom: 16 }} data-testid="decisions-card">
      {list.length === 0 ? (
        <Typography.Text type="secondary">尚无决定。</Typography.Text>
      ) : (
        <Descriptions size="small" column={1}>
          {list.map((r) => (
            <Descriptions.Item key={r.key} label={r.label}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}
