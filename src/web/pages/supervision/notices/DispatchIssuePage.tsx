import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Divider, Form, Input, Select, Space, Typography, type FormInstance } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../../api/client.ts';
import { BackdateReasonField, OccurredOnPicker, useBusinessDateRule } from '../../../components/action-form/BusinessDateFields.tsx';
import { useApiError } from '../../../hooks/useApiError.ts';
import { useAsync } from '../../../hooks/useAsync.ts';
import { UnitPicker } from '../../petitions/Pickers.tsx';
import { dispatchesApi } from './dispatchesApi.ts';

interface Values {
  subject: string;
  body: string;
  feedbackRequired: string;
  occurredOn?: Dayjs;
  backdateReason?: string;
  tasks: { unitId: number; title: string; detail?: string; dueDate: Dayjs }[];
  items: { workItemId: number; dueDate: Dayjs }[];
}
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** An existing item found by its 编号 or title (only items the office may see). */
function ItemFinder(props: { value?: number; onChange?: (v: number | undefined) => void; 'data-testid'?: string }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const search = async (q: string) => {
    if (q.trim().length < 2) return;
    setLoading(true);
    try {
      const { items } = await dispatchesApi.findItems(q.trim());
      setOptions(items.map((i) => ({ value: i.id, label: `${i.refNo} ${i.title}（${i.moduleName}，${i.ownerUnitName}）` })));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Select
      {...props}
      showSearch
      allowClear
      filterOption={false}
      onSearch={(q) => void search(q)}
      options={options}
      loading={loading}
      placeholder="输入案件编号或标题搜索"
      notFoundContent={loading ? '正在查找…' : '输入至少两个字查找'}
      style={{ width: '100%' }}
    />
  );
}

/** 印发督办通知: subject, body, required feedback, a task per unit with its deadline, existing items by their 编号. */
export function DispatchIssuePage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const rule = useBusinessDateRule();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const issuer = useAsync(() => dispatchesApi.issuer(), []).data;
  const area = issuer?.level === 'township' ? issuer.areaUnitId : null;

  // a deadline before the notice's own date is refused by the server too: say so on the field first
  const notBeforeIssue = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_: unknown, value: Dayjs | undefined) => {
      const issued = (getFieldValue('occurredOn') as Dayjs | undefined) ?? (rule ? dayjs(rule.today) : undefined);
      return value && issued && value.isBefore(issued, 'day')
        ? Promise.reject(new Error(`完成时限不能早于印发日期（${issued.format('YYYY-MM-DD')}）`))
        : Promise.resolve();
    },
  });
  const submit = async (v: Values) => {
    setSaving(true);
    setSaveError(null);
    try {
      const { id } = await dispatchesApi.issue({
        subject: v.subject,
        body: v.body,
        feedbackRequired: v.feedbackRequired,
        occurredOn: v.occurredOn ? day(v.occurredOn) : undefined,
        backdateReason: v.backdateReason || undefined,
        tasks: (v.tasks ?? []).map((t) => ({ unitId: t.unitId, title: t.title, detail: t.detail || undefined, dueDate: day(t.dueDate) })),
        items: (v.items ?? []).map((i) => ({ workItemId: i.workItemId, dueDate: day(i.dueDate) })),
      });
      navigate(`/supervision/dispatches/${id}`);
    } catch (err) {
      // the server names a field such as tasks.2.dueDate: show the message on that field of that unit's card
      const name = err instanceof ApiError && err.field ? err.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : null;
      // (a path built at run time: the untyped view of the same form)
      const anyForm = form as FormInstance;
      if (err instanceof ApiError && name && anyForm.getFieldInstance(name) !== undefined) anyForm.setFields([{ name, errors: [err.message] }]);
      else if (err instanceof ApiError) setSaveError(err.message);
      else showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="印发督办通知" style={{ maxWidth: 1000 }} data-testid="sv-dispatch-issue">
      <Typography.Paragraph type="secondary">
        发文字号在印发时按本单位代字和年度自动编号（如
        青督查〔2026〕3号）。每个承办单位交办一项督办事项并写明完成时限；也可以督办已有的案件，由承办单位在回复时限内回复。
      </Typography.Paragraph>
      {issuer?.level === 'township' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`乡级督办：以${issuer.areaName ?? '本乡镇（街道）'}名义印发，只能交办辖区内的村（社区）和站所`}
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ tasks: [{}], items: [] }}>
        <Form.Item name="subject" label="标题" rules={[{ required: true, min: 4, message: '请填写标题（至少4个字）' }]}>
          <Input maxLength={200} placeholder="如：关于限期整改安全隐患的督办通知" />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, min: 10, message: '请填写正文（至少10个字）' }]}>
          <Input.TextArea rows={6} maxLength={8000} showCount />
        </Form.Item>
        <Form.Item name="feedbackRequired" label="反馈要求" rules={[{ required: true, min: 2, message: '请写明反馈要求' }]}>
          <Input.TextArea rows={2} maxLength={2000} placeholder="如：请于完成时限前书面反馈整改情况，并附整改前后照片" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="occurredOn" label="印发日期" extra="不填为今天；补录以前印发的通知时选择实际印发日期">
            <OccurredOnPicker rule={rule} data-testid="dispatch-issued-on" />
          </Form.Item>
        </Space>
        <BackdateReasonField rule={rule} maxLength={200} />

        <Divider titlePlacement="start">交办单位及督办事项</Divider>
        <Form.List name="tasks">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={`承办单位 ${i + 1}`}
                  extra={
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)}>
                      移除
                    </Button>
                  }
                  data-testid={`dispatch-task-${i}`}
                >
                  <Space wrap align="start" style={{ width: '100%' }}>
                    <Form.Item name={[f.name, 'unitId']} label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]} style={{ minWidth: 260 }}>
                      <UnitPicker within={area} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'dueDate']}
                      label="完成时限"
                      dependencies={['occurredOn']}
                      rules={[{ required: true, message: '请选择完成时限' }, notBeforeIssue]}
                    >
                      <DatePicker />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[f.name, 'title']} label="督办事项" rules={[{ required: true, min: 2, message: '请写明交办的事项' }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'detail']} label="具体要求">
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                </Card>
              ))}
              <div style={{ marginBottom: 16 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="dispatch-add-task">
                  增加承办单位
                </Button>
              </div>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">督办的已有事项（可选）</Divider>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="start" style={{ width: '100%' }} data-testid={`dispatch-item-${i}`}>
                  <Form.Item name={[f.name, 'workItemId']} label="案件" rules={[{ required: true, message: '请选择案件' }]} style={{ minWidth: 360 }}>
                    <ItemFinder />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'dueDate']}
                    label="回复时限"
                    dependencies={['occurredOn']}
                    rules={[{ required: true, message: '请选择回复时限' }, notBeforeIssue]}
                  >
                    <DatePicker />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                    移除
                  </Button>
                </Space>
              ))}
              <div style={{ marginBottom: 16 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="dispatch-add-item">
                  按编号添加已有案件
                </Button>
              </div>
            </>
          )}
        </Form.List>

        {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="dispatch-submit">
            印发
          </Button>
          <Button onClick={() => navigate('/supervision/dispatches')}>取消</Button>
        </Space>
      </Form>
    </Card>
  );
}
