import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useUnits } from '../../../hooks/useUnits.ts';
import { accidentsApi, TYPE_OPTIONS } from './accidentsApi.ts';

interface Values {
  unitName: string;
  unitAddress?: string;
  townshipUnitId: number;
  accidentType: string;
  place: string;
  summary: string;
  occurredAt: Dayjs;
  reportedAt: Dayjs;
  deaths: number;
  seriousInjuries: number;
  minorInjuries: number;
  directLossWan: number;
  entryReason?: string;
}

/** 事故快报: what the county must know within the hour — the unit, where and when, casualties and loss. */
export function AccidentReportPage() {
  const navigate = useNavigate();
  const units = useUnits();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const townships = units.list.filter((u) => (u.kind === 'township' || u.kind === 'street') && !u.disabled).map((u) => ({ value: u.id, label: u.name }));

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const { id } = await accidentsApi.report({
        unitName: v.unitName,
        unitAddress: v.unitAddress ?? '',
        enterpriseId: null,
        townshipUnitId: v.townshipUnitId,
        accidentType: v.accidentType as never,
        place: v.place,
        summary: v.summary,
        occurredAt: v.occurredAt.format(),
        reportedAt: v.reportedAt.format(),
        deaths: v.deaths,
        seriousInjuries: v.seriousInjuries,
        minorInjuries: v.minorInjuries,
        directLossWan: v.directLossWan,
        entryReason: v.entryReason || undefined,
      });
      navigate(`/safety/accidents/${id}`);
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      if (e?.field && form.getFieldInstance(e.field) !== undefined) form.setFields([{ name: e.field as keyof Values, errors: [e.message] }]);
      setError(e?.message ?? String(err));
    } finally {
      setSaving(false);
    }
  };

  const count = (name: keyof Values, label: string) => (
    <Col xs={12} md={6}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }]}>
        <InputNumber min={0} precision={0} style={{ width: '100%' }} addonAfter="人" />
      </Form.Item>
    </Col>
  );

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        事故快报
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        事故单位负责人应于1小时内向县应急管理部门报告，县级应于2小时内向上一级报告（《生产安全事故报告和调查处理条例》第九条、第十一条）。先报基本情况，伤亡人数变化在补报期内补报。
      </Typography.Paragraph>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ deaths: 0, seriousInjuries: 0, minorInjuries: 0, directLossWan: 0, reportedAt: dayjs() }}
          data-testid="accident-report-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="unitName" label="事故单位" rules={[{ required: true, min: 2, message: '请填写事故单位名称' }]}>
                <Input maxLength={100} placeholder="如：青岚县顺达货运有限公司" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="unitAddress" label="单位地址">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="townshipUnitId" label="属地乡镇" rules={[{ required: true, message: '请选择属地乡镇' }]}>
                <Select options={townships} showSearch optionFilterProp="label" loading={units.loading} placeholder="选择乡镇（街道）" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="accidentType" label="事故类别" rules={[{ required: true, message: '请选择事故类别' }]}>
                <Select options={TYPE_OPTIONS} placeholder="选择类别" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="place" label="事故地点" rules={[{ required: true, min: 2, message: '请填写事故地点' }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="occurredAt" label="事故发生时间" rules={[{ required: true, message: '请选择事故发生时间' }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="reportedAt"
                label="接报时间"
                extra="县应急管理部门接到事故单位报告的时间"
                rules={[{ required: true, message: '请选择接报时间' }]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {count('deaths', '死亡人数')}
            {count('seriousInjuries', '重伤人数')}
            {count('minorInjuries', '轻伤人数')}
            <Col xs={12} md={6}>
              <Form.Item name="directLossWan" label="直接经济损失" rules={[{ required: true, message: '请填写直接经济损失' }]}>
                <InputNumber min={0} precision={2} style={{ width: '100%' }} addonAfter="万元" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="summary" label="事故简要经过" rules={[{ required: true, min: 5, message: '请简要写明事故经过（至少5个字）' }]}>
                <Input.TextArea rows={4} maxLength={2000} showCount />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="entryReason" label="补录说明" extra="接报已超过2小时才录入的，请写明迟报或补录原因">
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="accident-report-error" />}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              提交快报
            </Button>
            <Button onClick={() => navigate('/safety/accidents')}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
