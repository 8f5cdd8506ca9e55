import { useEffect, useState } from 'react';
import { Alert, Divider, Form, Input, Modal, Select, Typography } from 'antd';
import { unitApi } from '../../../api/endpoints.ts';
import type { Unit, UnitKind } from '../../../api/types.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import { asUnitKind, UNIT_KIND_LABELS } from '../../../labels.ts';
import { useLastDefined } from '../../../hooks/useLastDefined.ts';
import { issuerApi, type DocumentIssuer } from './issuerApi.ts';

interface Values {
  name: string;
  code: string;
  kind: UnitKind;
  shortName?: string;
  /** 机关全称: documents are signed with it (青岚县龙蚕镇人民政府) */
  fullName?: string;
  /** 发文代字 and 机关标志 (edit mode): the documents module numbers and heads this unit's documents with them */
  prefix?: string;
  mark?: string;
}

export type UnitFormTarget = { mode: 'create'; parent: Unit } | { mode: 'edit'; unit: Unit };

/** Create a child unit under `parent`, or edit a unit. */
export function UnitFormModal({ target, onClose, onSaved }: { target: UnitFormTarget | null; onClose: () => void; onSaved: (u: Unit) => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const showError = useApiError();
  const shown = useLastDefined(target);
  const [issuer, setIssuer] = useState<DocumentIssuer | null>(null);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.unit;
      form.setFieldsValue({ name: u.name, code: u.code, kind: asUnitKind(u.kind), shortName: u.shortName ?? undefined, fullName: u.fullName ?? undefined });
      setIssuer(null);
      issuerApi.get(u.id).then(
        (i) => {
          setIssuer(i);
          // an unset pair stays empty (the unit's name is only a placeholder), so saving the unit does not silently set it
          if (i.configured) form.setFieldsValue({ prefix: i.prefix, mark: i.mark });
        },
        () => setIssuer(null),
      );
    } else {
      const childKind: Partial<Record<UnitKind, UnitKind>> = { county: 'township', township: 'village', street: 'community' };
      form.setFieldsValue({ kind: childKind[asUnitKind(target.parent.kind) ?? 'office'] ?? 'office' });
    }
  }, [target, form]);

  const submit = async () => {
    if (!target) return;
    const values = await form.validateFields();
    const shortName = values.shortName?.trim() || undefined;
    const fullName = values.fullName?.trim() || undefined;
    setSaving(true);
    try {
      const saved =
        target.mode === 'create'
          ? await unitApi.create({ parentId: target.parent.id, code: values.code.trim(), name: values.name.trim(), kind: values.kind, shortName, fullName })
          : await unitApi.update(target.unit.id, {
              code: values.code.trim(),
              name: values.name.trim(),
              shortName: shortName ?? null,
              fullName: fullName ?? null,
            });
      const prefix = values.prefix?.trim();
      const mark = values.mark?.trim();
      if (target.mode === 'edit' && issuer && prefix && mark && (!issuer.configured || prefix !== issuer.prefix || mark !== issuer.mark)) {
        await issuerApi.set(target.unit.id, { prefix, mark });
      }
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
        <Form.Item name="fullName" label="机关全称" extra="文书落款使用的全称；不填则用单位名称" rules={[{ max: 100 }]}>
          <Input placeholder="如：青岚县龙蚕镇人民政府" />
        </Form.Item>
        <Form.Item
          name="code"
          label="单位编码"
          rules={[
            { required: true, message: '请输入单位编码' },
            { pattern: /^[A-Za-z0-9_.-]+$/, message: '编码只能包含字母、数字、下划线、点和短横线' },
          ]}
        >
          <Input placeholder="如：LC-QS" />
        </Form.Item>
        <Form.Item
          name="kind"
          label="单位类型"
          rules={[{ required: true, message: '请选择单位类型' }]}
          extra={target?.mode === 'edit' ? '单位类型创建后不能修改' : undefined}
        >
          <Select disabled={target?.mode === 'edit'} options={Object.entries(UNIT_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {target?.mode === 'edit' && issuer && (
          <>
            <Divider titlePlacement="start" plain>
              公文（GB/T 9704）
            </Divider>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              本单位制作的信访文书用发文代字编发文字号（如 {issuer.configured ? issuer.prefix : '青信'}〔2026〕15号），机关标志印在首页红头。
            </Typography.Paragraph>
            {!issuer.configured && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="尚未设置发文代字和机关标志，设置前本单位不能出具文书。"
                data-testid="unit-issuer-unset"
              />
            )}
            <Form.Item
              name="prefix"
              label="发文代字"
              dependencies={['mark']}
              rules={[
                { max: 10, message: '不超过 10 个字' },
                { pattern: /^[^\s〔〕[\]0-9]+$/, message: '不能含空格、方括号或数字' },
                ({ getFieldValue }) => ({
                  validator: (_, v) => (!v === !getFieldValue('mark') ? Promise.resolve() : Promise.reject(new Error('发文代字与机关标志须同时填写'))),
                }),
              ]}
            >
              <Input placeholder={issuer.configured ? issuer.prefix : '如：青信'} data-testid="unit-issuer-prefix" />
            </Form.Item>
            <Form.Item name="mark" label="机关标志" rules={[{ min: 2, message: '至少 2 个字' }, { max: 40 }]}>
              <Input placeholder={issuer.configured ? issuer.mark : `如：${issuer.mark}`} data-testid="unit-issuer-mark" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
