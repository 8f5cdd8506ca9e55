import { Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { apiClient } from '../../api/typed.ts';

/**
 * 问责 on any item's page (every module's: the same card): the 问责 decisions (约谈, 通报批评 …) and 升级督办 that name
 * this item — measure, who was held to account, when, on what grounds — each opening its record, where the other
 * items behind it are listed (责任倒查 both ways). Shows nothing when there is none; the server lists only the records
 * the reader may read and, within them, only the items they may see.
 */
export function ItemAccountabilityCard({ workItemId }: { workItemId: number }) {
  const { data } = useAsync(() => apiClient.get('/accountability', { query: { workItemId, pageSize: 20 } }), [workItemId]);
  const rows = data?.rows ?? [];
  if (rows.length === 0) return null;
  return (
    <Card size="small" title="问责记录" style={{ marginBottom: 16 }} data-testid="item-accountability">
      <List
        size="small"
        dataSource={rows}
        renderItem={(r) => (
          <List.Item>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Tag color={r.automatic ? 'orange' : 'red'}>{r.measureName}</Tag>
                <b>{[r.responsibleUnitName, r.responsibleUserName].filter(Boolean).join(' ') || '—'}</b>
                <Typography.Text type="secondary">{r.decidedOn}</Typography.Text>
                <Link to={`/assessment?tab=accountability&record=${r.id}`}>查看问责记录</Link>
              </Space>
              <Typography.Text>依据：{r.text}</Typography.Text>
              {r.overdueText && <Typography.Text type="secondary">超期情况：{r.overdueText}</Typography.Text>}
              {r.items.length + r.hiddenItems > 1 && (
                <Typography.Text type="secondary">
                  同一问责涉及 {r.items.length + r.hiddenItems} 件事项{r.hiddenItems > 0 ? `（其中 ${r.hiddenItems} 件不在您的查看范围内）` : ''}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
