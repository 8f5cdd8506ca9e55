import { useState } from 'react';
import { Alert, Button, Input, Segmented, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadUrl } from '../petitions/stats/statsApi.ts';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { itemHref, type ItemRef, type ListFilter } from './supervisionApi.ts';

export const PAGE_SIZE = 20;

/** The 事项 column: case number and title, opening the item. Rows carry the item inline or under `item`. */
export const itemColumn = {
  title: '事项',
  key: 'item',
  render: (_: unknown, r: { item?: ItemRef } & Partial<ItemRef>) => {
    const item = (r.item ?? r) as ItemRef;
    return (
      <Link to={itemHref(item)}>
        <Typography.Text strong>{item.refNo}</Typography.Text> {item.title}
      </Link>
    );
  },
};
export const unitColumn = { title: '承办单位', key: 'unit', width: 150, render: (_: unknown, r: { item?: ItemRef; ownerUnitName?: string }) => r.item?.ownerUnitName ?? r.ownerUnitName };

interface Props<T, S extends string> {
  /** status filter shown above the table; omitted = no filter */
  statuses?: { value: S; label: string }[];
  initialStatus?: S;
  load: (status: S | undefined, page: number, pageSize: number, filter: ListFilter) => Promise<{ items: T[]; total: number }>;
  /** labels of the date order (ascending first), e.g. ['化解时限由近到远', '化解时限由远到近'] */
  orderLabels: [string, string];
  defaultOrder: 'asc' | 'desc';
  columns: ColumnsType<T>;
  rowKey: keyof T & string;
  testId: string;
  /** the list's Excel export (same filters, unpaged), e.g. /supervision/backlog/export.xlsx */
  exportPath?: string;
}

/** One paged, optionally filtered 督办 list (挂牌督办, 积案台账, 督办通知 share it). */
export function SupervisionTable<T extends object, S extends string = never>({ statuses, initialStatus, load, columns, rowKey, testId, exportPath, orderLabels, defaultOrder }: Props<T, S>) {
  const [status, setStatus] = useState<S | undefined>(initialStatus ?? statuses?.[0]?.value);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [order, setOrder] = useState<'asc' | 'desc'>(defaultOrder);
  const filter: ListFilter = { q: q || undefined, order };
  const { data, loading, error } = useAsync(() => load(status, page, PAGE_SIZE, filter), [status, page, q, order]);
  return (
    <div data-testid={testId}>
      <Space style={{ marginBottom: 12 }} wrap>
        {statuses && <Segmented value={status} onChange={(v) => { setStatus(v as S); setPage(1); }} options={statuses} />}
        <Input.Search allowClear placeholder="编号或标题" style={{ width: 200 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid={`${testId}-search`} />
        <Select value={order} style={{ width: 170 }} onChange={(v) => { setOrder(v); setPage(1); }} options={[{ value: 'asc', label: orderLabels[0] }, { value: 'desc', label: orderLabels[1] }]} />
        {exportPath && (
          <Button icon={<DownloadOutlined />} href={downloadUrl(exportPath, { status, ...filter })} data-testid={`${testId}-export`}>
            导出 Excel
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
      <Table<T>
        rowKey={rowKey}
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        // a minimum width: on a phone the table scrolls inside its box; long texts wrap instead of pushing columns out
        scroll={{ x: 960 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
        columns={columns}
      />
    </div>
  );
}
