import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadUrl } from '../petitions/stats/statsApi.ts';
import { Link } from 'react-router-dom';
import type { LeaderCase } from './leadersApi.ts';

/** A leader's 包案 cases: open first, nearest due first (the server's order). */
export type OpenFilter = 'all' | 'open' | 'closed';
/** The `open` query parameter of the 包案 list and its export for a filter value. */
export const openParam = (f: OpenFilter): boolean | undefined => (f === 'all' ? undefined : f === 'open');

/** 全部 / 在办 / 已办结 and a download of exactly the filtered list (`exportPath`, e.g. /my/leader-cases/export.xlsx). */
export function LeaderCasesToolbar({ filter, onFilter, exportPath }: { filter: OpenFilter; onFilter: (f: OpenFilter) => void; exportPath: string }) {
  return (
    <Space style={{ marginBottom: 12 }} wrap>
      <Segmented value={filter} onChange={(v) => onFilter(v as OpenFilter)} options={[{ value: 'all', label: '全部' }, { value: 'open', label: '在办' }, { value: 'closed', label: '已办结' }]} />
      <Button icon={<DownloadOutlined />} href={downloadUrl(exportPath, { open: openParam(filter) })} data-testid="leader-cases-export">
        导出 Excel
      </Button>
    </Space>
  );
}

export function LeaderCasesTable({ items, loading }: { items: LeaderCase[]; loading: boolean }) {
  return (
    <Table
      rowKey="workItemId"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件` }}
      data-testid="leader-cases"
      columns={[
        { title: '编号', dataIndex: 'refNo', width: 190, render: (v: string, r) => <Link to={r.href}>{v}</Link> },
        { title: '标题', dataIndex: 'title', render: (v: string, r) => <Link to={r.href}>{v}</Link> },
        { title: '类别', dataIndex: 'moduleName', width: 80 },
        { title: '承办单位', dataIndex: 'ownerUnitName', width: 140 },
        { title: '最近期限', dataIndex: 'nearestDue', width: 110, render: (v: string | null) => v ?? '—' },
        {
          title: '状态',
          key: 'tags',
          width: 170,
          render: (_: unknown, r) => (
            <>
              {r.open ? <Tag color="blue">在办</Tag> : <Tag>已办结</Tag>}
              {r.listed && <Tag color="red">挂牌</Tag>}
              {r.backlogOpen && <Tag color="orange">积案</Tag>}
            </>
          ),
        },
      ]}
      locale={{ emptyText: <Typography.Text type="secondary">暂无包案事项</Typography.Text> }}
    />
  );
}
