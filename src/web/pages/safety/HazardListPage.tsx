import { Button, Space, Tag } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../hooks/auth.tsx';
import { SelfReportModal } from './SelfReportModal.tsx';
import { ListPage } from '../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../components/list-page/useListQuery.ts';
import { exportLink, safetyApi, type HazardRow } from './safetyApi.ts';

const SPEC = { keys: ['state', 'grade', 'overdue', 'q'] as const };
const WARNING_COLOR: Record<string, string> = { approaching: 'gold', overdue: 'red', severe: 'magenta', normal: 'green' };
const STATES = [
  { value: '', label: '全部' },
  { value: 'reported', label: '待整改' },
  { value: 'rectifying', label: '整改中' },
  { value: 'verifying', label: '待验收' },
  { value: 'closed', label: '已销号' },
];

/** 隐患台账: every hazard the user may see, with its 整改期限 and warning, filters in the URL, Excel export. */
export function HazardListPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [reporting, setReporting] = useState(false);
  const isEnterprise = !!user?.roles.includes('enterprise');
  const list = useListQuery(SPEC, (s) =>
    safetyApi.hazards({
      state: (s.filters.state || undefined) as never,
      grade: (s.filters.grade || undefined) as never,
      overdue: (s.filters.overdue || undefined) as never,
      q: s.filters.q || undefined,
      page: s.page,
      pageSize: s.pageSize,
    }),
  );
  const columns: TableProps<HazardRow>['columns'] = [
    { title: '隐患编号', dataIndex: 'refNo', width: 150, render: (v: string, r) => <Link to={`/safety/hazards/${r.id}`}>{v}</Link> },
    { title: '隐患单位', dataIndex: 'enterpriseName', width: 180, ellipsis: true },
    { title: '隐患描述', dataIndex: 'description', ellipsis: true },
    { title: '级别', dataIndex: 'gradeName', width: 90, render: (v: string, r) => <Tag color={r.grade === 'major' ? 'red' : 'default'}>{v}</Tag> },
    { title: '来源', dataIndex: 'sourceName', width: 90 },
    { title: '属地', dataIndex: 'townshipName', width: 100 },
    { title: '整改期限', dataIndex: 'dueOn', width: 110 },
    {
      title: '状态 / 预警',
      key: 'state',
      width: 150,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Tag color={r.state === 'closed' ? 'green' : 'blue'}>{r.stateName}</Tag>
          {r.warningName && r.warningLevel !== 'normal' && <Tag color={WARNING_COLOR[r.warningLevel ?? 'normal']}>{r.warningName}</Tag>}
          {r.listed && <Tag color="volcano">挂牌督办</Tag>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <SelfReportModal open={reporting} onClose={() => setReporting(false)} onDone={(id) => navigate(`/safety/hazards/${id}`)} />
      <ListPage
        title="隐患台账"
        list={list}
        columns={columns}
        rowKey="id"
        tabs={{ key: 'state', items: STATES }}
        actions={
          <Space>
            {isEnterprise && (
              <Button type="primary" onClick={() => setReporting(true)} data-testid="self-report">
                自查自报
              </Button>
            )}
            <Link to="/safety/enterprises">
              <Button>企业登记册</Button>
            </Link>
            {!isEnterprise && (
              <Link to="/stats?module=hazard">
                <Button>隐患统计</Button>
              </Link>
            )}
            <Link to={list.filters.overdue ? '/safety/hazards' : '/safety/hazards?overdue=true'}>
              <Button>{list.filters.overdue ? '全部隐患' : '只看超期'}</Button>
            </Link>
          </Space>
        }
        exportHref={exportLink('/safety/hazards/export.xlsx', {
          state: list.filters.state,
          grade: list.filters.grade,
          overdue: list.filters.overdue,
          q: list.filters.q,
        })}
        emptyText="没有符合条件的隐患"
        unit="条隐患"
        testId="hazard-list"
        scrollX={1100}
      />
    </>
  );
}
