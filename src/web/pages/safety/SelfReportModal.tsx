import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { apiClient } from '../../api/typed.ts';

interface Values {
  description: string;
  category: string;
  grade: 'general' | 'major';
  location?: string;
  measures?: string;
  foundOn: Dayjs;
  dueOn: Dayjs;
}

/**
 * 企业自查自报: the enterprise account reports a hazard of its own. As the description is typed the server's
 * quality gate says whether it is usable and suggests categories; an unusable text is refused with what to write.
 */
export function SelfReportModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id: number) => void }) {
  const [form] = Form.useForm<Values>();
  const description = Form.useWatch('description', form) ?? '';
  const [assessment, setAssessment] = useState<{ usable: boolean; message?: string; categories: { name: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open || description.trim().length < 2) return setAssessment(null);
    const timer = setTimeout(() => {
      apiClient
        .post('/safety/hazards/assess-text', { body: { description } })
        .then(setAssessment)
        .catch(() => setAssessment(null));
    }, 400);
    return () => clearTimeout(timer);
  }, [description, open]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const created = await apiClient.post('/safety/hazards/self-report', {
        body: { ...v, foundOn: v.foundOn.format('YYYY-MM-DD'), dueOn: v.dueOn.format('YYYY-MM-DD') },
      });
      form.resetFields();
      onDone(created.id);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="自查自报隐患"
      okText="上报"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ grade: 'general', foundOn: dayjs() }}
        onFinish={(v) => void submit(v)}
        data-testid="self-report-form"
      >
        <Form.Item name="description" label="隐患描述" rules={[{ required: true, message: '请描述隐患：在什么部位、发现了什么问题' }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder="例如：二楼仓库安全出口被纸箱堵塞，无法正常疏散" />
        </Form.Item>
        {assessment && !assessment.usable && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={assessment.message} />}
        {assessment?.usable && (
          <Typography.Paragraph type="success" style={{ marginTop: -8 }} data-testid="self-report-usable">
            描述清楚，可以上报
          </Typography.Paragraph>
        )}
        {assessment && assessment.categories.length > 0 && (
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text type="secondary">建议类别：</Typography.Text>
            {assessment.categories.map((c) => (
              <Tag key={c.name} color="blue" style={{ cursor: 'pointer' }} onClick={() => form.setFieldValue('category', c.name)}>
                {c.name}
              </Tag>
            ))}
          </Space>
        )}
        <Form.Item name="category" label="隐患类别" rules={[{ required: true, message: '请填写或点选建议的类别' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="grade" label="隐患级别">
          <Radio.Group
            options={[
              { value: 'general', label: '一般隐患' },
              { value: 'major', label: '重大隐患' },
            ]}
          />
        </Form.Item>
        <Form.Item name="location" label="隐患部位">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="measures" label="整改措施">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="foundOn" label="发现日期" rules={[{ required: true, message: '请填写发现日期' }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="dueOn" label="整改期限" rules={[{ required: true, message: '请填写整改期限' }]}>
            <DatePicker disabledDate={(d) => d.isBefore((form.getFieldValue('foundOn') as Dayjs | undefined) ?? dayjs(), 'day')} />
          </Form.Item>
        </Space>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
