import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useAsync } from '../../../hooks/useAsync.ts';
import { dispatchesApi, dispatchesExportHref, type DispatchRow } from './dispatchesApi.ts';

/** a count that opens the notice's page narrowed to that status (0 is plain text: nothing to open) */
const CountLink = ({ id, status, n, danger }: { id: number; status: string; n: number; danger?: boolean }) =>
  n === 0 ? (
    <Typography.Text type="secondary">0</Typography.Text>
  ) : (
    <Link to={`/supervision/dispatches/${id}?status=${status}`} data-testid={`count-${status}-${id}`} style={danger ? { color: '#cf1322' } : undefined}>
      {n}
    </Link>
  );

/** 督办通知: the office's numbered notices with each one's progress (a unit sees those that give it a task). */
export function DispatchListPage() {
  const [q, setQ] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const { data, loading, error } = useAsync(
    () => dispatchesApi.list({ q: q || undefined, overdue: overdue ? 'true' : undefined, page, pageSize: 20 }),
    [q, overdue, page],
  );
  const exportQuery: Record<string, string> = {};
  if (q) exportQuery.q = q;
  if (overdue) exportQuery.overdue = 'true';
  return (
    <Card
      title="督办通知"
      data-testid="sv-dispatch-list"
      extra={
        <Space wrap>
          <a href={dispatchesExportHref(exportQuery)} download>
            <Button icon={<DownloadOutlined />}>导出Excel</Button>
          </a>
          {data?.mayIssue && (
            <Link to="/supervision/dispatches/new">
              <Button type="primary" data-testid="dispatch-new">
                印发督办通知
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {data?.mayIssue
          ? '督查办印发的督办通知，发文字号按本单位代字和年度自动编号。点开通知可查看各承办单位的办理进度，数字可点开查看对应单位。'
          : '交办给本单位的督办通知。点开通知查看本单位的督办事项，按时反馈办理情况。'}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="发文字号或标题"
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 260 }}
        />
        <Space>
          <Switch
            checked={overdue}
            onChange={(v) => {
              setOverdue(v);
              setPage(1);
            }}
            data-testid="dispatch-overdue-only"
          />
          <span>只看有逾期未反馈的</span>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon message={error instanceof Error ? error.message : String(error)} />}
      <Table<DispatchRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 件` }}
        locale={{ emptyText: data?.mayIssue ? '还没有印发督办通知' : '暂无交办给本单位的督办通知' }}
        columns={[
          {
            title: '发文字号',
            dataIndex: 'docNo',
            width: 170,
            fixed: 'left',
            render: (v: string, r) => (
              <Link to={`/supervision/dispatches/${r.id}`} data-testid={`dispatch-${r.id}`}>
                {v}
              </Link>
            ),
          },
          {
            title: '标题',
            dataIndex: 'subject',
            render: (v: string, r) => (
              <Space size={4} wrap>
                <span>{v}</span>
                {r.voided && <Tag>已作废</Tag>}
              </Space>
            ),
          },
          { title: '印发日期', dataIndex: 'issuedOn', width: 110 },
          {
            title: '交办单位',
            key: 'total',
            width: 90,
            align: 'right',
            render: (_: unknown, r) => (r.counts.total === 0 ? '0' : <Link to={`/supervision/dispatches/${r.id}`}>{r.counts.total}</Link>),
          },
          { title: '已销号', key: 'done', width: 80, align: 'right', render: (_: unknown, r) => <CountLink id={r.id} status="done" n={r.counts.done} /> },
          {
            title: '待核查',
            key: 'reported',
            width: 80,
            align: 'right',
            render: (_: unknown, r) => <CountLink id={r.id} status="reported" n={r.counts.reported} />,
          },
          {
            title: '逾期未反馈',
            key: 'late',
            width: 100,
            align: 'right',
            render: (_: unknown, r) => <CountLink id={r.id} status="late" n={r.counts.late} danger />,
          },
          {
            title: '办理中',
            key: 'inProgress',
            width: 80,
            align: 'right',
            render: (_: unknown, r) => <CountLink id={r.id} status="inProgress" n={r.counts.inProgress} />,
          },
          {
            title: '未签收',
            key: 'notStarted',
            width: 80,
            align: 'right',
            render: (_: unknown, r) => <CountLink id={r.id} status="notStarted" n={r.counts.notStarted} />,
          },
          { title: '办结率', dataIndex: 'doneRate', width: 80, align: 'right', render: (v: number) => `${v}%` },
        ]}
      />
    </Card>
  );
}
