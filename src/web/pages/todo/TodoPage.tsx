import { Alert, Button, Space, Tag, Typography } from 'antd';
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
import { AssignAssigneeButton } from './AssignAssigneeButton.tsx';
import { useAuth } from '../../hooks/auth.tsx';

const KEYS = ['scope', 'warning', 'unitId'] as const;
type Key = (typeof KEYS)[number];
/** The server sorts by nearest deadline (due) or by registration order (created, shown by 编号). */
const SPEC = { keys: KEYS, defaults: { scope: 'mine' }, defaultSort: 'due' };

const toQuery = (s: ListState<Key>): TodoQuery => ({
  scope: s.filters.scope as TodoQuery['scope'],
  warning: s.filters.warning as WarningLevel | undefined,
  unitId: s.filters.unitId ? Number(s.filters.unitId) : undefined,
  sort: s.sort as TodoQuery['sort'],
  page: s.page,
  pageSize: s.pageSize,
});

/** "剩2个工作日" / "今日到期" / "超期6天", coloured by how close it is (the server counts on the working-day calendar). */
function Countdown({ text }: { text: string | null }) {
  if (!text) return <Typography.Text type="secondary">—</Typography.Text>;
  const color = text.startsWith('超期') ? 'red' : text === '今日到期' || /^剩[12]个/.test(text) ? 'orange' : 'default';
  return (
    <Tag color={color} className="anwen-countdown">
      {text}
    </Tag>
  );
}

const columnsFor = (reload: () => void, mayAssign: boolean): ColumnsType<TodoItem> => [
  // the list is read by these two: fixed, so no sideways scroll on a tablet hides them
  { title: '预警', key: 'warning', width: 92, fixed: 'left', render: (_: unknown, item) => <WarningTag level={item.warningLevel} /> },
  {
    title: '最近期限',
    key: 'nearestDue',
    width: 140,
    fixed: 'left',
    showSorterTooltip: { title: '按期限由近到远排序' },
    render: (_: unknown, item) => <DeadlineCell item={item} />,
  },
  {
    title: '编号',
    dataIndex: 'refNo',
    key: 'refNo',
    width: 150,
    showSorterTooltip: { title: '按登记先后排序' },
    render: (refNo: string, item) => <Link to={item.href}>{refNo}</Link>,
  },
  // the countdown next to the number
  { title: '剩余', key: 'countdown', width: 110, render: (_: unknown, item) => <Countdown text={item.countdown} /> },
  { title: '类型', dataIndex: 'moduleName', key: 'module', width: 100 },
  { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true, render: (title: string, item) => <Link to={item.href}>{title}</Link> },
  { title: '承办单位', dataIndex: 'handlingUnitName', key: 'handlingUnit', width: 130, ellipsis: true },
  {
    title: '经办人',
    key: 'assignee',
    width: 150,
    render: (_: unknown, item) => (
      <Space size={0} wrap>
        {item.assigneeName ?? <Typography.Text type="secondary">未指定</Typography.Text>}
        {mayAssign && <AssignAssigneeButton itemId={item.workItemId} refNo={item.refNo} current={item.assigneeName} onDone={reload} />}
      </Space>
    ),
  },
  // the module's own name of the state (信访's replied reads 已出具意见), never the code
  { title: '状态', dataIndex: 'state', key: 'state', width: 100, render: (s: string, item) => item.stateName || stateLabel(s) },
];

/** 我的待办: items assigned to me / my unit, with deadlines and warning levels. */
export function TodoPage() {
  const list = useListQuery(SPEC, (s) => todoApi.list(toQuery(s)));
  const mine = list.filters.scope !== 'unit';
  // only handling staff name a 经办人 (the server also checks the unit is responsible for the item)
  const mayAssign = useAuth().capabilities.includes('workitem.handle');
  return (
    <ListPage<TodoItem, Key>
      list={list}
      title="我的待办"
      testId="todo-table"
      exportTestId="todo-export"
      rowKey="workItemId"
      columns={columnsFor(list.reload, mayAssign)}
      scrollX={1150}
      emptyText={mine ? '暂无分配给您的待办事项' : '本单位暂无待办事项'}
      above={
        <>
          {list.filters.unitId && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={`仅显示 ${list.data?.items[0]?.handlingUnitName ?? '所选单位'} 承办的事项`}
              action={
                <Button size="small" onClick={() => list.setFilters({ unitId: undefined })}>
                  显示全部
                </Button>
              }
            />
          )}
          <TodoSummary counts={list.data?.counts} active={list.filters.warning as WarningLevel | undefined} onSelect={(l) => list.setFilters({ warning: l })} />
        </>
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
