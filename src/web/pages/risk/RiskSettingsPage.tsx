import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Tabs, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useApiError } from '../../hooks/useApiError.ts';
import { riskSettingsApi, type RiskSettings, type RiskStepsInput } from './riskApi.ts';

type Step = RiskStepsInput['steps'][number];
const GATES: { value: Step['gate'] | ''; label: string }[] = [
  { value: '', label: '完成本步工作（如要求佐证材料，须附上）' },
  { value: 'dimensions', label: '记录四项分析论证后' },
  { value: 'level', label: '确定风险等级后' },
  { value: 'decision', label: '作出审定决策（集体研究审定）' },
  { value: 'followUp', label: '化解措施全部落实（跟踪化解）' },
];
const KINDS = [
  { value: 'project', label: '重大固定资产投资项目' },
  { value: 'decision', label: '重大决策' },
  { value: 'event', label: '重大活动' },
] as const;
/** A setting's 依据 as county staff read it: a file path of the project's own notes is left out. */
const basis = (s: string | null, fallback: string) => (s ?? fallback).replace(/[，,]?\s*[\w./-]+\.md(\s*§\s*\d+)?/g, '');
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A refusal the server pinned on `steps.3.name` shows under that field of the list; anything else as a message. */
function useFieldError(): (err: unknown, form: FormInstance) => void {
  const showError = useApiError();
  return (err, form) => {
    if (err instanceof ApiError && err.field) {
      const name = err.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      if (name.length > 1 || form.getFieldInstance(name) !== undefined) {
        form.setFields([{ name, errors: [err.message] }]);
        form.scrollToField(name);
        return;
      }
    }
    showError(err, form);
  };
}

function Changed({ c }: { c: { at: string | null; by: string | null } }) {
  if (!c.at) return <Typography.Text type="secondary">使用系统初始设置</Typography.Text>;
  return (
    <Typography.Text type="secondary">
      最后修改：{c.by ?? '—'}，{new Date(c.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}
    </Typography.Text>
  );
}

function MoveButtons({ index, count, move }: { index: number; count: number; move: (from: number, to: number) => void }) {
  return (
    <Space.Compact>
      <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label="上移" />
      <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} onClick={() => move(index, index + 1)} aria-label="下移" />
    </Space.Compact>
  );
}

function StepsForm({ data, reload }: { data: RiskSettings; reload: () => void }) {
  const [form] = Form.useForm<{ steps: (Omit<Step, 'gate'> & { gate: Step['gate'] | '' })[] }>();
  const { message } = App.useApp();
  const fieldError = useFieldError();
  const edit = data.mayEdit;
  const reset = () => form.setFieldsValue({ steps: data.steps.map((s) => ({ ...s, gate: s.gate ?? '' })) });
  useEffect(reset, [data]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = async (v: { steps: (Omit<Step, 'gate'> & { gate: Step['gate'] | '' })[] }) => {
    try {
      await riskSettingsApi.saveSteps({
        steps: v.steps.map((s) => ({ ...s, evidence: s.evidence?.trim() || null, gate: s.gate || null, minRules: s.minRules ?? [] })),
      });
      void message.success('评估步骤已保存；此后登记的稳评事项按新步骤办理，已登记的不变');
      reload();
    } catch (err) {
      fieldError(err, form);
    }
  };
  const ruleOptions = data.minimumRules.map((r) => ({ value: r.key, label: r.text }));
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!edit}>
      <Typography.Paragraph type="secondary">
        依据：{basis(data.sources.steps, '县维稳办稳评工作规程')}
        。每一步可要求附上佐证材料，并可设最短期限（如公示、征求意见期满前不得完成本步）。只影响此后登记的事项。
      </Typography.Paragraph>
      <Form.List name="steps">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                style={{ marginBottom: 8 }}
                title={`第 ${i + 1} 步`}
                extra={
                  edit && (
                    <Space>
                      <MoveButtons index={i} count={fields.length} move={move} />
                      <Button size="small" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)}>
                        删除
                      </Button>
                    </Space>
                  )
                }
              >
                <div className="anwen-settings-grid">
                  <Form.Item name={[f.name, 'name']} label="步骤名称" rules={[{ required: true, whitespace: true, message: '请填写步骤名称' }]}>
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'gate']} label="办结条件">
                    <Select options={GATES} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'evidence']} label="须附的佐证材料" extra="不填则不要求附件">
                    <Input maxLength={100} placeholder="如：评估工作方案" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'minRules']} label="最短期限" extra="期限届满前不得完成本步；天数在“时限规则”中维护">
                    <Select mode="multiple" allowClear options={ruleOptions} placeholder="无" />
                  </Form.Item>
                </div>
              </Card>
            ))}
            {edit && (
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', gate: '', evidence: null, minRules: [] })} style={{ marginBottom: 12 }}>
                增加步骤
              </Button>
            )}
          </>
        )}
      </Form.List>
      {data.minimumRules.length > 0 && (
        <Card size="small" title="最短期限规则及依据" style={{ marginBottom: 12 }}>
          {data.minimumRules.map((r) => (
            <div key={r.key}>
              {r.text}（{r.source}）
            </div>
          ))}
        </Card>
      )}
      <SaveBar edit={edit} changed={<Changed c={data.changed.steps} />} onReset={reset} testId="risk-steps-save" />
    </Form>
  );
}

function SaveBar({ edit, changed, onReset, testId }: { edit: boolean; changed: ReactNode; onReset: () => void; testId: string }) {
  return (
    <Space wrap>
      {edit && (
        <>
          <Button type="primary" htmlType="submit" data-testid={testId}>
            保存
          </Button>
          <Button onClick={onReset} disabled={false}>
            还原
          </Button>
        </>
      )}
      {changed}
    </Space>
  );
}

