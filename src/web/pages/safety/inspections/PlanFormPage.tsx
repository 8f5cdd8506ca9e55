import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { EnterprisePicker, InspectorSelect } from './pickers.tsx';
import { inspectionsApi, SECRET_KINDS, type PlanBody } from './inspectionsApi.ts';

interface Values {
  kind: PlanBody['kind'];
  title: string;
  period: [Dayjs, Dayjs];
  checklistId?: number;
  enterpriseIds: number[];
  inspectorIds: number[];
}

const KIND_OPTIONS: { value: PlanBody['kind']; label: string; hint: string }[] = [
  { value: 'general', label: '安全生产大检查', hint: '对所列企业（场所）逐一检查，全部检查人员参加' },
  { value: 'special', label: '专项整治', hint: '针对某一行业领域或某类问题集中检查整治' },
  { value: 'unannounced', label: '四不两直', hint: '不发通知、不打招呼、不听汇报、不用陪同接待，直奔基层、直插现场' },
  { value: 'covert', label: '督查暗访', hint: '以暗访方式督查企业和属地落实安全生产责任的情况' },
];

/** 制定检查计划: 大检查, 专项整治, 四不两直, 督查暗访 — name, period, checklist, enterprises from the register, inspectors. */
export function PlanFormPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'general';
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checklists = useAsync(() => inspectionsApi.checklists(), []);
  const checklistOptions = (checklists.data?.items ?? []).filter((c) => !c.disabled).map((c) => ({ value: c.id, label: c.name }));

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const { id } = await inspectionsApi.createPlan({
        kind: v.kind,
        title: v.title.trim(),
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        checklistId: v.checklistId ?? null,
        enterpriseIds: v.enterpriseIds,
        inspectorIds: v.inspectorIds,
      });
      navigate(`/safety/inspections/${id}`);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      if (e?.field && ['enterpriseIds', 'inspectorIds', 'title', 'checklistId'].includes(e.field))
        form.setFields([{ name: e.field as keyof Values, errors: [e.message] }]);
      setError(e?.message ?? String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        制定检查计划
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        双随机抽查的检查对象和检查人员须随机抽取，请使用“双随机抽查”；这里制定大检查、专项整治、四不两直和督查暗访计划。
      </Typography.Paragraph>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ kind: 'general', enterpriseIds: [], inspectorIds: [] }}
          data-testid="plan-form"
        >
          <Form.Item name="kind" label="检查方式" rules={[{ required: true, message: '请选择检查方式' }]}>
            <Radio.Group optionType="button" buttonStyle="solid" options={KIND_OPTIONS.map((k) => ({ value: k.value, label: k.label }))} />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
            {KIND_OPTIONS.find((k) => k.value === kind)?.hint}
          </Typography.Paragraph>
          {SECRET_KINDS.includes(kind) && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title="保密要求"
              description="本计划的检查对象在检查记录提交前，不向被检查企业及其所在乡镇（街道）显示；检查完成并提交记录后，企业和属地才能看到该次检查及其结果。请勿提前告知。"
            />
          )}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="title" label="计划名称" rules={[{ required: true, whitespace: true, message: '请填写计划名称' }]}>
                <Input maxLength={100} placeholder="如：12月九小场所消防安全大检查" data-testid="plan-title" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="period" label="检查期间" rules={[{ required: true, message: '请选择检查开始和结束日期' }]}>
                <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="checklistId" label="检查表" extra="按行业领域选用；现场逐项记录合格、不合格或不涉及">
                <Select options={checklistOptions} loading={checklists.loading} allowClear placeholder="选择检查表" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="inspectorIds"
                label="检查人员"
                extra="执法检查不少于两人；与检查对象有应当回避关系的人员不能列入"
                rules={[{ required: true, type: 'array', min: 1, message: '请选择检查人员' }]}
              >
                <InspectorSelect testId="plan-inspectors" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="enterpriseIds" label="检查对象" rules={[{ required: true, type: 'array', min: 1, message: '请从企业登记册中勾选检查对象' }]}>
            <EnterprisePicker />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="plan-error" />}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="plan-submit">
              保存计划
            </Button>
            <Button onClick={() => navigate('/safety/inspections')}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
