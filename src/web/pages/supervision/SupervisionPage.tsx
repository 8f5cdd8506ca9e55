import { useState } from 'react';
import { Alert, Card, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { itemHref, shanghaiDay, supervisionApi, type ItemRef } from './supervisionApi.ts';

const PAGE_SIZE = 20;
const itemColumn = { title: '事项', key: 'item', render: (_: unknown, r: { item?: ItemRef } & Partial<ItemRef>) => {
  const item = (r.item ?? r) as ItemRef;
  return (
    <Link to={itemHref(item)}>
      <Typography.Text strong>{item.refNo}</Typography.Text> {item.title}
    </Link>
  );
} };
const unitColumn = { title: '承办单位', key: 'unit', render: (_: unknown, r: { item?: ItemRef; ownerUnitName?: string }) => r.item?.ownerUnitName ?? r.ownerUnitName };

function ListedTab() {
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(() => supervisionApi.listed(page, PAGE_SIZE), [page]);
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="listingId"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
        columns={[
          itemColumn,
          unitColumn,
          { title: '挂牌理由', dataIndex: 'reason' },
          { title: '挂牌人', dataIndex: 'listedByName', width: 110 },
          { title: '挂牌日期', dataIndex: 'listedAt', width: 110, render: (v: string) => shanghaiDay(v) },
        ]}
      />
    </>
  );
}

function BacklogTab() {
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(() => supervisionApi.backlog(status, page, PAGE_SIZE), [status, page]);
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => { setStatus(v as typeof status); setPage(1); }}
        options={[{ label: '未销号', value: 'open' }, { label: '已销号', value: 'closed' }, { label: '全部', value: 'all' }]}
      />
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
        columns={[
          itemColumn,
          { title: '化解方案', dataIndex: 'plan' },
          { title: '责任领导', dataIndex: 'leaderName', width: 100, render: (v: string | null) => v ?? '—' },
          { title: '责任单位', dataIndex: 'unitName', width: 140 },
          { title: '化解时限', dataIndex: 'dueDate', width: 110 },
          {
            title: '状态',
            key: 'state',
            width: 150,
            render: (_: unknown, r) =>
              r.closedAt ? <Tag color="green">已销号（{r.closedByName}核实）</Tag> : r.resultAt ? <Tag color="blue">待核实销号</Tag> : <Tag color="orange">化解中</Tag>,
          },
        ]}
      />
    </>
  );
}

function NoticesTab() {
  const [status, setStatus] = useState<'pending' | 'overdue' | 'all'>('pending');
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(() => supervisionApi.notices(status, page, PAGE_SIZE), [status, page]);
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => { setStatus(v as typeof status); setPage(1); }}
        options={[{ label: '待回复', value: 'pending' }, { label: '超期未回复', value: 'overdue' }, { label: '全部', value: 'all' }]}
      />
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
        columns={[
          itemColumn,
          unitColumn,
          { title: '级别', dataIndex: 'level', width: 70, render: (v: string) => (v === 'county' ? '县级' : '乡级') },
          { title: '督办内容', dataIndex: 'text' },
          { title: '回复期限', dataIndex: 'replyDue', width: 120, render: (v: string, r) => (r.overdue ? <Tag color="red">{v} 超期</Tag> : v) },
          { title: '回复', key: 'reply', render: (_: unknown, r) => (r.replyText ? `${r.repliedByName}：${r.replyText}` : '—') },
        ]}
      />
    </>
  );
}

const TABS = [
  { key: 'listed', label: '挂牌督办', children: <ListedTab /> },
  { key: 'backlog', label: '积案台账', children: <BacklogTab /> },
  { key: 'notices', label: '督办通知', children: <NoticesTab /> },
];

/** 督查督办: the county's 挂牌督办 list, the 积案 ledger and the 督办通知 awaiting reply, all within the caller's scope. */
export function SupervisionPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  const active = TABS.some((t) => t.key === tab) ? tab! : 'listed';
  return (
    <Card title="督查督办" size="small">
      <Typography.Paragraph type="secondary">在本人数据范围内的挂牌督办事项、积案台账与督办通知。办理、回复、销号请在事项页面“督办与领导”卡片中进行。</Typography.Paragraph>
      <Tabs activeKey={active} onChange={(k) => navigate(`/supervision/${k}`)} items={TABS} destroyOnHidden />
    </Card>
  );
}
