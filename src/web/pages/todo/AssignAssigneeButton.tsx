import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { assigneeApi } from '../../api/endpoints.ts';
import { ApiError } from '../../api/client.ts';

/** 指定经办人: a unit responsible for the item hands it to one of its own staff (the server checks who may). */
export function AssignAssigneeButton({ itemId, refNo, current, onDone }: { itemId: number; refNo: string; current: string | null; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ assigneeId: number; note?: string }>();

  const show = async () => {
    setOpen(true);
    setLoading(true);
    try {
      const { items } = await assigneeApi.candidates(itemId);
      setOptions(items.map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}）${p.current ? ' · 当前经办人' : ''}` })));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '无法读取本单位人员，请重试');
      setOpen(false);
    } finally {
      setLoading(false);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const { assignee } = await assigneeApi.assign(itemId, v.assigneeId, v.note?.trim() || undefined);
      void message.success(`已指定 ${assignee.name} 为经办人`);
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '指定失败，请重试');
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" type="link" onClick={() => void show()} data-testid={`assign-${itemId}`} aria-label={`为 ${refNo} 指定经办人`}>
        {current ? '改派' : '指定经办人'}
      </Button>
      <Modal
        title={`指定经办人 · ${refNo}`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText="确定"
        cancelText="取消"
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="assigneeId" label="经办人" rules={[{ required: true, message: '请选择本单位的经办人' }]}>
            <Select
              loading={loading}
              options={options}
              placeholder="本单位可办理该事项的工作人员"
              data-testid="assignee-select"
              showSearch
              optionFilterProp="label"
            />
          </Form.Item>
          <Form.Item name="note" label="交代事项（可选）">
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
