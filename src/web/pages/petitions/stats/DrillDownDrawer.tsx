import { useState } from 'react';
import { Alert, Drawer, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAsync } from '../../../hooks/useAsync.ts';
import { CHANNEL_LABELS } from '../labels.ts';
import type { PetitionChannel } from '../../../api/petitions.ts';
import { statsApi, type DrillDownQuery } from './statsApi.ts';

/** The petitions behind one number of the statistics table (same definition as the number). */
export function DrillDownDrawer({ query, title, onClose }: { query: Omit<DrillDownQuery, 'page' | 'pageSize'> | null; title: string; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(
    () => (query ? statsApi.items({ ...query, page, pageSize: 20 }) : Promise.resolve(undefined)),
    [JSON.stringify(query), page],
  );
  return (
    <Drawer open={!!query} onClose={onClose} width={720} title={title} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error.message} />}
      {data && (
        <Typography.Paragraph type="secondary" data-testid="drill-summary" data-total={data.total}>
          {data.countName}：共 {data.total} 件，{data.persons} 人次
        </Typography.Paragraph>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '编号', dataIndex: 'caseNo', width: 190, render: (c: string, r) => <Link to={`/xf/${r.id}`}>{c}</Link> },
          { title: '标题', dataIndex: 'title', ellipsis: true },
          { title: '渠道', dataIndex: 'channel', width: 90, render: (c: string) => CHANNEL_LABELS[c as PetitionChannel] ?? c },
          {
            title: '登记日期',
            dataIndex: 'receivedAt',
            width: 110,
            render: (d: string) => new Date(d).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }),
          },
          { title: '人次', dataIndex: 'persons', width: 60 },
        ]}
      />
    </Drawer>
  );
}
