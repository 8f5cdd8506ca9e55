import { useEffect, useState } from 'react';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client.ts';
import { UnitPicker } from '../petitions/Pickers.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { riskApi } from './riskApi.ts';

interface Values {
  matterKind: 'project' | 'decision' | 'event';
  matterName: string;
  description?: string;
  responsibleUnitId: number;
  builderName?: string;
  placeUnitId?: number;
  location?: string;
  planYear: number;
  counted: boolean;
  targetOn?: Dayjs;
  subjectKind: 'department' | 'third_party';
  subjectName?: string;
}

/**
 * 列入评估清单: a matter that needs a 稳评, its responsible department and the assessment subject. The server refuses the
 * project's builder or owner as subject (评估主体不适当) and says so here.
 */
export function RiskRegisterModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id: number) => void }) {
  const [form] = Form.useForm<Values>();
  const subjectKind = Form.useWatch('subjectKind', form);
  const matterKind = Form.useWatch('matterKind', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { data: options } = useAsync(() => riskApi.options(), []);
  const countedKinds = options?.target.countedKinds;
  // 稳评设置 names the kinds counted by default in the higher level's assessment: preselect by the kind chosen
  useEffect(() => {
    if (countedKinds && matterKind) form.setFieldValue('counted', countedKinds.includes(matterKind));
  }, [countedKinds, matterKind, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const created = await riskApi.create({
        ...v,
        targetOn: v.targetOn ? v.targetOn.format('YYYY-MM-DD') : undefined,
        subjectName: v.subjectKind === 'third_party' ? v.subjectName : undefined,
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
      title="列入稳评事项清单"
      okText="列入清单"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ matterKind: 'project', planYear: new Date().getFullYear(), counted: true, subjectKind: 'department' }}
        data-testid="risk-register-form"
      >
        <Form.Item name="matterKind" label="事项类别" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'project', label: '重大固定资产投资项目' },
              { value: 'decision', label: '重大决策' },
              { value: 'event', label: '重大活动' },
            ]}
          />
        </Form.Item>
        <Form.Item name="matterName" label="事项名称" rules={[{ required: true, min: 4, message: '请填写事项名称（至少4个字）' }]}>
          <Input maxLength={200} placeholder="如：城区污水处理厂扩建项目" />
        </Form.Item>
        <Form.Item name="description" label="事项概况">
          <Input.TextArea rows={2} maxLength={2000} placeholder="规模、涉及群众、征地拆迁等" />
        </Form.Item>
        <Form.Item name="responsibleUnitId" label="责任单位（项目主管部门）" rules={[{ required: true, message: '请选择责任单位' }]}>
          <UnitPicker />
        </Form.Item>
        {matterKind === 'project' && (
          <Form.Item name="builderName" label="项目建设（业主）单位">
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="placeUnitId" label="所在乡镇（街道）或村（社区）" extra="项目页将列出该地的信访件和矛盾纠纷">
          <UnitPicker />
        </Form.Item>
        <Form.Item
          name="subjectKind"
          label="评估主体"
          rules={[{ required: true }]}
          extra="由项目主管部门组织实施或委托独立第三方机构，不得交由项目建设单位或业主自行评估"
        >
          <Radio.Group
            options={[
              { value: 'department', label: '责任单位自行组织' },
              { value: 'third_party', label: '委托第三方机构' },
            ]}
          />
        </Form.Item>
        {subjectKind === 'third_party' && (
          <Form.Item name="subjectName" label="第三方评估机构名称" rules={[{ required: true, message: '请填写第三方评估机构名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item name="planYear" label="评估年度" rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item name="targetOn" label="完成时限" extra="不填则按县维稳办要求的年度完成时限（9月30日）">
          <DatePicker />
        </Form.Item>
        <Form.Item name="counted" valuePropName="checked">
          <Checkbox>纳入上级稳评工作考核</Checkbox>
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="risk-register-error" />}
      </Form>
    </Modal>
  );
}
