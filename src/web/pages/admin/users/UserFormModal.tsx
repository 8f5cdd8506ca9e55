import { useEffect, useState } from 'react';
import { Form, Input, Modal, Select, TreeSelect } from 'antd';
import { userApi } from '../../../api/endpoints.ts';
import type { CreateUserResult, Role, RoleInfo, StaffUser } from '../../../api/types.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import type { UnitTreeSelectNode } from '../../../hooks/useUnits.ts';
import { useLastDefined } from '../../../hooks/useLastDefined.ts';

interface Values {
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  password?: string;
}

/** Create (user === 'new') or edit a staff user (name, unit, roles). */
export function UserFormModal({
  user,
  roles,
  unitTree,
  onClose,
  onCreated,
  onSaved,
}: {
  user: StaffUser | 'new' | null;
  roles: RoleInfo[];
  unitTree: UnitTreeSelectNode[];
  onClose: () => void;
  onCreated: (result: CreateUserResult) => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const showError = useApiError();
  const creating = useLastDefined(user) === 'new';

  useEffect(() => {
    if (!user) return;
    form.resetFields();
    if (user !== 'new') form.setFieldsValue({ username: user.username, displayName: user.displayName, unitId: user.unitId, roles: user.roles });
  }, [user, form]);

  const submit = async () => {
    if (!user) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (user === 'new') {
        const password = v.password?.trim() || undefined;
        onCreated(await userApi.create({ username: v.username.trim(), displayName: v.displayName.trim(), unitId: v.unitId, roles: v.roles, password }));
      } else {
        await userApi.update(user.id, { displayName: v.displayName.trim(), unitId: v.unitId, roles: v.roles });
        onSaved();
      }
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={creating ? '新建用户' : '编辑用户'}
      onOk={() => void submit()}
      okText="保存"
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="username"
          label="用户名（登录名）"
          rules={[
            { required: true, message: '请输入用户名' },
            { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: '3–32 位小写字母、数字、下划线、点或短横线，以字母开头' },
          ]}
        >
          <Input disabled={!creating} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <TreeSelect treeData={unitTree} showSearch treeNodeFilterProp="title" placeholder="选择单位" data-testid="user-unit" />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, message: '请至少选择一个角色' }]}>
          <Select
            mode="multiple"
            placeholder="选择角色"
            options={roles.map((r) => ({ value: r.code, label: r.name, title: r.description }))}
            optionFilterProp="label"
            data-testid="user-roles"
          />
        </Form.Item>
        {creating && (
          <Form.Item name="password" label="初始密码" extra="留空则由系统生成随机初始密码；首次登录时须修改。">
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
