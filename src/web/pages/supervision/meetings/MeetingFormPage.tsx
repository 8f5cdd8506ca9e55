import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { MeetingHeaderFields } from './MeetingHeaderFields.tsx';
import { meetingsApi, type MeetingOptions } from './meetingsApi.ts';

interface TaskValues {
  unitId: number;
  dueDate: Dayjs;
  leaderId?: number;
}
interface Values {
  typeCode: string;
  name: string;
  heldOn: Dayjs;
  startTime?: Dayjs;
  place: string;
  hostName: string;
  recorderName: string;
  backdateReason?: string;
  attendUsers?: number[];
  attendUnits?: number[];
  observeUsers?: number[];
  observeUnits?: number[];
  topics: { title: string; summary?: string; refNo?: string; module?: string }[];
  decisions?: { content: string; tasks?: TaskValues[] }[];
}

const userOptions = (o?: MeetingOptions) => (o?.users ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.unitName}）` }));
const unitOptions = (o?: MeetingOptions) => (o?.units ?? []).map((u) => ({ value: u.id, label: u.name }));

/** 登记会议: type, name, date/time/place (补录 with a reason), 主持人, 记录人, attendees (出席/列席), 议题 (with the item's number), 议定事项 and the 督办事项 they create. */
export function MeetingFormPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const options = useAsync(() => meetingsApi.options(), []);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const o = options.data ?? undefined;

  const submit = async (v: Values) => {
    setSaving(true);
    setSaveError(null);
    const att = (ids: number[] | undefined, key: 'userId' | 'unitId', role: 'attend' | 'observe') => (ids ?? []).map((id) => ({ [key]: id, role }));
    try {
      const { id } = await meetingsApi.create({
        typeCode: v.typeCode,
        name: v.name,
        heldOn: v.heldOn.format('YYYY-MM-DD'),
        startTime: v.startTime ? v.startTime.format('HH:mm') : undefined,
        place: v.place,
        hostName: v.hostName,
        recorderName: v.recorderName,
        backdateReason: v.backdateReason?.trim() || undefined,
        attendees: [
          ...att(v.attendUsers, 'userId', 'attend'),
          ...att(v.attendUnits, 'unitId', 'attend'),
          ...att(v.observeUsers, 'userId', 'observe'),
          ...att(v.observeUnits, 'unitId', 'observe'),
        ] as { userId?: number; unitId?: number; role: 'attend' | 'observe' }[],
        topics: v.topics.map((t) => ({ title: t.title, summary: t.summary || undefined, refNo: t.refNo?.trim() || undefined, module: t.module || undefined })),
        decisions: (v.decisions ?? []).map((d) => ({
          content: d.content,
          tasks: (d.tasks ?? []).map((t) => ({ unitId: t.unitId, dueDate: t.dueDate.format('YYYY-MM-DD'), leaderId: t.leaderId || undefined })),
        })),
      });
      navigate(`/supervision/meetings/${id}`);
    } catch (err) {
      setSaveError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="登记会议" style={{ maxWidth: 1000 }} data-testid="sv-meeting-form">
      <Typography.Paragraph type="secondary">
        召集单位为本单位。议题可填写已登记事项的编号（信访件、隐患、纠纷、稳评、督办事项等），只能关联您有权查看的事项；议定事项可交办给有关单位，形成督办事项并跟踪到销号。
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ heldOn: dayjs(), topics: [{ title: '' }], decisions: [] }}>
        <MeetingHeaderFields types={(o?.types ?? []).map((t) => ({ value: t.code, label: t.name }))} />
        <Form.Item name="backdateReason" label="补录说明（会议日期早于补录期限时必填）">
          <Input maxLength={500} />
        </Form.Item>
        <Card size="small" title="参会人员" style={{ marginBottom: 16 }}>
          <Form.Item name="attendUsers" label="出席人员">
            <Select mode="multiple" showSearch optionFilterProp="label" options={userOptions(o)} placeholder="输入姓名搜索" />
          </Form.Item>
          <Form.Item name="attendUnits" label="出席单位">
            <Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions(o)} placeholder="输入名称搜索" />
          </Form.Item>
          <Form.Item name="observeUsers" label="列席人员">
            <Select mode="multiple" showSearch optionFilterProp="label" options={userOptions(o)} placeholder="输入姓名搜索" />
          </Form.Item>
          <Form.Item name="observeUnits" label="列席单位">
            <Select mode="multiple" showSearch optionFilterProp="label" options={unitOptions(o)} placeholder="输入名称搜索" />
          </Form.Item>
        </Card>
        <Form.List name="topics">
          {(fields, { add, remove }) => (
            <Card size="small" title="议题" style={{ marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="start" style={{ width: '100%' }}>
                  <Form.Item name={[f.name, 'title']} label={`议题 ${i + 1}`} rules={[{ required: true, message: '请填写议题' }]}>
                    <Input maxLength={200} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'refNo']} label="关联事项编号">
                    <Input maxLength={60} style={{ width: 220 }} placeholder="可不填" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'module']} label="事项类型" tooltip="编号带类型字母（如 XF、JF）时不必选择；不带字母的旧编号提示重复时再选">
                    <Select allowClear style={{ width: 150 }} placeholder="不限" options={(o?.modules ?? []).map((m) => ({ value: m.kind, label: m.name }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'summary']} label="研究情况">
                    <Input.TextArea maxLength={2000} autoSize style={{ width: 300 }} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined style={{ marginTop: 38 }} onClick={() => remove(f.name)} aria-label="删除该议题" />}
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ title: '' })}>
                增加议题
              </Button>
            </Card>
          )}
        </Form.List>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <Card size="small" title="议定事项" style={{ marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  type="inner"
                  title={`议定事项 ${i + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={<MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除该议定事项" />}
                >
                  <Form.Item name={[f.name, 'content']} label="内容" rules={[{ required: true, message: '请填写议定事项内容' }]}>
                    <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
                  </Form.Item>
                  <DecisionTasks name={f.name} options={o} />
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ content: '', tasks: [] })}>
                增加议定事项
              </Button>
            </Card>
          )}
        </Form.List>
        {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="meeting-submit">
            保存会议
          </Button>
          <Button onClick={() => navigate('/supervision/meetings')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** The 督办事项 a decision creates: a unit, its 完成时限 and an optional 责任领导 each. */
export function DecisionTasks({ name, options }: { name: number | string; options?: MeetingOptions }) {
  return (
    <Form.List name={typeof name === 'number' ? [name, 'tasks'] : 'tasks'}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} wrap align="start">
              <Form.Item name={[f.name, 'unitId']} label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
                <Select showSearch optionFilterProp="label" style={{ width: 220 }} options={unitOptions(options)} />
              </Form.Item>
              <Form.Item name={[f.name, 'dueDate']} label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
                <DatePicker />
              </Form.Item>
              <Form.Item name={[f.name, 'leaderId']} label="责任领导">
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 200 }}
                  options={(options?.leaders ?? []).map((l) => ({ value: l.id, label: `${l.name}（${l.title}）` }))}
                  placeholder="可不填"
                />
              </Form.Item>
              <MinusCircleOutlined style={{ marginTop: 38 }} onClick={() => remove(f.name)} aria-label="删除该交办" />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({})}>
            交办督办事项
          </Button>
        </>
      )}
    </Form.List>
  );
}
