import { useState } from 'react';
import { downloadUrl } from './stats/statsApi.ts';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { petitionApi, type MatterType, type PetitionChannel, type PetitionFlag, type PetitionListItem, type PetitionListQuery } from '../../api/petitions.ts';
import { WarningTag } from '../../components/WarningTag.tsx';
import { useAuth } from '../../hooks/auth.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { FlagTags } from './FlagTags.tsx';
import { CHANNEL_LABELS, CHANNELS, FLAG_LABELS, FLAGS, MATTER_LABELS, STAGE_LABELS, petitionStateLabel, shanghaiDay } from './labels.ts';

const PAGE_SIZE = 20;

/** The tabs: a state, or the overdue cut across states. */
const TABS: { key: string; label: string; query: Partial<PetitionListQuery> }[] = [
  { key: 'all', label: '全部', query: {} },
  { key: 'registered', label: '待受理', query: { state: 'registered' } },
  { key: 'handling', label: '办理中', query: { state: 'handling' } },
  { key: 'assigned', label: '已交办', query: { state: 'assigned' } },
  { key: 'overdue', label: '超期', query: { overdue: true } },
  { key: 'terminated', label: '已终结', query: { state: 'terminated' } },
];

interface Filters {
  channel?: PetitionChannel;
  matterType?: MatterType;
  flag?: PetitionFlag;
  range?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
}

const registered = (p: PetitionListItem) => shanghaiDay(p.receivedAt ?? p.createdAt);

/** 信访事项 /xf: tabs by state, filters, and a row per case linking to the case page. */
export function PetitionListPage() {
  const navigate = useNavigate();
  const { user } = useAuth();
  const canRegister = !!user?.roles.some((r) => r === 'xfj_staff' || r === 'sys_admin');
  const [tab, setTab] = useState('all');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const tabQuery = TABS.find((t) => t.key === tab)?.query ?? {};
  const query: PetitionListQuery = {
    ...tabQuery,
    channel: filters.channel,
    matterType: filters.matterType,
    flag: filters.flag,
    from: filters.range?.[0]?.format('YYYY-MM-DD'),
    to: filters.range?.[1]?.format('YYYY-MM-DD'),
    q: filters.q?.trim() || undefined,
    page,
    pageSize,
  };
  const { data, loading, error } = useAsync(() => petitionApi.list(query), [JSON.stringify(query)]);
  const setFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const columns: TableProps<PetitionListItem>['columns'] = [
    {
      title: '编号',
      dataIndex: 'caseNo',
      key: 'caseNo',
      width: 190,
      render: (caseNo: string, p) => (
        <Space size={4}>
          <Link to={`/xf/${p.id}`}>{caseNo}</Link>
          {p.stage && p.stage !== 'initial' && <Tag color="purple">{STAGE_LABELS[p.stage]}</Tag>}
        </Space>
      ),
    },
    { title: '渠道', dataIndex: 'channel', key: 'channel', width: 90, render: (c: PetitionChannel) => CHANNEL_LABELS[c] ?? c },
    { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true, render: (t: string, p) => <Link to={`/xf/${p.id}`}>{t}</Link> },
    { title: '属地', key: 'place', width: 130, ellipsis: true, render: (_: unknown, p) => p.placeUnit?.name ?? p.placeUnitName ?? '—' },
    { title: '状态', dataIndex: 'state', key: 'state', width: 100, render: (s: string, p) => petitionStateLabel(s, p.stateName) },
    { title: '标记', key: 'flags', width: 170, render: (_: unknown, p) => <FlagTags flags={p.flags} /> },
    {
      title: '期限',
      key: 'due',
      width: 160,
      render: (_: unknown, p) => {
        // the server words the level of the nearest running clock on its own today, with the county's thresholds
        if (!p.nearestDue) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space size={4}>
            <span className="anwen-due">{p.nearestDue}</span>
            {p.warningLevel && <WarningTag level={p.warningLevel} />}
          </Space>
        );
      },
    },
    { title: '登记日期', key: 'registered', width: 110, render: (_: unknown, p) => registered(p) },
  ];

  return (
    <div className="anwen-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Typography.Title level={4} className="anwen-page-title">
          信访事项
        </Typography.Title>
        <Space>
          <Button href={downloadUrl('/petitions/export.xlsx', { ...query, page: undefined, pageSize: undefined })}>导出</Button>
          {canRegister && <Button onClick={() => navigate('/xf/import')}>导入台账</Button>}
          {canRegister && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/xf/new')}>
              登记
            </Button>
          )}
        </Space>
      </Space>
      <Card className="anwen-table-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k);
            setPage(1);
          }}
          items={TABS.map((t) => ({ key: t.key, label: t.label }))}
        />
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<PetitionChannel>
            allowClear
            placeholder="渠道"
            style={{ width: 130 }}
            value={filters.channel}
            onChange={(v) => setFilter({ channel: v })}
            options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
          />
          <Select<MatterType>
            allowClear
            placeholder="事项类型"
            style={{ width: 130 }}
            value={filters.matterType}
            onChange={(v) => setFilter({ matterType: v })}
            options={(Object.keys(MATTER_LABELS) as MatterType[]).map((m) => ({ value: m, label: MATTER_LABELS[m] }))}
          />
          <Select<PetitionFlag>
            allowClear
            placeholder="标记"
            style={{ width: 130 }}
            value={filters.flag}
            onChange={(v) => setFilter({ flag: v })}
            options={FLAGS.map((f) => ({ value: f, label: FLAG_LABELS[f] }))}
          />
          <DatePicker.RangePicker value={filters.range ?? null} onChange={(r) => setFilter({ range: r })} placeholder={['登记起', '登记止']} />
          <Input.Search allowClear placeholder="编号、标题或内容" style={{ width: 220 }} onSearch={(q) => setFilter({ q })} data-testid="petition-search" />
        </Space>
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
        <Table<PetitionListItem>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 1100 }}
          onRow={(p) => ({ onClick: (e) => {
            // links inside the row navigate on their own
            if ((e.target as HTMLElement).closest('a')) return;
            navigate(`/xf/${p.id}`);
          }, style: { cursor: 'pointer' } })}
          onChange={(pagination) => {
            setPage(pagination.current ?? 1);
            setPageSize(pagination.pageSize ?? PAGE_SIZE);
          }}
          locale={{ emptyText: '暂无信访事项' }}
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 件` }}
          data-testid="petition-table"
        />
      </Card>
    </div>
  );
}