function ArchiveForm({ data, reload }: { data: RiskSettings; reload: () => void }) {
  const [form] = Form.useForm<{ items: { code?: string; name: string }[] }>();
  const { message } = App.useApp();
  const fieldError = useFieldError();
  const edit = data.mayEdit;
  const reset = () => form.setFieldsValue({ items: data.archive });
  useEffect(reset, [data]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = async (v: { items: { code?: string; name: string }[] }) => {
    try {
      await riskSettingsApi.saveArchive({ items: v.items });
      void message.success('档案资料目录已保存；此后登记的稳评事项按新目录归档');
      reload();
    } catch (err) {
      fieldError(err, form);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!edit}>
      <Typography.Paragraph type="secondary">
        依据：{basis(data.sources.archive, '县维稳办稳评档案资料目录')}
        ；重大行政决策程序暂行条例第三十三条（决策过程记录和材料归档）。目录中的每一项都须登记齐全，才能报送备案。
      </Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add, remove, move }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }} wrap>
                <Typography.Text style={{ display: 'inline-block', width: 28, lineHeight: '32px' }}>{i + 1}.</Typography.Text>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写档案资料名称' }]} style={{ marginBottom: 8 }}>
                  <Input maxLength={60} className="anwen-settings-wide" />
                </Form.Item>
                {edit && (
                  <Space style={{ lineHeight: '32px' }}>
                    <MoveButtons index={i} count={fields.length} move={move} />
                    <Button size="small" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label="删除" />
                  </Space>
                )}
              </Space>
            ))}
            {edit && (
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })} style={{ marginBottom: 12 }}>
                增加档案资料
              </Button>
            )}
          </>
        )}
      </Form.List>
      <SaveBar edit={edit} changed={<Changed c={data.changed.archive} />} onReset={reset} testId="risk-archive-save" />
    </Form>
  );
}

interface TargetValues {
  month: number;
  day: number;
  countedKinds: ('project' | 'decision' | 'event')[];
}

function TargetForm({ data, reload }: { data: RiskSettings; reload: () => void }) {
  const [form] = Form.useForm<TargetValues>();
  const { message } = App.useApp();
  const fieldError = useFieldError();
  const edit = data.mayEdit;
  const reset = () =>
    form.setFieldsValue({ month: data.target.month, day: data.target.day, countedKinds: data.target.countedKinds ?? ['project', 'decision', 'event'] });
  useEffect(reset, [data]); // eslint-disable-line react-hooks/exhaustive-deps
  const month = Form.useWatch('month', form) ?? data.target.month;
  const save = async (v: TargetValues) => {
    try {
      await riskSettingsApi.saveTarget(v);
      void message.success('年度完成时限已保存；此后登记的事项按新时限');
      reload();
    } catch (err) {
      fieldError(err, form);
    }
  };
  const year = new Date().getFullYear();
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!edit}>
      <Typography.Paragraph type="secondary">依据：{basis(data.target.source, '县维稳办年度稳评工作通知')}。</Typography.Paragraph>
      <Space wrap align="start">
        <Form.Item name="month" label="完成时限（月）" rules={[{ required: true, message: '请填写月份' }]}>
          <InputNumber min={1} max={12} precision={0} suffix="月" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item
          name="day"
          label="完成时限（日）"
          rules={[
            { required: true, message: '请填写日期' },
            { validator: async (_r, v: number | null) => (v && month && v > DAYS[month - 1]! ? Promise.reject(new Error(`${month}月没有${v}日`)) : undefined) },
          ]}
        >
          <InputNumber min={1} max={31} precision={0} suffix="日" style={{ width: 120 }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="countedKinds"
        label="默认纳入上级考核的事项类别"
        extra="登记事项时按此预选“纳入上级考核”，登记后可由县维稳办在事项页逐项调整。完成率只计纳入上级考核的事项。"
      >
        <Checkbox.Group options={KINDS.map((k) => ({ value: k.value, label: k.label }))} />
      </Form.Item>
      <Space wrap style={{ marginBottom: 12 }}>
        <Link to={`/risk/assessments?planYear=${year}&counted=true`}>查看{year}年度纳入上级考核的事项</Link>
        <Link to="/stats?module=risk">查看完成率（统计分析，可按责任单位）</Link>
      </Space>
      <div>
        <SaveBar edit={edit} changed={<Changed c={data.changed.target} />} onReset={reset} testId="risk-target-save" />
      </div>
    </Form>
  );
}

/** 稳评设置: the procedure's steps, the archive checklist and the year's target — kept by 县维稳办 (the administrator may too). */
export function RiskSettingsPage() {
  const { data, loading, error, reload } = useAsync(() => riskSettingsApi.get(), []);
  return (
    <Card
      title="稳评设置"
      loading={loading && !data}
      extra={
        <Link to="/risk/assessments">
          <Button>稳评事项</Button>
        </Link>
      }
    >
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      {data && !data.mayEdit && <Alert type="info" showIcon title="稳评设置由县维稳办或系统管理员维护，此处仅供查看。" style={{ marginBottom: 12 }} />}
      {data && (
        <Tabs
          items={[
            { key: 'steps', label: '评估步骤', children: <StepsForm data={data} reload={reload} /> },
            { key: 'archive', label: '档案资料目录', children: <ArchiveForm data={data} reload={reload} /> },
            { key: 'target', label: '完成时限与考核', children: <TargetForm data={data} reload={reload} /> },
          ]}
        />
      )}
    </Card>
  );
}
