import { Card, Tabs, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { NoticeReplyState } from './NoticeReplyState.tsx';
import { SupervisionList, itemColumn, unitColumn } from './SupervisionList.tsx';
import { shanghaiDay, supervisionApi, type BacklogRow, type ListedItem, type NoticeRow } from './supervisionApi.ts';

const ListedTab = () => (
  <SupervisionList<ListedItem>
    testId="supervision-listed"
    exportPath="/supervision/listed/export.xlsx"
    rowKey="listingId"
    emptyText="暂无挂牌督办事项"
    load={({ q, order, page, pageSize }) => supervisionApi.listed({ q, order, page, pageSize })}
    orderLabels={['挂牌时间由早到晚', '挂牌时间由晚到早']}
    defaultOrder="desc"
    columns={[
      itemColumn,
      unitColumn,
      { title: '挂牌理由', dataIndex: 'reason' },
      { title: '挂牌人', dataIndex: 'listedByName', width: 110 },
      { title: '挂牌日期', dataIndex: 'listedAt', width: 110, render: (v: string) => shanghaiDay(v) },
    ]}
  />
);

const BacklogTab = () => (
  <SupervisionList<BacklogRow, 'open' | 'closed' | 'all'>
    testId="supervision-backlog"
    exportPath="/supervision/backlog/export.xlsx"
    rowKey="id"
    emptyText="暂无积案"
    statuses={[
      { label: '未销号', value: 'open' },
      { label: '已销号', value: 'closed' },
      { label: '全部', value: 'all' },
    ]}
    load={(query) => supervisionApi.backlog(query)}
    orderLabels={['化解时限由近到远', '化解时限由远到近']}
    defaultOrder="asc"
    columns={[
      // the ledger is read by its time limit: fixed, in view on a tablet
      { title: '化解时限', dataIndex: 'dueDate', width: 110, fixed: 'left' },
      itemColumn,
      { title: '化解方案', dataIndex: 'plan' },
      { title: '责任领导', dataIndex: 'leaderName', width: 100, render: (v: string | null) => v ?? '—' },
      { title: '责任单位', dataIndex: 'unitName', width: 140 },
      {
        title: '状态',
        key: 'state',
        width: 150,
        render: (_: unknown, r) =>
          r.closedAt ? (
            <Tag color="green">已销号（{r.closedByName}核实）</Tag>
          ) : r.resultAt ? (
            <Tag color="blue">待核实销号</Tag>
          ) : (
            <Tag color="orange">化解中</Tag>
          ),
      },
    ]}
  />
);

const NoticesTab = () => (
  <SupervisionList<NoticeRow, 'pending' | 'overdue' | 'all'>
    testId="supervision-notices"
    exportPath="/supervision/notices/export.xlsx"
    rowKey="id"
    emptyText="暂无督办通知"
    statuses={[
      { label: '待回复', value: 'pending' },
      { label: '超期未回复', value: 'overdue' },
      { label: '全部（含已回复）', value: 'all' },
    ]}
    load={(query) => supervisionApi.notices(query)}
    orderLabels={['回复期限由近到远', '回复期限由远到近']}
    defaultOrder="asc"
    columns={[
      // read by the reply limit: fixed, in view on a tablet
      { title: '回复期限', dataIndex: 'replyDue', width: 110, fixed: 'left' },
      itemColumn,
      unitColumn,
      { title: '级别', dataIndex: 'level', width: 70, render: (v: string) => (v === 'county' ? '县级' : '乡级') },
      { title: '督办内容', dataIndex: 'text' },
      { title: '回复状态', key: 'state', width: 150, render: (_: unknown, r) => <NoticeReplyState notice={r} /> },
      { title: '回复', key: 'reply', render: (_: unknown, r) => (r.replyText ? `${r.repliedByName}（${shanghaiDay(r.repliedAt!)}）：${r.replyText}` : '—') },
    ]}
  />
);

const TABS = [
  { key: 'listed', label: '挂牌督办', children: <ListedTab /> },
  { key: 'backlog', label: '积案台账', children: <BacklogTab /> },
  { key: 'notices', label: '单件督办', children: <NoticesTab /> },
];

/** 督查督办: the county's 挂牌督办 list, the 积案 ledger and the single-item 督办通知 (tab 单件督办, apart from the numbered 督办通知 of the menu) with their reply state, all within the caller's scope. */
export function SupervisionPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  const active = TABS.some((t) => t.key === tab) ? tab! : 'listed';
  return (
    <Card title="督查督办" size="small">
      <Typography.Paragraph type="secondary">
        在本人数据范围内的挂牌督办事项、积案台账与对单个事项发出的督办通知（单件督办）。办理、回复、销号请在事项页面“督办与领导”卡片中进行；编号发文、成批交办的督办通知见菜单“督办通知”。
      </Typography.Paragraph>
      <Tabs activeKey={active} onChange={(k) => navigate(`/supervision/${k}`)} items={TABS} destroyOnHidden />
    </Card>
  );
}
