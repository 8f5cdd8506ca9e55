import { Button, Space, Tag } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { ApiQuery } from '../../../api/typed.ts';
import { useAuth } from '../../../hooks/auth.tsx';
import { ListPage } from '../../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../../components/list-page/useListQuery.ts';
import { exportLink } from '../safetyApi.ts';
import { inspectionsApi, KIND_COLOR, planStatus, type PlanKind, type PlanRow } from './inspectionsApi.ts';

type Status = NonNullable<ApiQuery<'/safety/inspections'>['status']>;
const SPEC = { keys: ['kind', 'from', 'to', 'status'] as const };
const KINDS: { value: '' | PlanKind; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'general', label: '大检查' },
  { value: 'special', label: '专项整治' },
  { value: 'random', label: '双随机' },
  { value: 'unannounced', label: '四不两直' },
  { value: 'covert', label: '督查暗访' },
];
const PLANNERS = ['safety_staff', 'sys_admin', 'dept_liaison', 'township_staff'];

/** 监督检查: the inspection plans the user may see (四不两直 and 暗访 plans appear to the inspected side only once inspected), with Excel export. */
export function InspectionListPage() {
  const { user } = useAuth();
  const mayPlan = !!user?.roles.some((r) => PLANNERS.includes(r));
  const today = dayjs().format('YYYY-MM-DD');
  const list = useListQuery(SPEC, (s) =>
    inspectionsApi.plans({
      kind: (s.filters.kind || undefined) as PlanKind | undefined,
      from: s.filters.from || undefined,
      to: s.filters.to || undefined,
      status: (s.filters.status || undefined) as Status | undefined,
      page: s.page,
      pageSize: s.pageSize,
    }),
  );
  const columns: TableProps<PlanRow>['columns'] = [
    {
      title: '检查计划',
      dataIndex: 'title',
      key: 'title',
      width: 280,
      ellipsis: true,
      render: (v: string, r) => <Link to={`/safety/inspections/${r.id}`}>{v}</Link>,
    },
    { title: '检查方式', dataIndex: 'kindName', key: 'kind', width: 130, render: (v: string, r) => <Tag color={KIND_COLOR[r.kind]}>{v}</Tag> },
    { title: '检查期间', key: 'period', width: 200, render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
    { title: '检查单位', dataIndex: 'unitName', key: 'unit', width: 160, ellipsis: true },
    { title: '检查对象', dataIndex: 'targets', key: 'targets', width: 90, render: (v: number) => `${v} 家` },
    { title: '已检查', dataIndex: 'inspected', key: 'inspected', width: 80, render: (v: number) => `${v} 家` },
    { title: '未检查', key: 'pending', width: 80, render: (_: unknown, r) => `${r.targets - r.inspected} 家` },
    { title: '发现隐患', dataIndex: 'withHazards', key: 'hazards', width: 90, render: (v: number) => (v > 0 ? <Tag color="red">{v} 家</Tag> : '—') },
    {
      title: '状态',
      key: 'status',
      width: 110,
      fixed: 'right',
      render: (_: unknown, r) => {
        const s = planStatus(r, today);
        return <Tag color={s.color}>{s.label}</Tag>;
      },
    },
  ];
  return (
    <ListPage
      title="监督检查"
      list={list}
      columns={columns}
      rowKey="id"
      tabs={{ key: 'kind', items: KINDS }}
      filters={[
        { type: 'dateRange', from: 'from', to: 'to', placeholder: ['检查期间自', '至'] },
        {
          type: 'select',
          key: 'status',
          placeholder: '检查进度',
          width: 150,
          options: [
            { value: 'pending', label: '尚有未检查对象' },
            { value: 'done', label: '全部检查完成' },
          ],
        },
      ]}
      actions={
        <Space wrap>
          {mayPlan && (
            <Link to="/safety/inspections/new">
              <Button type="primary" data-testid="new-plan">
                制定检查计划
              </Button>
            </Link>
          )}
          {mayPlan && (
            <Link to="/safety/inspections/draw">
              <Button data-testid="new-draw">双随机抽查</Button>
            </Link>
          )}
          <Link to="/safety/checklists">
            <Button>检查表与回避</Button>
          </Link>
        </Space>
      }
      exportHref={exportLink('/safety/inspections/export.xlsx', {
        kind: list.filters.kind,
        from: list.filters.from,
        to: list.filters.to,
        status: list.filters.status,
      })}
      emptyText="没有符合条件的检查计划"
      unit="项"
      testId="inspection-list"
      scrollX={1240}
    />
  );
}
