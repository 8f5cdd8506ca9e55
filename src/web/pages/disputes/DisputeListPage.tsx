import { Button, Space, Tag } from 'antd';
import type { TableProps } from 'antd';
import { Link } from 'react-router-dom';
import { ListPage } from '../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../components/list-page/useListQuery.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useUnits } from '../../hooks/useUnits.ts';
import { exportLink } from '../safety/safetyApi.ts';
import { disputesApi, type DisputeRow } from './disputesApi.ts';

const SPEC = { keys: ['state', 'typeId', 'source', 'townshipUnitId', 'urgent', 'overdue', 'campaignId', 'mediationKind', 'q'] as const };
const STATES = [
  { value: '', label: '全部' },
  { value: 'registered', label: '待受理' },
  { value: 'mediating', label: '调解中' },
  { value: 'agreed', label: '协议待签署' },
  { value: 'performing', label: '履行中' },
  { value: 'performed', label: '待回访' },
  { value: 'closed', label: '已调结' },
  { value: 'failed', label: '调解不成' },
];
const FINAL = ['closed', 'failed', 'refused', 'escalated'];

/** 矛盾纠纷台账: every dispute the user may see, filters in the URL, Excel export of the same filter. */
export function DisputeListPage() {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const options = useAsync(() => disputesApi.options(), []);
  const units = useUnits();
  const townships = units.list
    .filter((u) => (u.kind === 'township' || u.kind === 'street') && !u.disabled)
    .map((u) => ({ value: String(u.id), label: u.name }));
  const list = useListQuery(SPEC, (s) =>
    disputesApi.list({
      state: (s.filters.state || undefined) as never,
      typeId: s.filters.typeId ? Number(s.filters.typeId) : undefined,
      source: (s.filters.source || undefined) as never,
      townshipUnitId: s.filters.townshipUnitId ? Number(s.filters.townshipUnitId) : undefined,
      campaignId: s.filters.campaignId ? Number(s.filters.campaignId) : undefined,
      mediationKind: (s.filters.mediationKind || undefined) as never,
      urgent: (s.filters.urgent || undefined) as never,
      overdue: (s.filters.overdue || undefined) as never,
      q: s.filters.q || undefined,
      page: s.page,
      pageSize: s.pageSize,
    }),
  );
  // as on the 信访 list: number, state and 期限 first, so they stay in sight at 1366 px without scrolling sideways
  const columns: TableProps<DisputeRow>['columns'] = [
    {
      title: '纠纷编号',
      dataIndex: 'refNo',
      width: 150,
      fixed: 'left',
      render: (v: string, r) => (
        <Link to={`/disputes/${r.id}`} style={{ whiteSpace: 'nowrap' }}>
          {v}
        </Link>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 120,
      render: (_: unknown, r) => (
        <Space size={4} wrap>
          <Tag color={FINAL.includes(r.state) ? (r.state === 'closed' ? 'green' : 'default') : 'blue'}>{r.stateName}</Tag>
          {r.levelName && r.state === 'closed' && <Tag>{r.levelName}</Tag>}
        </Space>
      ),
    },
    {
      title: '期限',
      dataIndex: 'runningDue',
      width: 110,
      render: (v: string | null) => (v ? <span style={{ color: v < today ? '#cf1322' : undefined, whiteSpace: 'nowrap' }}>{v}</span> : '—'),
    },
    {
      title: '简要情况',
      dataIndex: 'title',
      ellipsis: true,
      width: 280,
      // the title opens with the place and the type, which have their own columns
      render: (v: string, r) => (
        <Space size={4}>
          {r.urgent && <Tag color="red">紧急</Tag>}
          <span>{v.includes('：') ? v.slice(v.indexOf('：') + 1) : v}</span>
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'typeName', width: 110 },
    {
      title: '发生地',
      key: 'place',
      width: 150,
      render: (_: unknown, r) => (r.townshipName && r.townshipName !== r.placeName ? `${r.townshipName} ${r.placeName}` : r.placeName),
    },
    { title: '调解途径', dataIndex: 'mediationKindName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: '来源', dataIndex: 'sourceName', width: 100 },
    { title: '登记日期', dataIndex: 'foundOn', width: 110 },
  ];
  return (
    <ListPage
      title="矛盾纠纷台账"
      list={list}
      columns={columns}
      rowKey="id"
      tabs={{ key: 'state', items: STATES }}
      filters={[
        { type: 'search', key: 'q', placeholder: '编号、地点或情况', width: 200 },
        { type: 'select', key: 'typeId', placeholder: '纠纷类型', options: (options.data?.types ?? []).map((t) => ({ value: String(t.id), label: t.name })) },
        { type: 'select', key: 'source', placeholder: '来源', options: (options.data?.sources ?? []).map((s) => ({ value: s.code, label: s.name })) },
        { type: 'select', key: 'townshipUnitId', placeholder: '乡镇（街道）', options: townships, searchable: true },
        {
          type: 'select',
          key: 'mediationKind',
          placeholder: '调解途径',
          options: (options.data?.mediationKinds ?? []).map((m) => ({ value: m.code, label: m.name })),
        },
        {
          type: 'select',
          key: 'urgent',
          placeholder: '是否紧急',
          options: [
            { value: 'true', label: '有激化风险' },
            { value: 'false', label: '一般' },
          ],
        },
      ]}
      actions={
        <Space wrap>
          {list.data?.mayRecord && (
            <Link to="/disputes/new">
              <Button type="primary" data-testid="dispute-new">
                登记纠纷
              </Button>
            </Link>
          )}
          <Link to="/disputes/campaigns">
            <Button>排查活动</Button>
          </Link>
          <Link to="/stats?module=dispute">
            <Button>纠纷统计</Button>
          </Link>
          <Link to={list.filters.overdue ? '/disputes' : '/disputes?overdue=true'}>
            <Button>{list.filters.overdue ? '全部纠纷' : '只看超期'}</Button>
          </Link>
        </Space>
      }
      exportHref={exportLink('/disputes/export.xlsx', {
        state: list.filters.state,
        typeId: list.filters.typeId,
        source: list.filters.source,
        townshipUnitId: list.filters.townshipUnitId,
        campaignId: list.filters.campaignId,
        mediationKind: list.filters.mediationKind,
        urgent: list.filters.urgent,
        overdue: list.filters.overdue,
        q: list.filters.q,
      })}
      emptyText="没有符合条件的矛盾纠纷"
      unit="件纠纷"
      testId="dispute-list"
      scrollX={1230}
    />
  );
}
