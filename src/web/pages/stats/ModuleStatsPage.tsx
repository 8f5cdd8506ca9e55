import { useState } from 'react';
import { Alert, Button, Card, Col, Row, Space, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useAsync } from '../../hooks/useAsync.ts';
import { StatsFilterBar } from '../../components/stats/StatsFilterBar.tsx';
import { StatsDrillDrawer } from '../../components/stats/StatsDrillDrawer.tsx';
import { CountCard, IndicatorCard } from '../../components/stats/StatCards.tsx';
import { downloadUrl, formatRatio, statsApi, type DrillDownQuery, type StatsCompare, type StatsRow } from '../../components/stats/statsApi.ts';

type Drill = { query: Omit<DrillDownQuery, 'page' | 'pageSize'>; title: string } | null;

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${Math.round(v * 10) / 10}%`);
const TOTAL = '__total';
const points = (v: number) => `${v >= 0 ? '+' : ''}${v}个百分点`;

/**
 * Any module's statistics as its descriptor declares them (GET /stats, GET /stats/{module}): every count and
 * indicator by the chosen dimension, 同比/环比, each number opening the items behind it, the Excel with its
 * formulas. `note` says how the module counts (which date, what "超期" is judged against).
 */
export function ModuleStatsPage({ module, title, note, defaultGroupBy }: { module: string; title?: string; note?: string; defaultGroupBy?: string }) {
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [chosenGroup, setGroupBy] = useState<string | undefined>(defaultGroupBy);
  const [compare, setCompare] = useState<StatsCompare | 'none'>('none');
  const [drill, setDrill] = useState<Drill>(null);
  const defs = useAsync(() => statsApi.definitions(), []);
  const definition = defs.data?.modules.find((m) => m.module === module);
  const groupBy = chosenGroup ?? definition?.dimensions[0]?.key;
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const query = { from, to, ...(groupBy ? { groupBy } : {}), ...(compare === 'none' ? {} : { compare }) };
  const { data, loading, error } = useAsync(
    () => (definition ? statsApi.stats(module, query) : Promise.resolve(undefined)),
    [module, !!definition, JSON.stringify(query)],
  );
  const counts = definition?.counts ?? [];
  const indicators = definition?.indicators ?? [];
  const dimensionName = definition?.dimensions.find((d) => d.key === groupBy)?.name ?? '';
  const compareName = compare === 'yoy' ? '同比' : '环比';

  const isTotal = (row: StatsRow) => row === data?.total || row.key === TOTAL;
  const open = (row: StatsRow, indicator: string, part: 'numerator' | 'denominator', label: string) =>
    setDrill({
      query: { from, to, indicator, part, ...(isTotal(row) || !groupBy ? {} : { dimension: groupBy, value: row.key }) },
      title: `${isTotal(row) ? '合计' : row.label} · ${label}`,
    });
  const number = (row: StatsRow, indicator: string, part: 'numerator' | 'denominator', n: number, label: string) =>
    n > 0 ? (
      <a
        onClick={() => open(row, indicator, part, label)}
        aria-label={`${row.label}${label}明细`}
        data-testid={`drill-${isTotal(row) ? 'total' : row.key}-${indicator}-${part}`}
      >
        {n}
      </a>
    ) : (
      <span>0</span>
    );

  const columns: TableProps<StatsRow>['columns'] = [
    { title: dimensionName, dataIndex: 'label', key: 'label', fixed: 'left', width: 140 },
    ...counts.map((c) => ({
      title: c.name,
      key: c.key,
      width: 110,
      render: (_: unknown, r: StatsRow) => (
        <Space direction="vertical" size={0}>
          {number(r, c.key, 'numerator', r.counts[c.key] ?? 0, c.name)}
          {r.previous && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {compareName} {r.previous.counts[c.key] ?? 0}（{pct(r.previous.countChange[c.key])}）
            </Typography.Text>
          )}
        </Space>
      ),
    })),
    ...indicators.map((d) => ({
      title: (
        <Tooltip title={`${d.formula}（${d.source}）`}>
          {d.name} <InfoCircleOutlined />
        </Tooltip>
      ),
      key: d.key,
      width: 160,
      render: (_: unknown, r: StatsRow) => {
        const i = r.indicators.find((x) => x.key === d.key);
        if (!i) return '—';
        const change = r.previous?.indicatorChange[d.key];
        return (
          <Space size={4} wrap>
            <strong>{formatRatio(i.value)}</strong>
            <Typography.Text type="secondary">
              ({number(r, d.key, 'numerator', i.numerator, `${d.name}分子`)}/{number(r, d.key, 'denominator', i.denominator, `${d.name}分母`)})
            </Typography.Text>
            {change !== undefined && change !== null && <Typography.Text type={change >= 0 ? 'success' : 'danger'}>{points(change)}</Typography.Text>}
          </Space>
        );
      },
    })),
  ];

  return (
    <div data-testid={`module-stats-${module}`}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} align="start" wrap>
        <Typography.Title level={4} className="anwen-page-title" style={{ margin: 0 }}>
          {title ?? definition?.title ?? '统计分析'}
        </Typography.Title>
        <Button icon={<DownloadOutlined />} href={downloadUrl(`/stats/${module}/export.xlsx`, query)} disabled={!definition}>
          导出 Excel
        </Button>
      </Space>
      <StatsFilterBar
        range={range}
        onRange={setRange}
        groupBy={groupBy}
        onGroupBy={setGroupBy}
        dimensions={definition?.dimensions ?? []}
        compare={compare}
        onCompare={setCompare}
        previousPeriod={data?.previousPeriod}
      />
      {(error ?? defs.error) && <Alert type="error" showIcon message={(error ?? defs.error)?.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {counts.map((c) => (
          <Col xs={12} md={8} lg={4} key={c.key}>
            <CountCard
              title={c.name}
              value={data?.total.counts[c.key] ?? 0}
              loading={loading}
              onOpen={() => data && open(data.total, c.key, 'numerator', c.name)}
              testId={`card-${c.key}`}
            />
          </Col>
        ))}
        {indicators.map((d) => {
          const i = data?.total.indicators.find((x) => x.key === d.key);
          const change = data?.total.previous?.indicatorChange[d.key];
          return (
            <Col xs={12} md={8} lg={4} key={d.key}>
              <IndicatorCard
                title={
                  <Tooltip title={`${d.formula}（${d.source}）`}>
                    {d.name} <InfoCircleOutlined />
                  </Tooltip>
                }
                name={d.name}
                ratio={formatRatio(i?.value ?? null)}
                numerator={i?.numerator}
                denominator={i?.denominator}
                loading={loading}
                onOpen={(part) => data && open(data.total, d.key, part, `${d.name}${part === 'numerator' ? '分子' : '分母'}`)}
                testId={`card-${d.key}`}
                footer={
                  change !== undefined &&
                  change !== null && (
                    <Typography.Text type="secondary">
                      {compareName} {points(change)}
                    </Typography.Text>
                  )
                }
              />
            </Col>
          );
        })}
      </Row>
      <Card className="anwen-table-card" data-testid="stats-table">
        <Table<StatsRow>
          rowKey={(r) => r.key || '__none'}
          size="small"
          loading={loading}
          scroll={{ x: 140 + counts.length * 110 + indicators.length * 160 }}
          pagination={false}
          dataSource={data ? [...data.rows, { ...data.total, key: TOTAL, label: data.total.label || '合计' }] : []}
          columns={columns}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {note ? `${note}` : ''}点击数字（含上方合计卡片）可查看其背后的事项{data ? `；超期按今天（${data.today}）判断` : ''}。
        </Typography.Paragraph>
      </Card>
      <StatsDrillDrawer definition={definition} query={drill?.query ?? null} title={drill?.title ?? ''} onClose={() => setDrill(null)} />
    </div>
  );
}
