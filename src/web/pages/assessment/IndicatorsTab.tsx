import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { ExcludedUnitsCard } from './ExcludedUnitsCard.tsx';
import { assessmentApi, type IndicatorInput, type IndicatorRow, type Sources } from './assessmentApi.ts';

type FormulaType = 'rate' | 'deduction' | 'bonus';
type AppliesTo = 'township' | 'department' | 'all';
interface Values {
  name: string;
  source: 'stats' | 'accountability' | 'reports';
  module?: string;
  measure?: string;
  dimension?: string;
  appliesTo: AppliesTo;
  weight: number;
  type: FormulaType;
  /** percent, 0–100 */
  target?: number;
  floor?: number;
  whenNoItems?: 'full' | 'zero';
  per?: number;
  cap?: number;
  note?: string;
}

const GROUPS = [
  { key: 'township', name: '乡镇（街道）' },
  { key: 'department', name: '县直部门' },
] as const;
const APPLIES_OPTIONS = [
  { value: 'township', label: '乡镇（街道）' },
  { value: 'department', label: '县直部门' },
  { value: 'all', label: '乡镇（街道）和县直部门' },
];
const round2 = (v: number) => Math.round(v * 100) / 100;

/** The marks of each group with the edited indicator as the form has it now (加分项 and 停用 ones count for nothing). */
function groupSums(rows: IndicatorRow[], editing: IndicatorRow | null, v: Partial<Values>) {
  const list = rows
    .filter((r) => r.id !== editing?.id)
    .map((r) => ({ appliesTo: r.appliesTo, weight: r.weight, bonus: r.formula.type === 'bonus', active: r.active }));
  if (editing === null || editing.active)
    list.push({ appliesTo: v.appliesTo ?? 'all', weight: Number(v.weight ?? 0), bonus: v.type === 'bonus', active: true });
  const sum = (g: 'township' | 'department') =>
    round2(list.filter((r) => r.active && !r.bonus && (r.appliesTo === 'all' || r.appliesTo === g)).reduce((a, r) => a + r.weight, 0));
  return { township: sum('township'), department: sum('department') };
}

/** The formula in words, as the server will say it (formula.ts describeFormula). */
function formulaInWords(v: Partial<Values>): string {
  const w = v.weight ?? 0;
  if (v.type === 'rate')
    return (
      `满分 ${w} 分；比率达到 ${v.target ?? '—'}% 得满分，低于目标按比例计分` +
      (v.floor ? `（${v.floor}% 及以下不得分）` : '') +
      `；当期没有需考核的事项时${v.whenNoItems === 'zero' ? '不得分' : '记满分'}`
    );
  if (v.type === 'deduction') return `基础分 ${w} 分；每计入一件扣 ${v.per ?? '—'} 分，最多扣 ${v.cap ?? '—'} 分，扣完为止`;
  if (v.type === 'bonus') return `每计入一件加 ${v.per ?? '—'} 分，最多加 ${v.cap ?? '—'} 分（加分不计入 100 分的权重）`;
  return '';
}

function toInput(v: Values, active: boolean, sort: number): IndicatorInput {
  const formula: IndicatorInput['formula'] =
    v.type === 'rate'
      ? { type: 'rate', target: (v.target ?? 0) / 100, floor: (v.floor ?? 0) / 100, whenNoItems: v.whenNoItems ?? 'full' }
      : { type: v.type, per: v.per ?? 0, cap: v.cap ?? 0 };
  return {
    name: v.name,
    source: v.source,
    ...(v.source === 'stats' ? { module: v.module, measure: v.measure, dimension: v.dimension } : {}),
    appliesTo: v.appliesTo,
    weight: v.weight,
    formula,
    note: v.note ?? '',
    sort,
    active,
  };
}

function toValues(r: IndicatorRow): Values {
  const f = r.formula;
  return {
    name: r.name,
    source: r.source,
    module: r.module ?? undefined,
    measure: r.measure ?? undefined,
    dimension: r.dimension ?? undefined,
    appliesTo: r.appliesTo,
    weight: r.weight,
    type: f.type,
    ...(f.type === 'rate' ? { target: round2(f.target * 100), floor: round2(f.floor * 100), whenNoItems: f.whenNoItems } : { per: f.per, cap: f.cap }),
    note: r.note,
  };
}

