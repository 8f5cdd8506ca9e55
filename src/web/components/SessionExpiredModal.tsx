import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../api/client.ts';

interface Values {
  username: string;
  password: string;
}

/**
 * Shown over the page when the session has ended on the server: says so, and signs in again right here, so an
 * open dialog and what was typed into it stay as they are. It cannot be dismissed — nothing can be saved
 * without a session — but the user may sign in as someone else (who then starts on their own first screen).
 */
export function SessionExpiredModal({ open, username, onLogin }: { open: boolean; username: string; onLogin: (u: string, p: string) => Promise<void> }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      await onLogin(values.username.trim(), values.password);
      form.resetFields(['password']);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : '登录失败：' + String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title="登录已过期" closable={false} maskClosable={false} keyboard={false} footer={null} zIndex={2000} destroyOnHidden>
      <div data-testid="session-expired">
        <Typography.Paragraph>为保护数据安全，长时间未操作或在别处退出后需要重新登录。请输入密码继续，正在填写的内容不会丢失。</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="session-expired-error" />}
        <Form<Values> form={form} layout="vertical" initialValues={{ username }} onFinish={(v) => void submit(v)} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="session-expired-login">
            重新登录
          </Button>
        </Form>
      </div>
    </Modal>
  );
}
