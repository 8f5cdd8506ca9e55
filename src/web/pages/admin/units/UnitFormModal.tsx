import { useEffect, useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { unitApi } from '../../../api/endpoints.ts';
import type { Unit, UnitKind } from '../../../api/types.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import { UNIT_KIND_LABELS } from '../../../labels.ts';
import { useLastDefined } from '../../../hooks/useLastDefined.ts';

interface Values {
  name: string;
  code: string;
  kind: UnitKind;
  shortName?: string;
}

export type UnitFormTarget = { mode: 'create'; parent: Unit } | { mode: 'edit'; unit: Unit };

/** Create a child unit under `parent`, or edit a unit. */
export function UnitFormModal({ target, onClose, onSaved }: { target: UnitFormTarget | null; onClose: () => void; onSaved: (u: Unit) => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const showError = useApiError();
  const shown = useLastDefined(target);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.unit;
      form.setFieldsValue({ name: u.name, code: u.code, kind: u.kind, shortName: u.shortName ?? undefined });
    } else {
      const childKind: Partial<Record<UnitKind, UnitKind>> = { county: 'township', township: 'village', street: 'community' };
      form.setFieldsValue({ kind: childKind[target.parent.kind] ?? 'office' });
    }
  }, [target, form]);

  const submit = async () => {
    if (!target) return;
    const values = await form.validateFields();
    const shortName = values.shortName?.trim() || undefined;
    setSaving(true);
    try {
      const saved =
        target.mode === 'create'
          ? await unitApi.create({ parentId: target.parent.id, code: values.code.trim(), name: values.name.trim(), kind: values.kind, shortName })
          : await unitApi.update(target.unit.id, { code: values.code.trim(), name: values.name.trim(), shortName: shortName ?? null });
      onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!target}
      title={shown?.mode === 'create' ? `新建下级单位（上级：${shown.parent.name}）` : '编辑单位'}
      onOk={() => void submit()}
      okText="保存"
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请输入单位名称' }, { max: 100 }]}>
          <Input placeholder="如：龙蚕镇青石村" />
        </Form.Item>
        <Form.Item name="shortName" label="简称">
          <Input placeholder="如：青石村" />
        </Form.Item>
        <Form.Item
          name="code"
          label="单位编码"
          rules={[{ required: true, message: '请输入单位编码' }, { pattern: /^[A-Za-z0-9_.-]+$/, message: '编码只能包含字母、数字、下划线、点和短横线' }]}
        >
          <Input placeholder="如：LC-QS" />
        </Form.Item>
        <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]} extra={target?.mode === 'edit' ? '单位类型创建后不能修改' : undefined}>
          <Select disabled={target?.mode === 'edit'} options={Object.entries(UNIT_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
