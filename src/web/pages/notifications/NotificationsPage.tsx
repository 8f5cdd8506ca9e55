import { useState } from 'react';
import { Alert, App, Button, Card, List, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { notificationApi } from '../../api/endpoints.ts';
import type { NotificationItem } from '../../api/types.ts';
import { useListQuery } from '../../components/list-page/useListQuery.ts';
import { useApiError } from '../../hooks/useApiError.ts';
import { WarningTag } from '../../components/WarningTag.tsx';
import { notifyUnreadChanged } from '../../components/NotificationBell.tsx';

const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
export const showNotificationTime = (iso: string) => TIME.format(new Date(iso));

type ReadFilter = 'all' | 'unread' | 'read';
const SPEC = { keys: ['read'] as const, defaults: { read: 'unread' } };

/** 提醒消息: the reminders addressed to me or my unit, newest first. */
export function NotificationsPage() {
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const showError = useApiError();
  // the read filter and the page live in the URL like every list's (a link to 已读 page 2 opens it)
  const list = useListQuery(SPEC, (s) =>
    notificationApi.list({ unread: s.filters.read === 'all' ? undefined : s.filters.read === 'unread' ? 'true' : 'false', page: s.page, pageSize: s.pageSize }),
  );
  const { data, loading, error, reload, page, pageSize } = list;
  const filter = (list.filters.read ?? 'unread') as ReadFilter;

  const after = () => {
    reload();
    notifyUnreadChanged();
  };
  const markRead = async (n: NotificationItem) => {
    try {
      await notificationApi.markRead(n.id);
      after();
    } catch (err) {
      showError(err);
    }
  };
  const markAll = async () => {
    setBusy(true);
    try {
      const { marked } = await notificationApi.markAllRead();
      void message.success(marked ? `已将 ${marked} 条提醒标为已读` : '没有未读提醒');
      after();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        提醒消息
      </Typography.Title>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          style={{ marginBottom: 12 }}
          action={
            <Button size="small" onClick={reload}>
              重试
            </Button>
          }
        />
      )}
      <Card>
        <div className="anwen-toolbar">
          <Segmented<ReadFilter>
            value={filter}
            onChange={(v) => list.setFilters({ read: v })}
            options={[
              { value: 'unread', label: '未读' },
              { value: 'read', label: '已读' },
              { value: 'all', label: '全部' },
            ]}
          />
          <Button onClick={() => void markAll()} loading={busy} disabled={!data?.unread} data-testid="notifications-read-all">
            全部标为已读{data?.unread ? `（${data.unread}）` : ''}
          </Button>
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            发给本单位的提醒，本单位任一人员标为已读后，对全单位显示为已读。
          </Typography.Text>
        </div>
        <List<NotificationItem>
          data-testid="notifications-list"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: filter === 'unread' ? '没有未读提醒' : '暂无提醒' }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (p, s) => list.setPage(p, s),
          }}
          renderItem={(n) => (
            <List.Item
              data-testid={`notification-${n.id}`}
              actions={[
                n.read ? (
                  <Tag key="read">已读</Tag>
                ) : (
                  <Button key="read" size="small" onClick={() => void markRead(n)}>
                    标为已读
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    {n.level && <WarningTag level={n.level} />}
                    <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                    {n.forUnit && (
                      <Tooltip title="发给本单位的提醒：本单位任一人员标为已读即对全单位已读">
                        <Tag color="blue">本单位</Tag>
                      </Tooltip>
                    )}
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={2}>
                    <span>{n.body}</span>
                    <Typography.Text type="secondary">
                      {showNotificationTime(n.createdAt)}
                      {n.workItemRefNo ? ` · ${n.workItemRefNo}${n.workItemTitle ? ` ${n.workItemTitle}` : ''}` : ''}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
