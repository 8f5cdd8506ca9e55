import { Alert, Button, Card, Result, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { dashboardApi, type DrillMetric, type DrillQuery } from './dashboardApi.ts';

const METRICS: readonly DrillMetric[] = ['new', 'new_prev', 'new_last_year', 'open', 'overdue', 'soon', 'listed', 'backlog', 'key'];
type Row = Awaited<ReturnType<typeof dashboardApi.items>>['items'][number];

/** The items behind one figure of the 领导驾驶舱: the same scope, period and predicate as the number clicked. */
export function DashboardItemsPage() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const unitId = Number(params.get('unitId')) || undefined;
  const q: DrillQuery = {
    scope: params.get('scope') === 'portfolio' ? 'portfolio' : 'county',
    period: (['month', 'quarter', 'year'] as const).find((p) => p === params.get('period')) ?? 'month',
    metric: METRICS.find((m) => m === params.get('metric')) ?? 'open',
    ...(params.get('module') ? { module: params.get('module')! } : {}),
    ...(params.get('figure') ? { figure: params.get('figure')! } : {}),
    ...(unitId ? { unitId } : {}),
    page,
    pageSize: 20,
  };
  const data = useAsync(() => dashboardApi.items(q), [params.toString()]);
  const back = `/dashboard?scope=${q.scope}&period=${q.period}`;
  if (data.error?.status === 403) return <Result status="403" title="无权查看" subTitle="领导驾驶舱供县领导和县级部门查看全县情况。" />;
  return (
    <div data-testid="dashboard-items">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {data.data?.title ?? '事项明细'}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        共 {data.data?.total ?? '—'} 件，与驾驶舱上的数字同一口径、同一范围。<Link to={back}>返回领导驾驶舱</Link>
      </Typography.Paragraph>
      {data.error && (
        <Alert
          type="error"
          showIcon
          message="事项读取失败"
          description={data.error.message}
          action={
            <Button size="small" onClick={data.reload}>
              重试
            </Button>
          }
        />
      )}
      <Card size="small">
        <Table<Row>
          size="small"
          rowKey="id"
          loading={data.loading}
          dataSource={data.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: '没有事项' }}
          pagination={{
            current: page,
            pageSize: 20,
            total: data.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 件`,
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p));
              setParams(next);
            },
          }}
          columns={[
            { title: '编号', key: 'refNo', width: 190, render: (_: unknown, r: Row) => <Link to={r.href}>{r.refNo}</Link> },
            { title: '标题', key: 'title', ellipsis: true, render: (_: unknown, r: Row) => <Link to={r.href}>{r.title}</Link> },
            { title: '类型', dataIndex: 'moduleName', key: 'module', width: 110 },
            { title: '承办单位', dataIndex: 'handlingUnitName', key: 'unit', width: 140, ellipsis: true },
            { title: '状态', dataIndex: 'stateName', key: 'state', width: 110 },
            { title: '收到日期', dataIndex: 'receivedOn', key: 'received', width: 110 },
            { title: '最近期限', key: 'due', width: 110, render: (_: unknown, r: Row) => r.nearestDue ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}
