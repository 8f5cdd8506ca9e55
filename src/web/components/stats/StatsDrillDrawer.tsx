import { useState } from 'react';
import { Alert, Drawer, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { statsApi, type DrillDownQuery, type DrillDownResult, type StatsDefinition } from './statsApi.ts';

type Item = DrillDownResult['items'][number];

/**
 * The items behind one number of any module's statistics (same definition, same data scope as the number):
 * their number linking to the item, title, when they count, and the module's own columns.
 */
export function StatsDrillDrawer({
  definition,
  query,
  title,
  onClose,
}: {
  definition: StatsDefinition | undefined;
  query: Omit<DrillDownQuery, 'page' | 'pageSize'> | null;
  title: string;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  const module = definition?.module;
  const { data, loading, error } = useAsync(
    () => (query && module ? statsApi.items(module, { ...query, page, pageSize: 20 }) : Promise.resolve(undefined)),
    [module, JSON.stringify(query), page],
  );
  const sums = data ? Object.entries(data.sums).map(([key, n]) => `${n} ${definition?.counts.find((c) => c.key === key)?.name ?? ''}`) : [];
  const columns: TableProps<Item>['columns'] = [
    { title: '编号', dataIndex: 'no', width: 190, render: (no: string, r) => <Link to={r.href}>{no}</Link> },
    { title: '标题', dataIndex: 'title', ellipsis: true },
    ...(definition?.itemColumns.values ?? []).map((c) => ({ title: c.name, key: c.key, width: 90, render: (_: unknown, r: Item) => r.values[c.key] ?? '—' })),
    {
      title: definition?.itemColumns.at ?? '日期',
      dataIndex: 'at',
      width: 110,
      render: (d: string) => new Date(d).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }),
    },
  ];
  return (
    <Drawer open={!!query} onClose={onClose} width={720} title={title} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error.message} />}
      {data && (
        <Typography.Paragraph type="secondary" data-testid="drill-summary" data-total={data.total}>
          {data.countName}：共 {data.total} 件{sums.length ? `，${sums.join('，')}` : ''}
        </Typography.Paragraph>
      )}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={columns}
      />
    </Drawer>
  );
}
