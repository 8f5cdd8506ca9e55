import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { LeaderCase } from './leadersApi.ts';

/** A leader's 包案 cases: open first, nearest due first (the server's order). */
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
