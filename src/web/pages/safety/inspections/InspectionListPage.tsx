import { Tag } from 'antd';
import type { TableProps } from 'antd';
import { apiClient, type ApiOk, type ApiQuery } from '../../../api/typed.ts';
import { ListPage } from '../../../components/list-page/ListPage.tsx';
import { useListQuery } from '../../../components/list-page/useListQuery.ts';
import { exportLink } from '../safetyApi.ts';

type PlanRow = ApiOk<'/safety/inspections'>['items'][number];
type Kind = NonNullable<ApiQuery<'/safety/inspections'>['kind']>;

const SPEC = { keys: ['kind'] as const };
const KINDS: { value: '' | Kind; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'general', label: '大检查' },
  { value: 'special', label: '专项整治' },
  { value: 'random', label: '双随机' },
  { value: 'unannounced', label: '四不两直' },
  { value: 'covert', label: '督查暗访' },
];
const KIND_COLOR: Record<Kind, string> = { general: 'blue', special: 'purple', random: 'cyan', unannounced: 'orange', covert: 'volcano' };

/** 监督检查: the inspection plans the user may see (四不两直 and 暗访 plans appear to the inspected side only once inspected), with Excel export. */
export function InspectionListPage() {
  const list = useListQuery(SPEC, (s) =>
    apiClient.get('/safety/inspections', { query: { kind: (s.filters.kind || undefined) as Kind | undefined, page: s.page, pageSize: s.pageSize } }),
  );
  const columns: TableProps<PlanRow>['columns'] = [
    { title: '检查计划', dataIndex: 'title', width: 260, ellipsis: true },
    { title: '检查方式', dataIndex: 'kindName', width: 130, render: (v: string, r) => <Tag color={KIND_COLOR[r.kind]}>{v}</Tag> },
    { title: '检查期间', key: 'period', width: 200, render: (_: unknown, r) => `${r.periodFrom} 至 ${r.periodTo}` },
    { title: '检查单位', dataIndex: 'unitName', width: 160, ellipsis: true },
    { title: '检查对象', dataIndex: 'targets', width: 90, render: (v: number) => `${v} 家` },
    {
      title: '已检查',
      dataIndex: 'inspected',
      width: 90,
      render: (v: number, r) => (r.targets > 0 && v === r.targets ? <Tag color="green">全部完成</Tag> : `${v} 家`),
    },
    { title: '发现隐患', dataIndex: 'withHazards', width: 90, render: (v: number) => (v > 0 ? <Tag color="red">{v} 家</Tag> : '—') },
  ];
  return (
    <ListPage
      title="监督检查"
      list={list}
      columns={columns}
      rowKey="id"
      tabs={{ key: 'kind', items: KINDS }}
      exportHref={exportLink('/safety/inspections/export.xlsx', { kind: list.filters.kind })}
      emptyText="没有符合条件的检查计划"
      unit="项"
      testId="inspection-list"
      scrollX={1020}
    />
  );
}
