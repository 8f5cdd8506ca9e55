import { useState } from 'react';
import { Alert, Button, Card, Table, Tabs, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadUrl } from '../petitions/stats/statsApi.ts';
import { Link } from 'react-router-dom';
import type { TableProps } from 'antd';
import { todoApi, type TodoQuery } from '../../api/endpoints.ts';
import type { TodoItem, WarningLevel } from '../../api/types.ts';
import { DeadlineCell } from '../../components/DeadlineCell.tsx';
import { WarningTag } from '../../components/WarningTag.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { stateLabel, WARNING_LABELS, WARNING_ORDER } from '../../labels.ts';
import { TodoSummary } from './TodoSummary.tsx';

type Scope = TodoQuery['scope'];

const PAGE_SIZE = 20;

type Sort = NonNullable<TodoQuery['sort']>;
/** The server sorts by nearest deadline (due) or by registration order (created, shown by 编号). */
const SORT_COLUMN: Record<Sort, string> = { due: 'nearestDue', created: 'refNo' };

/** 我的待办: items assigned to me / my unit, with deadlines and warning levels. */
export function TodoPage() {
  const [scope, setScope] = useState<Scope>('mine');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const [sort, setSort] = useState<Sort>('due');
  const [warning, setWarning] = useState<WarningLevel | undefined>();
  const { data, loading, error } = useAsync(
    () => todoApi.list({ scope, page, pageSize, sort, warning }),
    [scope, page, pageSize, sort, warning],
  );

  const columns: TableProps<TodoItem>['columns'] = [
    {
      title: '编号',
      dataIndex: 'refNo',
      key: 'refNo',
      width: 150,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sort === 'created' ? 'ascend' : null,
      showSorterTooltip: { title: '按登记先后排序' },
      render: (refNo: string, item) => <Link to={item.href}>{refNo}</Link>,
    },
    { title: '类型', dataIndex: 'moduleName', key: 'module', width: 100 },
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      ellipsis: true,
      render: (title: string, item) => <Link to={item.href}>{title}</Link>,
    },
    { title: '承办单位', dataIndex: 'ownerUnitName', key: 'ownerUnit', width: 150, ellipsis: true },
    { title: '状态', dataIndex: 'state', key: 'state', width: 100, render: (s: string) => stateLabel(s) },
    {
      title: '最近期限',
      key: 'nearestDue',
      width: 150,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sort === 'due' ? 'ascend' : null,
      showSorterTooltip: { title: '按期限由近到远排序' },
      render: (_: unknown, item) => <DeadlineCell item={item} />,
    },
    {
      title: '预警',
      key: 'warning',
      width: 100,
      filters: WARNING_ORDER.map((l) => ({ text: WARNING_LABELS[l], value: l })),
      filterMultiple: false,
      filteredValue: warning ? [warning] : null,
      render: (_: unknown, item) => <WarningTag level={item.warningLevel} />,
    },
  ];

  const onChange: TableProps<TodoItem>['onChange'] = (pagination, filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const column = s?.order ? String(s.columnKey) : undefined;
    setSort(column === SORT_COLUMN.created ? 'created' : 'due');
    const w = filters.warning?.[0];
    setWarning(typeof w === 'string' ? (w as WarningLevel) : undefined);
    setPage(pagination.current ?? 1);
    setPageSize(pagination.pageSize ?? PAGE_SIZE);
  };

  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        我的待办
      </Typography.Title>
      <TodoSummary
        counts={data?.counts}
        active={warning}
        onSelect={(l) => {
          setWarning(l);
          setPage(1);
        }}
      />
      <Card className="anwen-table-card">
        <Tabs
          activeKey={scope}
          onChange={(k) => {
            setScope(k as Scope);
            setPage(1);
          }}
          items={[
            { key: 'mine', label: '分配给我' },
            { key: 'unit', label: '本单位' },
          ]}
          tabBarExtraContent={
            <Button icon={<DownloadOutlined />} href={downloadUrl('/my/todo/export.xlsx', { scope, sort, warning })} data-testid="todo-export">
              导出 Excel
            </Button>
          }
        />
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
        <Table<TodoItem>
          rowKey="workItemId"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          onChange={onChange}
          scroll={{ x: 900 }}
          locale={{ emptyText: scope === 'mine' ? '暂无分配给您的待办事项' : '本单位暂无待办事项' }}
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 件` }}
          data-testid="todo-table"
        />
      </Card>
    </div>
  );
}
