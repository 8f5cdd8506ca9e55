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
import { CHANNEL_LABELS, CHANNELS, FLAG_LABELS, FLAGS, MATTER_LABELS, STAGE_LABELS, petitionStateLabel, shanghaiDay } from './labels.ts';

/** The tabs: a state, or the overdue cut across states. */
const TABS: { value: string; label: string; query: Partial<PetitionListQuery> }[] = [
  { value: 'all', label: '全部', query: {} },
  { value: 'registered', label: '待受理', query: { state: 'registered' } },
  { value: 'handling', label: '办理中', query: { state: 'handling' } },
  { value: 'assigned', label: '已交办', query: { state: 'assigned' } },
  { value: 'overdue', label: '超期', query: { overdue: 'true' } },
  { value: 'terminated', label: '已终结', query: { state: 'terminated' } },
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

const columns: ColumnsType<PetitionListItem> = [
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
  { title: '渠道', dataIndex: 'channel', key: 'channel', width: 90, render: (c: string) => labelOf(CHANNEL_LABELS, c) },
  { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true, render: (t: string, p) => <Link to={`/xf/${p.id}`}>{t}</Link> },
  { title: '属地', key: 'place', width: 130, ellipsis: true, render: (_: unknown, p) => p.placeUnitName ?? '—' },
  { title: '状态', dataIndex: 'state', key: 'state', width: 100, render: (s: string, p) => petitionStateLabel(s, p.stateName) },
  { title: '标记', key: 'flags', width: 170, render: (_: unknown, p) => <FlagTags flags={p.flags} /> },
  {
    title: '期限',
    key: 'due',
    width: 160,
    // the server words the level of the nearest running clock on its own today, with the county's thresholds
    render: (_: unknown, p) =>
      p.nearestDue ? (
        <Space size={4}>
          <span className="anwen-due">{p.nearestDue}</span>
          {p.warningLevel && <WarningTag level={p.warningLevel} />}
        </Space>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      ),
  },
  { title: '登记日期', key: 'registered', width: 110, render: (_: unknown, p) => shanghaiDay(p.receivedAt) },
];

/** 信访事项 /xf: tabs by state, filters, and a row per case linking to the case page. */
export function PetitionListPage() {
  const navigate = useNavigate();
  const { user } = useAuth();
  const canRegister = !!user?.roles.some((r) => r === 'xfj_staff' || r === 'sys_admin');
  const list = useListQuery(SPEC, (s) => petitionApi.list(toQuery(s)));
  return (
    <ListPage<PetitionListItem, Key>
      list={list}
      title="信访事项"
      testId="petition-table"
      rowKey="id"
      columns={columns}
      emptyText="暂无信访事项"
      scrollX={1100}
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
        { type: 'search', key: 'q', placeholder: '编号、标题或内容', testId: 'petition-search' },
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
      tableProps={{
        onRow: (p) => ({
          onClick: (e) => {
            // links inside the row navigate on their own
            if ((e.target as HTMLElement).closest('a')) return;
            navigate(`/xf/${p.id}`);
          },
          style: { cursor: 'pointer' },
        }),
      }}
    />
  );
}
