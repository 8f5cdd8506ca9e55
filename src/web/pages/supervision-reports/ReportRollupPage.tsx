import { Alert, Button, Card, DatePicker, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAsync } from '../../hooks/useAsync.ts';
import { reportsApi, rollupExportHref, type ReportRollup } from './reportsApi.ts';

type PeriodRow = ReportRollup['periods'][number];
type UnitRow = ReportRollup['units'][number];

/** 汇总: the number fields summed per period and per unit over a range (a 零报告 counts 0), with the Excel. */
export function ReportRollupPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? dayjs().format('YYYY-MM-DD');
  const from = params.get('from') ?? dayjs(to).subtract(6, 'day').format('YYYY-MM-DD');
  const detail = useAsync(() => reportsApi.get(id), [id]);
  const { data, loading, error } = useAsync(() => reportsApi.rollup(id, from, to), [id, from, to]);
  const nums = (data?.fields ?? []).filter((f) => f.kind === 'number');
  const numberColumns = <T extends { sums: Record<string, number> }>() =>
    nums.map((f) => ({ title: f.measure ? `${f.name}（${f.measure}）` : f.name, key: f.key, width: 120, render: (_: unknown, r: T) => r.sums[f.key] ?? 0 }));
  const board = (period: string, status?: string) => `/supervision/reports/${id}?period=${period}${status ? `&status=${status}` : ''}`;

  return (
    <Card
      title={`${detail.data?.name ?? '定期报告'} · 汇总`}
      extra={
        <Space wrap>
          <Link to={`/supervision/reports/${id}`}>
            <Button>报送情况</Button>
          </Link>
          <Button type="primary" href={rollupExportHref(id, from, to)} data-testid="rollup-export">
            导出 Excel
          </Button>
        </Space>
      }
      data-testid="report-rollup-page"
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>汇总时段：</span>
        <DatePicker.RangePicker
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setParams({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        />
        <Typography.Text type="secondary">零报告的数字项计为 0；点击数字查看该期各单位报送情况。</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Typography.Title level={5}>按期汇总</Typography.Title>
      <Table<PeriodRow>
        rowKey="periodStart"
        loading={loading}
        dataSource={data?.periods ?? []}
        pagination={false}
        size="small"
        scroll={{ x: 700 }}
        locale={{ emptyText: '该时段没有报送期' }}
        columns={[
          { title: '报送期', dataIndex: 'label', width: 150, render: (v: string, r) => <Link to={board(r.periodStart)}>{v}</Link> },
          { title: '已报', dataIndex: 'reported', width: 70, render: (v: number, r) => <Link to={board(r.periodStart)}>{v}</Link> },
          { title: '零报告', dataIndex: 'zero', width: 70 },
          { title: '迟报', dataIndex: 'late', width: 70, render: (v: number, r) => <Link to={board(r.periodStart, 'late')}>{v}</Link> },
          { title: '缺报', dataIndex: 'missing', width: 70, render: (v: number, r) => <Link to={board(r.periodStart, 'missing')}>{v}</Link> },
          ...numberColumns<PeriodRow>(),
        ]}
        summary={() =>
          data && data.periods.length > 0 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} colSpan={4} />
              {nums.map((f, i) => (
                <Table.Summary.Cell key={f.key} index={5 + i}>
                  <strong>{data.total[f.key] ?? 0}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        按单位汇总
      </Typography.Title>
      <Table<UnitRow>
        rowKey="unitId"
        loading={loading}
        dataSource={data?.units ?? []}
        pagination={false}
        size="small"
        scroll={{ x: 700 }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 170 },
          { title: '已报次数', dataIndex: 'reported', width: 90 },
          { title: '零报告', dataIndex: 'zero', width: 80 },
          { title: '迟报次数', dataIndex: 'late', width: 90 },
          { title: '缺报次数', dataIndex: 'missing', width: 90 },
          ...numberColumns<UnitRow>(),
        ]}
      />
    </Card>
  );
}
