import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { InspectorSelect, RiskSelect, SectorSelect, TownshipSelect } from './pickers.tsx';
import { inspectionsApi, type DrawBody } from './inspectionsApi.ts';

interface Values {
  title: string;
  period: [Dayjs, Dayjs];
  checklistId?: number;
  sectorId?: number;
  townshipUnitId?: number;
  riskGrade?: NonNullable<DrawBody['filter']>['riskGrade'];
  count: number;
  perTarget: number;
  inspectorPool: number[];
  seed?: string;
}

/**
 * 双随机抽查: 随机抽取检查对象 from the register by 行业领域, 属地 and 风险等级, 随机选派检查人员 from the pool. The seed
 * is recorded (given here, or drawn by the server), so anyone can replay the draw on the plan's page.
 */
export function DrawFormPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checklists = useAsync(() => inspectionsApi.checklists(), []);
  const checklistOptions = (checklists.data?.items ?? []).filter((c) => !c.disabled).map((c) => ({ value: c.id, label: c.name }));

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const { id } = await inspectionsApi.draw({
        title: v.title.trim(),
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        checklistId: v.checklistId ?? null,
        filter: { sectorId: v.sectorId, townshipUnitId: v.townshipUnitId, riskGrade: v.riskGrade },
        count: v.count,
        perTarget: v.perTarget,
        inspectorPool: v.inspectorPool,
        seed: v.seed?.trim() || undefined,
      });
      navigate(`/safety/inspections/${id}?drawn=1`);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      if (e?.field && ['count', 'inspectorPool', 'title', 'seed'].includes(e.field)) form.setFields([{ name: e.field as keyof Values, errors: [e.message] }]);
      setError(e?.message ?? String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        双随机抽查
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时向社会公开。本年度尚未检查过的企业优先抽取；与企业有回避关系的人员不会被派往该企业。
      </Typography.Paragraph>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ count: 5, perTarget: 2, inspectorPool: [] }}
          data-testid="draw-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="title" label="抽查计划名称" rules={[{ required: true, whitespace: true, message: '请填写抽查计划名称' }]}>
                <Input maxLength={100} placeholder="如：2026年第四季度安全生产“双随机”抽查" data-testid="draw-title" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="period" label="检查期间" rules={[{ required: true, message: '请选择检查开始和结束日期' }]}>
                <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} data-testid="draw-period" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>抽取条件</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="sectorId" label="行业领域" extra="选大类时包含其下各小类">
                <SectorSelect testId="draw-sector" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="townshipUnitId" label="属地乡镇（街道）">
                <TownshipSelect testId="draw-township" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="riskGrade" label="风险等级">
                <RiskSelect testId="draw-risk" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="count" label="抽取数量" rules={[{ required: true, message: '请填写抽取数量' }]}>
                <InputNumber min={1} max={500} precision={0} style={{ width: '100%' }} addonAfter="家" data-testid="draw-count" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="perTarget" label="每家检查人数" rules={[{ required: true, message: '请填写每家检查人数' }]}>
                <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} addonAfter="人" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="checklistId" label="检查表">
                <Select options={checklistOptions} loading={checklists.loading} allowClear placeholder="选择检查表" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="inspectorPool"
            label="执法检查人员库"
            extra="从库中为每家企业随机选派检查人员，工作量少的优先"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择执法检查人员' }]}
          >
            <InspectorSelect testId="draw-pool" placeholder="输入姓名或单位，选择参加抽查的人员" />
          </Form.Item>
          <Form.Item
            name="seed"
            label="随机种子（可不填）"
            extra="不填由系统随机生成。抽取结果由种子和抽取时的名单唯一确定，事后任何人可用同一种子复核抽取是否公正。"
          >
            <Input maxLength={100} placeholder="如在抽取现场公开摇号，可填写摇出的号码" data-testid="draw-seed" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="draw-error" />}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="draw-submit">
              开始抽取
            </Button>
            <Button onClick={() => navigate('/safety/inspections')}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
