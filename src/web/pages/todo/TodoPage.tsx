import { Link } from 'react-router-dom';
import type { ColumnsType } from 'antd/es/table';
import { downloadUrl } from '../../api/download.ts';
import { todoApi } from '../../api/endpoints.ts';
import type { TodoItem, TodoQuery, WarningLevel } from '../../api/types.ts';
import { DeadlineCell } from '../../components/DeadlineCell.tsx';
import { ListPage } from '../../components/list-page/ListPage.tsx';
import type { ListState } from '../../components/list-page/listState.ts';
import { useListQuery } from '../../components/list-page/useListQuery.ts';
import { WarningTag } from '../../components/WarningTag.tsx';
import { stateLabel, WARNING_LABELS, WARNING_ORDER } from '../../labels.ts';
import { TodoSummary } from './TodoSummary.tsx';

const KEYS = ['scope', 'warning'] as const;
type Key = (typeof KEYS)[number];
/** The server sorts by nearest deadline (due) or by registration order (created, shown by 编号). */
const SPEC = { keys: KEYS, defaults: { scope: 'mine' }, defaultSort: 'due' };

const toQuery = (s: ListState<Key>): TodoQuery => ({
  scope: s.filters.scope as TodoQuery['scope'],
  warning: s.filters.warning as WarningLevel | undefined,
  sort: s.sort as TodoQuery['sort'],
  page: s.page,
  pageSize: s.pageSize,
});

const columns: ColumnsType<TodoItem> = [
  {
    title: '编号',
    dataIndex: 'refNo',
    key: 'refNo',
    width: 150,
    showSorterTooltip: { title: '按登记先后排序' },
    render: (refNo: string, item) => <Link to={item.href}>{refNo}</Link>,
  },
  { title: '类型', dataIndex: 'moduleName', key: 'module', width: 100 },
  { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true, render: (title: string, item) => <Link to={item.href}>{title}</Link> },
  { title: '承办单位', dataIndex: 'ownerUnitName', key: 'ownerUnit', width: 150, ellipsis: true },
  // the module's own name of the state (信访's replied reads 已出具意见), never the code
  { title: '状态', dataIndex: 'state', key: 'state', width: 100, render: (s: string, item) => item.stateName || stateLabel(s) },
  {
    title: '最近期限',
    key: 'nearestDue',
    width: 150,
    showSorterTooltip: { title: '按期限由近到远排序' },
    render: (_: unknown, item) => <DeadlineCell item={item} />,
  },
  { title: '预警', key: 'warning', width: 100, render: (_: unknown, item) => <WarningTag level={item.warningLevel} /> },
];

/** 我的待办: items assigned to me / my unit, with deadlines and warning levels. */
export function TodoPage() {
  const list = useListQuery(SPEC, (s) => todoApi.list(toQuery(s)));
  const mine = list.filters.scope !== 'unit';
  return (
    <ListPage<TodoItem, Key>
      list={list}
      title="我的待办"
      testId="todo-table"
      exportTestId="todo-export"
      rowKey="workItemId"
      columns={columns}
      scrollX={900}
      emptyText={mine ? '暂无分配给您的待办事项' : '本单位暂无待办事项'}
      above={
        <TodoSummary counts={list.data?.counts} active={list.filters.warning as WarningLevel | undefined} onSelect={(l) => list.setFilters({ warning: l })} />
      }
      tabs={{
        key: 'scope',
        items: [
          { value: 'mine', label: '分配给我' },
          { value: 'unit', label: '本单位' },
        ],
      }}
      columnSorts={{ refNo: 'created', nearestDue: 'due' }}
      columnFilters={{ warning: { key: 'warning', options: WARNING_ORDER.map((l) => ({ value: l, label: WARNING_LABELS[l] })) } }}
      exportHref={downloadUrl('/my/todo/export.xlsx', { ...toQuery(list), page: undefined, pageSize: undefined })}
    />
  );
}
