import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { reportsApi, shanghaiTime, type ReportRow } from './reportsApi.ts';

/** 定期报告: the reports the offices have issued, each with how its current period stands (every count opens the board). */
export function ReportListPage() {
  const { data, loading, error } = useAsync(() => reportsApi.list(), []);
  return (
    <Card
      title="定期报告（日报告、零报告等）"
      extra={
        <Space wrap>
          <Link to="/supervision/reports/mine">
            <Button data-testid="reports-mine">本单位待报</Button>
          </Link>
          {data?.mayIssue && (
            <Link to="/supervision/reports/new">
              <Button type="primary" data-testid="report-new">
                发布定期报告
              </Button>
            </Link>
          )}
        </Space>
      }
      data-testid="report-list"
    >
      <Typography.Paragraph type="secondary">
        各报送单位在截止时间前报送；没有情况的如实作“零报告”。截止时间前未报的显示为“待报”，过了截止时间仍未报的为“缺报”，截止后补报的计为“迟报”。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Table<ReportRow>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1120 }}
        locale={{ emptyText: '还没有定期报告' }}
        columns={[
          {
            title: '报告',
            dataIndex: 'name',
            width: 220,
            fixed: 'left',
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/supervision/reports/${r.id}`}>{v}</Link>
                {r.periodName && <Typography.Text type="secondary">{r.periodName}</Typography.Text>}
                {r.stopped && <Tag>已停用</Tag>}
              </Space>
            ),
          },
          { title: '报送要求', dataIndex: 'scheduleText', width: 240 },
          { title: '启用时段', key: 'active', width: 190, render: (_: unknown, r) => `${r.activeFrom} 至 ${r.activeTo ?? '长期'}` },
          { title: '发起单位', dataIndex: 'issuerName', width: 150, ellipsis: true },
          {
            title: '当前报送期',
            key: 'current',
            width: 300,
            render: (_: unknown, r) => {
              const c = r.current;
              if (!c) return <Typography.Text type="secondary">尚无报送期</Typography.Text>;
              const to = (status?: string) => `/supervision/reports/${r.id}?period=${c.periodStart}${status ? `&status=${status}` : ''}`;
              return (
                <Space direction="vertical" size={2}>
                  <span>
                    {c.label}（{shanghaiTime(c.dueAt)} 截止）
                  </span>
                  <Space size={4} wrap>
                    <Link to={to('on_time')}>
                      <Tag color="green">按时 {c.tally.onTime}</Tag>
                    </Link>
                    <Link to={to('late')}>
                      <Tag color={c.tally.late ? 'orange' : 'default'}>迟报 {c.tally.late}</Tag>
                    </Link>
                    <Link to={to('pending')}>
                      <Tag color={c.tally.pending ? 'blue' : 'default'}>待报 {c.tally.pending}</Tag>
                    </Link>
                    <Link to={to('missing')}>
                      <Tag color={c.tally.missing ? 'red' : 'default'}>缺报 {c.tally.missing}</Tag>
                    </Link>
                  </Space>
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
