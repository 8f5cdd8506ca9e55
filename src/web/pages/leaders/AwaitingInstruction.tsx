import { Alert, Button, Table } from 'antd';
import { Link } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { shanghaiDay, supervisionApi } from '../supervision/supervisionApi.ts';

/** 待我批示: what 信访局 (or another county body) asked this leader to decide, oldest first; 批示 on the case page closes it. */
export function AwaitingInstruction() {
  const list = useAsync(() => supervisionApi.awaitingInstruction(), []);
  if (list.error)
    return (
      <Alert
        type="error"
        showIcon
        message={list.error.message}
        action={
          <Button size="small" onClick={list.reload}>
            重试
          </Button>
        }
      />
    );
  return (
    <Table
      size="small"
      rowKey="id"
      loading={list.loading}
      data-testid="awaiting-instruction"
      dataSource={list.data?.items ?? []}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: '没有待批示的请示' }}
      columns={[
        { title: '编号', dataIndex: 'refNo', key: 'refNo', width: 190, render: (v: string, r) => <Link to={r.href}>{v}</Link> },
        { title: '事项', dataIndex: 'title', key: 'title', width: 220, render: (v: string, r) => <Link to={r.href}>{v}</Link> },
        { title: '请示事项', dataIndex: 'question', key: 'question', width: 300 },
        { title: '报请人', dataIndex: 'requestedByName', key: 'by', width: 100 },
        { title: '报请日期', key: 'at', width: 110, render: (_: unknown, r) => shanghaiDay(r.requestedAt) },
        { title: '', key: 'go', width: 80, render: (_: unknown, r) => <Link to={r.href}>去批示</Link> },
      ]}
    />
  );
}
