import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Dropdown, List, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { notificationApi } from '../api/endpoints.ts';
import type { NotificationItem } from '../api/types.ts';
import { WarningTag } from './WarningTag.tsx';

const POLL_MS = 60_000;
const CHANGED = 'anwen:notifications-changed';

/** Tell the bell to re-count now (after marking read elsewhere) instead of at the next poll. */
export function notifyUnreadChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** The header bell: unread count (polled every 60 s) and a dropdown of the latest five reminders. */
export function NotificationBell() {
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [latest, setLatest] = useState<NotificationItem[] | undefined>();

  const count = useCallback(() => {
    notificationApi
      .unreadCount()
      .then((r) => setUnread(r.unread))
      .catch(() => undefined); // a missed poll is retried at the next tick; 401 is handled by the client
  }, []);

  useEffect(() => {
    count();
    const timer = window.setInterval(count, POLL_MS);
    window.addEventListener(CHANGED, count);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(CHANGED, count);
    };
  }, [count]);

  useEffect(() => {
    if (!open) return;
    setLatest(undefined);
    notificationApi
      .list({ page: 1, pageSize: 5 })
      .then((r) => {
        setLatest(r.items);
        setUnread(r.unread);
      })
      .catch(() => setLatest([]));
  }, [open]);

  const openItem = async (n: NotificationItem) => {
    setOpen(false);
    if (!n.read) {
      await notificationApi.markRead(n.id).catch(() => undefined);
      count();
    }
    navigate('/notifications');
  };

  const panel = (
    <div className="ant-dropdown-menu" style={{ width: 340, maxWidth: '90vw', padding: 8 }} data-testid="notification-dropdown">
      {latest === undefined ? (
        <div style={{ textAlign: 'center', padding: 16 }}>
          <Spin />
        </div>
      ) : (
        <List<NotificationItem>
          size="small"
          dataSource={latest}
          locale={{ emptyText: '暂无提醒' }}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => void openItem(n)}>
              <List.Item.Meta
                title={
                  <span>
                    {n.level && <WarningTag level={n.level} />}
                    <Typography.Text strong={!n.read} type={n.read ? 'secondary' : undefined}>
                      {n.title}
                    </Typography.Text>
                  </span>
                }
                description={
                  <Typography.Text type="secondary" ellipsis>
                    {n.body}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Button
        type="link"
        block
        onClick={() => {
          setOpen(false);
          navigate('/notifications');
        }}
      >
        查看全部提醒
      </Button>
    </div>
  );

  return (
    <Dropdown open={open} onOpenChange={setOpen} trigger={['click']} popupRender={() => panel} placement="bottomRight">
      <Button type="text" aria-label={`提醒消息，${unread} 条未读`} data-testid="notification-bell">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Dropdown>
  );
}
