import { useState } from 'react';
import { Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { downloadUrl } from '../../api/download.ts';
import { petitionApi, type MatterType, type PetitionFlag, type PetitionListItem, type PetitionListQuery } from '../../api/petitions.ts';
import { ListPage } from '../../components/list-page/ListPage.tsx';
import type { ListState } from '../../components/list-page/listState.ts';
import { useListQuery } from '../../components/list-page/useListQuery.ts';
import { WarningTag } from '../../components/WarningTag.tsx';
import { useAuth } from '../../hooks/auth.tsx';
import { labelOf } from '../../labels.ts';
import { FlagTags } from './FlagTags.tsx';
import { rowActionsFor, usePetitionRowActions } from './RowActions.tsx';
import { CHANNEL_LABELS, CHANNELS, FLAG_LABELS, FLAGS, MATTER_LABELS, STAGE_LABELS, petitionStateLabel, shanghaiDay } from './labels.ts';

/** The tabs: a state, or the overdue cut across states. */
const TABS: { value: string; label: string; query: Partial<PetitionListQuery> }[] = [
  { value: 'all', label: '全部', query: {} },
  { value: 'registered', label: '待受理', query: { state: 'registered' } },
  { value: 'handling', label: '办理中', query: { state: 'handling' } },
  { value: 'assigned', label: '已交办', query: { state: 'assigned' } },
  { value: 'overdue', label: '超期', query: { overdue: 'true' } },
  { value: 'closed', label: '已办结', query: { state: 'closed' } },
  { value: 'terminated', label: '已终结', query: { state: 'terminated' } },
  { value: 'withdrawn', label: '已撤回', query: { state: 'withdrawn' } },
];

const KEYS = ['tab', 'channel', 'matterType', 'flag', 'from', 'to', 'q'] as const;
type Key = (typeof KEYS)[number];
const SPEC = { keys: KEYS, defaults: { tab: 'all' }, defaultSort: '-receivedAt' };

/** The list's URL state as the route's query (also the export's, without paging). */
function toQuery(s: ListState<Key>): PetitionListQuery {
  const f = s.filters;
  return {
    ...TABS.find((t) => t.value === f.tab)?.query,
    channel: f.channel as PetitionListQuery['channel'],
    matterType: f.matterType as MatterType | undefined,
    flag: f.flag as PetitionFlag | undefined,
    from: f.from,
    to: f.to,
    q: f.q,
    sort: s.sort as PetitionListQuery['sort'],
    page: s.page,
    pageSize: s.pageSize,
  };
}

/**
 * The columns: 预警 and 期限 first and fixed (what a clerk reads a list by; still in view on a tablet's 820 px),
 * the row's actions fixed at the end.
 */
const columns: ColumnsType<PetitionListItem> = [
  {
    title: '预警',
    key: 'warning',
    width: 92,
    fixed: 'left',
    // the server words the level of the nearest running clock on its own today, with the county's thresholds
    render: (_: unknown, p) => (p.nearestDue ? <WarningTag level={p.warningLevel} /> : <Typography.Text type="secondary">—</Typography.Text>),
  },
  {
    title: '期限',
    key: 'due',
    width: 108,
    fixed: 'left',
    render: (_: unknown, p) => (p.nearestDue ? <span className="anwen-due">{p.nearestDue}</span> : <Typography.Text type="secondary">—</Typography.Text>),
  },
  {
    title: '编号',
    dataIndex: 'caseNo',
    key: 'caseNo',
    width: 190,
    render: (caseNo: string, p) => (
      <Space size={4}>
        <Link to={`/xf/${p.id}`}>{caseNo}</Link>
        {p.stage !== 'initial' && <Tag color="purple">{labelOf(STAGE_LABELS, p.stage)}</Tag>}
      </Space>
    ),
  },
  { title: '标题', dataIndex: 'title', key: 'title', width: 220, ellipsis: true, render: (t: string, p) => <Link to={`/xf/${p.id}`}>{t}</Link> },
  { title: '状态', dataIndex: 'state', key: 'state', width: 100, render: (s: string, p) => petitionStateLabel(s, p.stateName) },
  { title: '渠道', dataIndex: 'channel', key: 'channel', width: 90, render: (c: string) => labelOf(CHANNEL_LABELS, c) },
  { title: '属地', key: 'place', width: 130, ellipsis: true, render: (_: unknown, p) => p.placeUnitName ?? '—' },
  { title: '标记', key: 'flags', width: 170, render: (_: unknown, p) => <FlagTags flags={p.flags} /> },
  { title: '登记日期', key: 'registered', width: 110, render: (_: unknown, p) => shanghaiDay(p.receivedAt) },
];

/** 信访事项 /xf: tabs by state, filters, and a row per case linking to the case page. */
export function PetitionListPage() {
  const navigate = useNavigate();
  const { user } = useAuth();
  const canRegister = !!user?.roles.some((r) => r === 'xfj_staff' || r === 'sys_admin');
  const list = useListQuery(SPEC, (s) => petitionApi.list(toQuery(s)));
  const role = {
    xfj: !!user?.roles.includes('xfj_staff'),
    supervisor: !!user?.roles.some((r) => ['xfj_staff', 'dcb_staff', 'safety_staff', 'wwb_staff', 'county_leader', 'township_staff'].includes(r)),
  };
  const [selected, setSelected] = useState<PetitionListItem[]>([]);
  const rowActions = usePetitionRowActions(() => {
    setSelected([]);
    list.reload();
  });
  const withActions: ColumnsType<PetitionListItem> =
    role.xfj || role.supervisor
      ? [
          ...columns,
          {
            title: '操作',
            key: 'actions',
            width: 128,
            fixed: 'right',
            render: (_: unknown, p) => rowActions.buttons(p, rowActionsFor(p, role)),
          },
        ]
      : columns;
  return (
    <ListPage<PetitionListItem, Key>
      list={list}
      title="信访事项"
      testId="petition-table"
      rowKey="id"
      columns={withActions}
      emptyText="暂无信访事项"
      scrollX={1340}
      tabs={{ key: 'tab', items: TABS }}
      filters={[
        { type: 'select', key: 'channel', placeholder: '渠道', options: CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })), width: 130 },
        {
          type: 'select',
          key: 'matterType',
          placeholder: '事项类型',
          options: (Object.keys(MATTER_LABELS) as MatterType[]).map((m) => ({ value: m, label: MATTER_LABELS[m] })),
          width: 130,
        },
        { type: 'select', key: 'flag', placeholder: '标记', options: FLAGS.map((f) => ({ value: f, label: FLAG_LABELS[f] })), width: 130 },
        { type: 'dateRange', from: 'from', to: 'to', placeholder: ['登记起', '登记止'] },
        { type: 'search', key: 'q', placeholder: '编号、标题，或信访人姓名、身份证号、电话', testId: 'petition-search', width: 300 },
      ]}
      sort={{
        width: 170,
        options: [
          { value: '-receivedAt', label: '登记时间由新到旧' },
          { value: 'receivedAt', label: '登记时间由旧到新' },
          { value: '-caseNo', label: '编号由大到小' },
          { value: 'caseNo', label: '编号由小到大' },
        ],
      }}
      exportHref={downloadUrl('/petitions/export.xlsx', { ...toQuery(list), page: undefined, pageSize: undefined })}
      actions={
        canRegister && (
          <>
            <Button onClick={() => navigate('/xf/import')}>导入台账</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/xf/new')}>
              登记
            </Button>
          </>
        )
      }
      toolbarExtra={
        role.xfj && (
          <Button
            disabled={selected.length === 0}
            loading={rowActions.batchOpening}
            onClick={() => void rowActions.openBatch(selected)}
            data-testid="batch-assign"
          >
            批量交办{selected.length ? `（${selected.length}）` : ''}
          </Button>
        )
      }
      below={rowActions.modals}
      tableProps={{
        rowSelection: role.xfj
          ? {
              selectedRowKeys: selected.map((p) => p.id),
              onChange: (_keys, rows) => setSelected(rows),
              // only cases waiting for a decision can be 交办'd together
              getCheckboxProps: (p) => ({ disabled: p.state !== 'registered', 'aria-label': `选择 ${p.caseNo}` }),
              columnWidth: 40,
              fixed: 'left',
            }
          : undefined,
        onRow: (p) => ({
          onClick: (e) => {
            // links, buttons and the selection box inside the row do their own thing
            if ((e.target as HTMLElement).closest('a, button, .ant-table-selection-column')) return;
            navigate(`/xf/${p.id}`);
          },
          style: { cursor: 'pointer' },
        }),
      }}
    />
  );
}
