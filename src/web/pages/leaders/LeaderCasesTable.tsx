import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { downloadUrl } from '../../api/download.ts';
import { ListPage } from '../../components/list-page/ListPage.tsx';
import type { FilterDef, Option } from '../../components/list-page/ListFilters.tsx';
import type { ListState } from '../../components/list-page/listState.ts';
import { useListQuery } from '../../components/list-page/useListQuery.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { leadersApi, type LeaderCase } from './leadersApi.ts';

/** The `open` query parameter of the 包案 list and its export: 全部 / 在办 / 已结束 (办结, 撤回, 转送, 终结). */
const OPEN_OPTIONS: Option[] = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '在办' },
  { value: 'closed', label: '已结束（含撤回）' },
];
type Key = 'open' | 'leader';
const openParam = (s: ListState<Key>) => (s.filters.open === 'open' ? ('true' as const) : s.filters.open === 'closed' ? ('false' as const) : undefined);

const columns: ColumnsType<LeaderCase> = [
  // read by the nearest deadline: fixed, in view on a tablet
  { title: '最近期限', dataIndex: 'nearestDue', key: 'due', width: 110, fixed: 'left', render: (v: string | null) => v ?? '—' },
  { title: '编号', dataIndex: 'refNo', key: 'refNo', width: 190, render: (v: string, r) => <Link to={r.href}>{v}</Link> },
  { title: '标题', dataIndex: 'title', key: 'title', render: (v: string, r) => <Link to={r.href}>{v}</Link> },
  { title: '类别', dataIndex: 'moduleName', key: 'module', width: 80 },
  { title: '承办单位', dataIndex: 'ownerUnitName', key: 'unit', width: 140 },
  {
    title: '状态',
    key: 'tags',
    width: 170,
    render: (_: unknown, r) => (
      <>
        {/* a finished case says how it ended: 已办结, 已撤回, 已转送 … */}
        {r.open ? <Tag color="blue">在办</Tag> : <Tag>{r.stateName}</Tag>}
        {r.listed && <Tag color="red">挂牌</Tag>}
        {r.backlogOpen && <Tag color="orange">积案</Tag>}
      </>
    ),
  },
];

/** A leader's 包案 cases (open first, nearest due first: the server's order), filtered and exported the same way. */
function LeaderCasesList({
  spec,
  load,
  exportPath,
  leaderFilter,
  emptyText,
}: {
  spec: { keys: readonly Key[]; defaults: Partial<Record<Key, string>> };
  load: (s: ListState<Key>) => Promise<{ items: LeaderCase[] }>;
  exportPath: (s: ListState<Key>) => string | undefined;
  leaderFilter?: FilterDef<Key>;
  emptyText: string;
}) {
  const list = useListQuery<Key, { items: LeaderCase[] }>(spec, load);
  const path = exportPath(list);
  return (
    <ListPage<LeaderCase, Key>
      bare
      list={list}
      columns={columns}
      rowKey="workItemId"
      testId="leader-cases"
      size="small"
      emptyText={emptyText}
      filters={[...(leaderFilter ? [leaderFilter] : []), { type: 'segmented', key: 'open', options: OPEN_OPTIONS }]}
      exportHref={path && downloadUrl(path, { open: openParam(list) })}
    />
  );
}

const MY_SPEC = { keys: ['open'] as const, defaults: { open: 'all' } };
const BY_LEADER_SPEC = { keys: ['open', 'leader'] as const, defaults: { open: 'all' } };

/** 我的包案 of the signed-in county leader. */
export function MyLeaderCases() {
  return (
    <LeaderCasesList
      spec={MY_SPEC}
      load={(s) => leadersApi.myCases({ open: openParam(s) })}
      exportPath={() => '/my/leader-cases/export.xlsx'}
      emptyText="暂无包案事项"
    />
  );
}

/** 包案清单 of any leader, picked in the toolbar (kept in the URL like every filter). */
export function CasesByLeader() {
  const leaders = useAsync(() => leadersApi.leaders(), []);
  const leaderId = (s: ListState<Key>) => (s.filters.leader ? Number(s.filters.leader) : undefined);
  return (
    <LeaderCasesList
      spec={BY_LEADER_SPEC}
      load={(s) => {
        const id = leaderId(s);
        return id ? leadersApi.cases(id, { open: openParam(s) }) : Promise.resolve({ items: [] });
      }}
      exportPath={(s) => (leaderId(s) ? `/leaders/${leaderId(s)}/cases/export.xlsx` : undefined)}
      leaderFilter={{
        type: 'select',
        key: 'leader',
        placeholder: '选择领导',
        width: 240,
        options: (leaders.data?.items ?? []).map((l) => ({ value: String(l.id), label: `${l.name}（${l.title}）` })),
      }}
      emptyText="请先选择领导，或该领导暂无包案事项"
    />
  );
}
