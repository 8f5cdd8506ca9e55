import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { authApi } from '../api/endpoints.ts';
import { useAuth } from '../hooks/auth.tsx';
import { useApiError } from '../hooks/useApiError.ts';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change own password; `forced` after an initial / reset password (cannot be dismissed, only logout). */
export function ChangePasswordModal({ open, forced = false, onClose }: { open: boolean; forced?: boolean; onClose?: () => void }) {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { refresh, logout } = useAuth();
  const { message } = App.useApp();
  const showError = useApiError();

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      await authApi.changePassword(values.oldPassword, values.newPassword);
      void message.success('密码已修改');
      form.resetFields();
      await refresh();
      onClose?.();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="修改密码"
      open={open}
      onOk={() => void submit()}
      okText="确认修改"
      confirmLoading={saving}
      cancelText={forced ? '退出登录' : '取消'}
      onCancel={() => (forced ? void logout() : onClose?.())}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      destroyOnHidden
    >
      {forced && <Alert type="info" showIcon style={{ marginBottom: 16 }} title="您正在使用初始密码或管理员重置的临时密码，请先设置自己的新密码。" />}
      <Form form={form} layout="vertical" requiredMark={false} preserve={false}>
        <Form.Item name="oldPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 8 位，且需同时包含字母和数字"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 8, message: '新密码至少 8 位' },
            { pattern: /^(?=.*[A-Za-z])(?=.*\d).+$/, message: '需同时包含字母和数字' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
