import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ListPage } from '../../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../../components/list-page/useListQuery.ts';
import { useApiError } from '../../../hooks/useApiError.ts';
import { CHANNEL_LABELS, STATUS_LABELS, outboxApi, type OutboxChannel, type OutboxMessage, type OutboxStatus } from './outboxApi.ts';

/** Times in the county's time zone whatever the browser's setting. */
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

const STATUS_ORDER: OutboxStatus[] = ['pending', 'sending', 'failed', 'dead', 'sent'];
const SPEC = { keys: ['status', 'channel'] as const };
type Key = (typeof SPEC.keys)[number];

/**
 * 系统管理 → 消息发送: messages to petitioners (回执, 受理告知, 延期 …), their delivery and retries.
 * Recipients and texts are masked on the server; a failed or dead message can be sent again.
 */
export function OutboxPage() {
  const [retrying, setRetrying] = useState<OutboxMessage | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const showError = useApiError();

  const list = useListQuery(SPEC, (st) =>
    outboxApi.list({
      status: st.filters.status as OutboxStatus | undefined,
      channel: st.filters.channel as OutboxChannel | undefined,
      page: st.page,
      pageSize: st.pageSize,
    }),
  );
  const { data, reload } = list;

  const confirmRetry = async () => {
    if (!retrying) return;
    setBusy(true);
    try {
      await outboxApi.retry(retrying.id, reason.trim() || undefined);
      void message.success('已重新排入发送队列，一分钟内发送');
      setRetrying(null);
      setReason('');
      reload();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableProps<OutboxMessage>['columns'] = [
    { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (v: string) => showTime(v) },
    { title: '方式', dataIndex: 'channel', width: 70, render: (c: OutboxChannel) => CHANNEL_LABELS[c] },
    { title: '收件人', dataIndex: 'recipient', width: 130 },
    {
      title: '消息',
      dataIndex: 'templateName',
      width: 150,
      render: (name: string, m) => (
        <Tooltip title={m.template}>
          <span data-template={m.template}>{name}</span>
        </Tooltip>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 140,
      render: (s: OutboxStatus) => <Tag color={STATUS_LABELS[s].color}>{STATUS_LABELS[s].text}</Tag>,
    },
    { title: '尝试次数', dataIndex: 'attempts', width: 90 },
    {
      title: '发送 / 下次尝试',
      key: 'when',
      width: 160,
      render: (_: unknown, m) => (m.status === 'sent' ? showTime(m.sentAt) : m.nextAttemptAt ? `下次 ${showTime(m.nextAttemptAt)}` : '—'),
    },
    {
      title: '案件',
      dataIndex: 'caseNo',
      width: 170,
      render: (no: string | null, m) => (no && m.workItemId ? <Link to={`/xf/${m.workItemId}`}>{no}</Link> : '—'),
    },
    { title: '最近错误', dataIndex: 'lastError', width: 200, ellipsis: { showTitle: true }, render: (e: string | null) => e ?? '' },
    { title: '内容预览（已脱敏）', dataIndex: 'preview', width: 360, ellipsis: { showTitle: true } },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_: unknown, m) =>
        m.status === 'failed' || m.status === 'dead' ? (
          <Button size="small" onClick={() => setRetrying(m)} aria-label={`重新发送第 ${m.id} 条消息`}>
            重新发送
          </Button>
        ) : null,
    },
  ];

  const counts = data?.counts ?? {};
  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        消息发送
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        发给信访人的短信和邮件（登记回执、受理告知、延期告知、处理意见书出具等）先写入发送队列，再由后台每分钟发送；失败的按 1、2、4、8… 分钟重试，8
        次后放弃，可在此重新发送。收件人和内容已脱敏。
      </Typography.Paragraph>
      {(counts.dead ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${counts.dead} 条消息多次发送失败已放弃，请检查短信网关或邮件服务器配置后重新发送`}
        />
      )}
      <Card>
        <ListPage<OutboxMessage, Key>
          bare
          list={list}
          testId="outbox-table"
          toolbarTestId="outbox-filters"
          rowKey="id"
          columns={columns}
          scrollX={1750}
          unit="条"
          emptyText="没有符合条件的消息"
          filters={[
            {
              type: 'select',
              key: 'status',
              placeholder: '状态',
              width: 200,
              options: STATUS_ORDER.map((st) => ({ value: st, label: `${STATUS_LABELS[st].text}（${counts[st] ?? 0}）` })),
            },
            {
              type: 'select',
              key: 'channel',
              placeholder: '发送方式',
              width: 130,
              options: (Object.keys(CHANNEL_LABELS) as OutboxChannel[]).map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
            },
          ]}
          toolbarExtra={
            <Button icon={<ReloadOutlined />} onClick={reload}>
              刷新
            </Button>
          }
        />
      </Card>
      <Modal
        open={retrying !== null}
        title="重新发送消息"
        okText="重新发送"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void confirmRetry()}
        onCancel={() => setRetrying(null)}
      >
        {retrying && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <span>
              {retrying.templateName} → {retrying.recipient}（已尝试 {retrying.attempts} 次）
            </span>
            {retrying.lastError && <Typography.Text type="secondary">最近错误：{retrying.lastError}</Typography.Text>}
            <Input.TextArea
              aria-label="原因"
              placeholder="原因（可选，记入审计日志），如：短信网关已恢复"
              maxLength={200}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Space>
        )}
      </Modal>
    </div>
  );
}