/** 考核指标: the list with each definition, and for the office add / modify / 停用 with the groups' weights live. */
export function IndicatorsTab({ manager }: { manager: boolean }) {
  const { message, modal } = App.useApp();
  const list = useAsync(() => assessmentApi.indicators(), []);
  const [editing, setEditing] = useState<IndicatorRow | null | undefined>(undefined);
  const rows = list.data?.rows ?? [];
  const sums = groupSums(rows, null, { weight: 0 });

  const toggle = (r: IndicatorRow) =>
    modal.confirm({
      title: r.active ? `停用“${r.name}”？` : `重新启用“${r.name}”？`,
      content: r.active ? '停用后新计算的考核期不再使用该指标；已计算、已发布的考核期保留各自的指标，不受影响。' : '启用后计入所适用单位的权重合计。',
      okText: r.active ? '停用' : '启用',
      cancelText: '取消',
      onOk: async () => {
        try {
          await assessmentApi.updateIndicator(r.id, toInput(toValues(r), !r.active, r.sort));
          message.success(r.active ? '已停用' : '已启用');
          list.reload();
        } catch (err) {
          message.error(err instanceof ApiError ? err.message : String(err));
        }
      },
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {list.error && <Alert type="error" showIcon message={list.error.message} />}
      <Space wrap>
        {manager && (
          <Button type="primary" onClick={() => setEditing(null)}>
            新增指标
          </Button>
        )}
        {GROUPS.map((g) => (
          <Tag key={g.key} color={sums[g.key] === 100 ? 'green' : 'red'}>
            {g.name}权重合计 {sums[g.key]} 分{sums[g.key] === 100 ? '' : '（应为 100 分）'}
          </Tag>
        ))}
      </Space>
      <Table<IndicatorRow>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 1080 }}
        loading={list.loading}
        dataSource={rows}
        columns={[
          {
            title: '指标',
            dataIndex: 'name',
            width: 150,
            render: (v: string, r) => (
              <>
                {v} {!r.active && <Tag>已停用</Tag>}
              </>
            ),
          },
          { title: '权重', dataIndex: 'weight', width: 70, render: (v: number, r) => (r.formula.type === 'bonus' ? '加分项' : `${v}分`) },
          { title: '适用单位', dataIndex: 'appliesToName', width: 130 },
          { title: '口径（分子、分母与依据）', dataIndex: 'definition', width: 340 },
          { title: '计分方式', dataIndex: 'formulaText', width: 240 },
          ...(manager
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 110,
                  fixed: 'right' as const,
                  render: (_: unknown, r: IndicatorRow) => (
                    <Space size={4}>
                      <a onClick={() => setEditing(r)}>修改</a>
                      <a onClick={() => toggle(r)}>{r.active ? '停用' : '启用'}</a>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ExcludedUnitsCard manager={manager} />
      {editing !== undefined && (
        <IndicatorModal
          rows={rows}
          editing={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
    </Space>
  );
}

function IndicatorModal({ rows, editing, onClose, onSaved }: { rows: IndicatorRow[]; editing: IndicatorRow | null; onClose: () => void; onSaved: () => void }) {
  const { message } = App.useApp();
  const sources = useAsync(() => assessmentApi.sources(), []);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const v = (Form.useWatch([], form) ?? {}) as Partial<Values>;
  const mods: Sources['modules'] = sources.data?.modules ?? [];
  const mod = mods.find((m) => m.module === v.module);
  const rate = mod?.rates.find((r) => r.key === v.measure);
  const count = mod?.counts.find((c) => c.key === v.measure);
  const isRate = (v.source === 'stats' && !!rate) || v.source === 'reports';
  const typeOptions = [
    { value: 'rate', label: '比率达标（按目标值计分）', disabled: !isRate },
    { value: 'deduction', label: '按件扣分（有上限）', disabled: isRate },
    { value: 'bonus', label: '按件加分（有上限）', disabled: isRate },
  ];
  const sums = groupSums(rows, editing, v);
  const touched = GROUPS.filter((g) => v.appliesTo === 'all' || v.appliesTo === g.key);

  const definition =
    v.source === 'accountability'
      ? '本期作出的问责决定（约谈、通报批评、挂牌整治、诫勉等）件数，计入被问责单位'
      : v.source === 'reports'
        ? (sources.data?.reports.definition ?? '定期报告·报告及时率＝按时报送次数÷应报次数')
        : mod && rate
          ? `${mod.name}·${rate.name}＝${rate.formula}；依据：${rate.source}`
          : mod && count
            ? `${mod.name}·${count.name}（件数）`
            : '请选择业务模块和统计指标';

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const body = toInput(values, editing?.active ?? true, editing?.sort ?? rows.reduce((a, r) => Math.max(a, r.sort), 0) + 10);
      if (editing) await assessmentApi.updateIndicator(editing.id, body);
      else await assessmentApi.createIndicator(body);
      message.success(editing ? '指标已修改' : '指标已新增');
      onSaved();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={editing ? `修改考核指标：${editing.name}` : '新增考核指标'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => void save()}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? toValues(editing)
            : { source: 'stats', appliesTo: 'township', weight: 10, type: 'rate', target: 90, floor: 0, whenNoItems: 'full', per: 2, cap: 10 }
        }
      >
        <Form.Item name="name" label="指标名称" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }]}>
          <Input maxLength={40} placeholder="如 信访按期办结率" />
        </Form.Item>
        <Form.Item name="source" label="数据来源">
          <Radio.Group
            onChange={(e) =>
              form.setFieldsValue(e.target.value === 'accountability' ? { type: 'deduction' } : e.target.value === 'reports' ? { type: 'rate' } : {})
            }
            options={[
              { value: 'stats', label: '业务统计（各模块统计口径）' },
              { value: 'reports', label: sources.data?.reports.name ?? '定期报告报送（报告及时率）' },
              { value: 'accountability', label: '问责记录（约谈、通报批评等）' },
            ]}
          />
        </Form.Item>
        {v.source === 'stats' && (
          <Space wrap style={{ width: '100%' }} align="start">
            <Form.Item name="module" label="业务模块" rules={[{ required: true, message: '请选择业务模块' }]} style={{ minWidth: 220 }}>
              <Select
                loading={sources.loading}
                placeholder="选择业务模块"
                options={mods.map((m) => ({ value: m.module, label: m.name }))}
                onChange={() => form.setFieldsValue({ measure: undefined, dimension: undefined })}
              />
            </Form.Item>
            <Form.Item name="measure" label="统计指标" rules={[{ required: true, message: '请选择统计指标' }]} style={{ minWidth: 220 }}>
              <Select
                placeholder="选择统计指标"
                disabled={!mod}
                onChange={(key: string) => form.setFieldsValue({ type: mod?.rates.some((r) => r.key === key) ? 'rate' : 'deduction' })}
                options={
                  mod
                    ? [
                        { label: '比率', options: mod.rates.map((r) => ({ value: r.key, label: r.name })) },
                        { label: '件数', options: mod.counts.map((c) => ({ value: c.key, label: c.name })) },
                      ]
                    : []
                }
              />
            </Form.Item>
            <Form.Item name="dimension" label="计入哪个单位" rules={[{ required: true, message: '请选择计入单位的方式' }]} style={{ minWidth: 200 }}>
              <Select placeholder="按…计入单位" disabled={!mod} options={(mod?.dimensions ?? []).map((d) => ({ value: d.key, label: `按${d.name}` }))} />
            </Form.Item>
          </Space>
        )}
        <Alert type="info" showIcon={false} style={{ marginBottom: 16 }} message={<span>口径：{definition}</span>} />
        <Form.Item name="type" label="计分方式">
          <Radio.Group
            options={v.source === 'accountability' ? typeOptions.filter((o) => o.value !== 'rate').map((o) => ({ ...o, disabled: false })) : typeOptions}
          />
        </Form.Item>
        {v.type === 'rate' && (
          <Space wrap align="start">
            <Form.Item name="target" label="目标值（%）" rules={[{ required: true, message: '请填写目标值' }]} extra="达到即得满分">
              <InputNumber min={1} max={100} addonAfter="%" />
            </Form.Item>
            <Form.Item
              name="floor"
              label="不得分线（%）"
              extra="低于目标时，从此线到目标按比例计分"
              dependencies={['target']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, val?: number) =>
                    !val || val < (getFieldValue('target') ?? 0) ? Promise.resolve() : Promise.reject(new Error('不得分线应低于目标值')),
                }),
              ]}
            >
              <InputNumber min={0} max={99} addonAfter="%" />
            </Form.Item>
            <Form.Item name="whenNoItems" label="当期没有需考核的事项时">
              <Select
                style={{ width: 120 }}
                options={[
                  { value: 'full', label: '记满分' },
                  { value: 'zero', label: '不得分' },
                ]}
              />
            </Form.Item>
          </Space>
        )}
        {(v.type === 'deduction' || v.type === 'bonus') && (
          <Space wrap align="start">
            <Form.Item name="per" label={v.type === 'bonus' ? '每件加分' : '每件扣分'} rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0.01} max={100} addonAfter="分" />
            </Form.Item>
            <Form.Item name="cap" label={v.type === 'bonus' ? '最多加' : '最多扣'} rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0.01} max={100} addonAfter="分" />
            </Form.Item>
          </Space>
        )}
        <Typography.Paragraph type="secondary">计分：{formulaInWords(v)}</Typography.Paragraph>
        <Space wrap align="start">
          <Form.Item name="weight" label="权重（满分）" rules={[{ required: true, message: '请填写权重' }]}>
            <InputNumber min={0} max={100} addonAfter="分" />
          </Form.Item>
          <Form.Item name="appliesTo" label="适用单位">
            <Select style={{ width: 220 }} options={APPLIES_OPTIONS} />
          </Form.Item>
        </Space>
        <div style={{ marginBottom: 16 }}>
          {touched.map((g) => (
            <Tag key={g.key} color={sums[g.key] === 100 ? 'green' : sums[g.key] > 100 ? 'red' : 'orange'}>
              保存后{g.name}权重合计 {sums[g.key]} 分
              {sums[g.key] > 100 ? '，超过 100 分，不能保存' : sums[g.key] < 100 ? '，不足 100 分，计算考核结果前须补足' : ''}
            </Tag>
          ))}
        </div>
        <Form.Item name="note" label="说明（可选）">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
