import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { ListPage } from '../../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../../components/list-page/useListQuery.ts';

const SPEC = { keys: [] as never[] };
import { useApiError } from '../../../hooks/useApiError.ts';
import { open311KeysApi, type Open311Key } from './open311KeysApi.ts';

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const showTime = (iso: string | null) => (iso ? TIME.format(new Date(iso)) : '—');

/**
 * 系统管理 → Open311 接入: keys for partner apps (便民 App、网格 App …) that submit 网上信访 through the
 * GeoReport v2 interface at /open311/v2/. A key is shown once when issued (only its hash is kept);
 * revoking is final and asks for a reason, both audited.
 */
export function Open311KeysPage() {
  const list = useListQuery(SPEC, () => open311KeysApi.list());
  const { reload } = list;
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<{ appName: string; apiKey: string } | null>(null);
  const [revoking, setRevoking] = useState<Open311Key | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ appName: string; ratePerMinute: number }>();
  const { message } = App.useApp();
  const showError = useApiError();

  const issue = async () => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      const res = await open311KeysApi.issue(values.appName.trim(), values.ratePerMinute);
      setIssuing(false);
      form.resetFields();
      setIssued({ appName: values.appName.trim(), apiKey: res.apiKey });
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    try {
      await open311KeysApi.revoke(revoking.id, reason.trim());
      void message.success(`已吊销“${revoking.appName}”的密钥`);
      setRevoking(null);
      setReason('');
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<Open311Key>['columns'] = [
    { title: '合作应用', dataIndex: 'appName', width: 180, ellipsis: true },
    { title: '密钥前缀', dataIndex: 'keyPrefix', width: 140, render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
    { title: '状态', dataIndex: 'enabled', width: 90, render: (e: boolean) => (e ? <Tag color="green">启用</Tag> : <Tag>已吊销</Tag>) },
    { title: '每分钟上限', dataIndex: 'ratePerMinute', width: 110 },
    { title: '已提交件数', dataIndex: 'requests', width: 110 },
    { title: '签发', key: 'created', width: 220, render: (_: unknown, k) => `${showTime(k.createdAt)} ${k.createdBy ?? ''}` },
    { title: '吊销', key: 'revoked', width: 220, render: (_: unknown, k) => (k.revokedAt ? `${showTime(k.revokedAt)} ${k.revokedBy ?? ''}` : '—') },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_: unknown, k) =>
        k.enabled ? (
          <Button size="small" danger onClick={() => setRevoking(k)} aria-label={`吊销${k.appName}的密钥`}>
            吊销
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        Open311 接入
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        合作应用通过 Open311 GeoReport v2
        标准接口（/open311/v2/）提交网上信访、查询办理状态。每个应用一把密钥：签发时只显示一次，系统只保存其摘要；吊销后立即失效且不可恢复。公开查询不含任何个人信息。
      </Typography.Paragraph>
      <Card>
        <div className="anwen-toolbar">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
            签发密钥
          </Button>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            刷新
          </Button>
        </div>
        <ListPage<Open311Key, never>
          bare
          list={list}
          testId="open311-keys-table"
          rowKey="id"
          columns={columns}
          scrollX={1000}
          unit="把"
          emptyText="尚未签发密钥"
        />
      </Card>

      <Modal
        title="签发 Open311 接入密钥"
        open={issuing}
        onOk={issue}
        onCancel={() => setIssuing(false)}
        okText="签发"
        cancelText="取消"
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ ratePerMinute: 60 }}>
          <Form.Item
            name="appName"
            label="合作应用名称"
            rules={[{ required: true, whitespace: true, min: 2, max: 100, message: '请填写应用名称（2—100 个字）' }]}
          >
            <Input placeholder="如：县便民服务 App" />
          </Form.Item>
          <Form.Item name="ratePerMinute" label="每分钟请求上限" rules={[{ required: true, message: '请填写每分钟请求上限' }]}>
            <InputNumber min={1} max={10000} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title="密钥已签发"
        open={issued !== null}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
        okText="我已妥善保存"
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title="密钥只显示这一次，关闭后无法再次查看。请通过安全渠道交给合作应用。" />
          <Typography.Text>{issued?.appName}</Typography.Text>
          <Typography.Paragraph copyable={{ text: issued?.apiKey ?? '' }} code data-testid="open311-issued-key" style={{ wordBreak: 'break-all' }}>
            {issued?.apiKey}
          </Typography.Paragraph>
        </Space>
      </Modal>

      <Modal
        title={`吊销“${revoking?.appName ?? ''}”的密钥`}
        open={revoking !== null}
        onOk={revoke}
        onCancel={() => setRevoking(null)}
        okText="吊销"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        cancelText="取消"
        confirmLoading={busy}
      >
        <Typography.Paragraph>吊销后该应用立即无法提交和查询，且不可恢复；已提交的信访件不受影响。</Typography.Paragraph>
        <label htmlFor="open311-revoke-reason">吊销理由（记入审计）</label>
        <Input.TextArea id="open311-revoke-reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </div>
  );
}
