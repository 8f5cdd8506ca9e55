import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { ruleApi } from '../../../api/endpoints.ts';
import type { LegalRule, RuleConfidence, RuleUnit } from '../../../api/types.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import { RULE_UNIT_LABELS } from '../../../labels.ts';
import { useLastDefined } from '../../../hooks/useLastDefined.ts';

interface Values {
  province: string;
  amount: number;
  unit: RuleUnit;
  source: string;
  confidence?: RuleConfidence;
  note?: string;
  reason: string;
}

const CONFIDENCE_OPTIONS: { value: RuleConfidence; label: string }[] = [
  { value: 'P', label: 'P：已核对法规原文' },
  { value: 'C2', label: 'C2：两个以上二手来源一致' },
  { value: 'C1', label: 'C1：仅一个二手来源' },
  { value: 'U', label: 'U：不确定或推断' },
];

/** Edit a rule's national value or set a province override; the server recomputes open deadlines. */
export function RuleFormModal({ rule, onClose, onSaved }: { rule: LegalRule | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const showError = useApiError();
  const shown = useLastDefined(rule);

  useEffect(() => {
    if (!rule) return;
    form.resetFields();
    const confidence = CONFIDENCE_OPTIONS.find((o) => o.value === rule.confidence)?.value;
    form.setFieldsValue({ province: '', amount: rule.amount, unit: rule.unit, source: rule.source, confidence, note: rule.note ?? '', reason: '' });
  }, [rule, form]);

  const submit = async () => {
    if (!rule) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      await ruleApi.update(rule.key, {
        amount: v.amount,
        unit: v.unit,
        source: v.source.trim(),
        province: v.province?.trim() ?? '',
        confidence: v.confidence,
        note: v.note?.trim() || null,
        reason: v.reason?.trim() || undefined,
      });
      onSaved();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!rule}
      title={shown ? `编辑时限规则：${shown.name}` : ''}
      onOk={() => void submit()}
      okText="保存"
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="时限来自法规。修改前请核对依据；保存后所有未结事项的相关期限将重新计算，并记入审计日志。"
      />
      <Form form={form} layout="vertical">
        <Form.Item
          name="province"
          label="适用范围"
          extra="留空为全国默认值；填写两位省级行政区划代码（如 51 四川）则设置该省的特别规定。"
          rules={[{ pattern: /^(\d{2})?$/, message: '应为两位省级代码或留空' }]}
        >
          <Input placeholder="全国" />
        </Form.Item>
        <Form.Item label="时限" required style={{ marginBottom: 0 }}>
          <Form.Item name="amount" rules={[{ required: true, message: '请输入时限数值' }]} style={{ display: 'inline-block', width: 140, marginRight: 8 }}>
            <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="unit" rules={[{ required: true }]} style={{ display: 'inline-block', width: 180 }}>
            <Select options={Object.entries(RULE_UNIT_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="source" label="法规依据" rules={[{ required: true, message: '请写明法规依据（条款）' }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="confidence" label="依据可信度">
          <Select allowClear options={CONFIDENCE_OPTIONS} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="reason" label="修改原因">
          <Input placeholder="如：依据省信访工作规定第X条" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
