import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../hooks/auth.tsx';

interface Values {
  username: string;
  password: string;
}

/** Sign-in. Server messages (wrong password, locked, disabled) are shown as they come, in zh-CN. */
export function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<{ text: string; locked: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (user) return <Navigate to={from === '/login' ? '/' : from} replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(values.username.trim(), values.password);
      // back to the page the session expired on, unless it is one this user may not open
      const allowed = from !== '/login' && (!from.startsWith('/admin') || signedIn.roles.includes('sys_admin'));
      navigate(allowed ? from : '/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError) setError({ text: err.message, locked: err.code === 'LOGIN_THROTTLED' });
      else setError({ text: '登录失败：' + String(err), locked: false });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="anwen-login">
      <Card className="anwen-login-card">
        <div className="anwen-login-head">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
            安稳 · 县域信访与社会治理平台
          </Typography.Title>
          <Typography.Text type="secondary">工作人员登录</Typography.Text>
        </div>
        {error && <Alert type={error.locked ? 'warning' : 'error'} showIcon title={error.text} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Values> layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} size="large">
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="anwen-login-foot">
          依法、按时、可问责地办理群众诉求。忘记密码请联系系统管理员重置。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
