import { Alert, Modal, Typography } from 'antd';

/** Shows a password exactly once (initial or reset); the console keeps it nowhere once closed (hence no fade-out copy). */
export function OneTimeSecretModal({ secret, onClose }: { secret: { title: string; who: string; password: string } | null; onClose: () => void }) {
  return (
    <Modal
      open={!!secret}
      title={secret?.title}
      onOk={onClose}
      onCancel={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      {secret && (
        <>
          <Typography.Paragraph>{secret.who} 的临时密码（仅显示这一次，关闭后无法再查看）：</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: secret.password, tooltips: ['复制', '已复制'] }} className="anwen-secret" data-testid="one-time-password">
            {secret.password}
          </Typography.Paragraph>
          <Alert type="info" showIcon title="请当面或通过安全渠道告知本人。首次登录时系统会要求其修改密码。" />
        </>
      )}
    </Modal>
  );
}
