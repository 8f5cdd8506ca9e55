import { useEffect, useState } from 'react';
import { Form, Input, Modal, Select, TreeSelect } from 'antd';
import { leaderApi } from '../../../api/endpoints.ts';
import type { Leader } from '../../../api/types.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import type { UnitTreeSelectNode } from '../../../hooks/useUnits.ts';
import { useLastDefined } from '../../../hooks/useLastDefined.ts';

interface Values {
  name: string;
  title: string;
  unitId: number;
  portfolio: string[];
  overseesUnitIds: number[];
}

/** Portfolio suggestions; admins may type any other 分管 area. */
const PORTFOLIO_SUGGESTIONS = [
  '信访',
  '安全生产',
  '应急管理',
  '维稳',
  '政法',
  '督查',
  '自然资源',
  '住房城乡建设',
  '教育',
  '卫生健康',
  '农业农村',
  '交通运输',
  '市场监管',
  '生态环境',
  '民政',
  '人力资源社会保障',
];

/** Create (leader === 'new') or edit a county leader. */
export function LeaderFormModal({
  leader,
  unitTree,
  onClose,
  onSaved,
}: {
  leader: Leader | 'new' | null;
  unitTree: UnitTreeSelectNode[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const showError = useApiError();
  const shown = useLastDefined(leader);

  useEffect(() => {
    if (!leader) return;
    form.resetFields();
    if (leader !== 'new') {
      form.setFieldsValue({
        name: leader.name,
        title: leader.title,
        unitId: leader.unitId ?? undefined,
        portfolio: leader.portfolio,
        overseesUnitIds: leader.overseesUnitIds,
      });
    }
  }, [leader, form]);

  const submit = async () => {
    if (!leader) return;
    const v = await form.validateFields();
    const input = { name: v.name.trim(), title: v.title.trim(), unitId: v.unitId, portfolio: v.portfolio ?? [], overseesUnitIds: v.overseesUnitIds ?? [] };
    setSaving(true);
    try {
      if (leader === 'new') await leaderApi.create(input);
      else await leaderApi.update(leader.id, input);
      onSaved();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!leader}
      title={shown === 'new' ? '新增领导' : '编辑领导'}
      onOk={() => void submit()}
      okText="保存"
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label="职务" rules={[{ required: true, message: '请输入职务' }]}>
          <Input placeholder="如：县委常委、政法委书记" />
        </Form.Item>
        <Form.Item name="unitId" label="所在单位" rules={[{ required: true, message: '请选择所在单位' }]}>
          <TreeSelect treeData={unitTree} showSearch treeNodeFilterProp="title" placeholder="选择单位" />
        </Form.Item>
        <Form.Item name="portfolio" label="分管领域">
          <Select mode="tags" options={PORTFOLIO_SUGGESTIONS.map((p) => ({ value: p, label: p }))} placeholder="选择或输入分管领域" />
        </Form.Item>
        <Form.Item name="overseesUnitIds" label="分管（联系）单位">
          <TreeSelect treeData={unitTree} multiple showSearch treeNodeFilterProp="title" placeholder="选择分管的部门或乡镇" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
