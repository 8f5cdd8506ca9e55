import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Row, Space, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../../../components/EChart.tsx';
import { useAsync } from '../../../hooks/useAsync.ts';
import { StatsFilterBar } from '../../../components/stats/StatsFilterBar.tsx';
import { StatsDrillDrawer } from '../../../components/stats/StatsDrillDrawer.tsx';
import { CountCard, IndicatorCard } from '../../../components/stats/StatCards.tsx';
import { downloadUrl, formatRatio, statsApi, type DrillDownQuery, type StatsCompare, type StatsRow } from '../../../components/stats/statsApi.ts';

// tree-shaken: the shared EChart registers bar and pie; the indicator line is added here
echarts.use([LineChart]);

type Drill = { query: Omit<DrillDownQuery, 'page' | 'pageSize'>; title: string } | null;
/** the statistics this page shows: 信访's, as its descriptor declares them (GET /stats) */
const MODULE = 'petition';
const CARD_INDICATORS = ['timelyAcceptance', 'onTimeReply', 'evaluationRate', 'satisfactionRate', 'repeatRate', 'onlineShare'];
/** the indicators' names while their definitions load, or when that request fails: never their codes */
const INDICATOR_NAMES: Record<string, string> = {
  timelyAcceptance: '及时受理率',
  onTimeReply: '按期办结率',
  evaluationRate: '参评率',
  satisfactionRate: '满意率',
  repeatRate: '重复信访率',
  onlineShare: '网上信访占比',
};
const indicatorName = (key: string, name: string | undefined) => name ?? INDICATOR_NAMES[key] ?? '指标';

/** 信访's tab of 统计分析 /stats (`embedded`: inside the module picker): rules.md §2 indicators by dimension, 同比/环比, drill-down to the cases behind each number, Excel. */
export function PetitionStatsPage({ embedded = false }: { embedded?: boolean }) {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [groupBy, setGroupBy] = useState('channel');
  const [compare, setCompare] = useState<StatsCompare | 'none'>('none');
  const [drill, setDrill] = useState<Drill>(null);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const query = { from, to, groupBy, ...(compare === 'none' ? {} : { compare }) };
  const defs = useAsync(() => statsApi.definitions(), []);
  const definition = defs.data?.modules.find((m) => m.module === MODULE);
  const { data, loading, error } = useAsync(() => statsApi.stats(MODULE, query), [JSON.stringify(query)]);
  const defOf = (key: string) => definition?.indicators.find((d) => d.key === key);
  const dimensionName = definition?.dimensions.find((d) => d.key === groupBy)?.name ?? '';

  const open = (row: StatsRow, indicator: string, part: 'numerator' | 'denominator', label: string) =>
    setDrill({
      query: { from, to, indicator, part, ...(row.key === '' && row.label === '合计' ? {} : { dimension: groupBy, value: row.key }) },
      title: `${row.label} · ${label}`,
    });
  const number = (row: StatsRow, indicator: string, part: 'numerator' | 'denominator', n: number, label: string) => (
    <a
      onClick={() => open(row, indicator, part, label)}
      aria-label={`${row.label}${label}明细`}
      data-testid={`drill-${row.key || 'total'}-${indicator}-${part}`}
    >
      {n}
    </a>
  );

  const option = useMemo<EChartsCoreOption>(() => {
    const rows = data?.rows ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 50, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: [
        { type: 'value', name: '件次' },
        { type: 'value', name: '%', max: 100 },
      ],
      series: [
        { name: '批次', type: 'bar', data: rows.map((r) => r.counts.batches) },
        { name: '人次', type: 'bar', data: rows.map((r) => r.counts.persons) },
        { name: '按期办结率', type: 'line', yAxisIndex: 1, data: rows.map((r) => ratioPoint(r, 'onTimeReply')) },
        { name: '满意率', type: 'line', yAxisIndex: 1, data: rows.map((r) => ratioPoint(r, 'satisfactionRate')) },
      ],
    };
  }, [data]);

  const columns: TableProps<StatsRow>['columns'] = [
    { title: dimensionName, dataIndex: 'label', key: 'label', fixed: 'left', width: 140 },
    { title: '批次', key: 'batches', width: 70, render: (_: unknown, r) => number(r, 'batches', 'numerator', r.counts.batches ?? 0, '批次') },
    { title: '人次', key: 'persons', width: 70, render: (_: unknown, r) => number(r, 'persons', 'numerator', r.counts.persons ?? 0, '人次') },
    {
      title: (
        <Tooltip title="与其他事项（安全隐患、矛盾纠纷、其他信访件等）有关联的件次">
          关联事项 <InfoCircleOutlined />
        </Tooltip>
      ),
      key: 'linked',
      width: 100,
      render: (_: unknown, r) => number(r, 'linked', 'numerator', r.counts.linked ?? 0, '关联事项'),
    },
    ...CARD_INDICATORS.map((key) => {
      const d = defOf(key);
      return {
        title: (
          <Tooltip title={d ? `${d.formula}（${d.source}）` : undefined}>
            {indicatorName(key, d?.name)} <InfoCircleOutlined />
          </Tooltip>
        ),
        key,
        width: 150,
        render: (_: unknown, r: StatsRow) => {
          const i = r.indicators.find((x) => x.key === key);
          if (!i) return '—';
          const change = r.previous?.indicatorChange[key];
          return (
            <Space size={4} wrap>
              <strong>{formatRatio(i.value)}</strong>
              <Typography.Text type="secondary">
                ({number(r, key, 'numerator', i.numerator, `${i.name}分子`)}/{number(r, key, 'denominator', i.denominator, `${i.name}分母`)})
              </Typography.Text>
              {change !== undefined && change !== null && (
                <Typography.Text type={change >= 0 ? 'success' : 'danger'}>{`${change >= 0 ? '+' : ''}${change}个百分点`}</Typography.Text>
              )}
            </Space>
          );
        },
      };
    }),
  ];

  return (
    <div className={embedded ? undefined : 'anwen-page'}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Typography.Title level={4} className="anwen-page-title">
          信访统计分析
        </Typography.Title>
        <Button icon={<DownloadOutlined />} href={downloadUrl(`/stats/${MODULE}/export.xlsx`, query)}>
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
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(
          [
            ['batches', '批次（件次）'],
            ['persons', '人次'],
          ] as const
        ).map(([key, name]) => (
          <Col xs={12} md={6} lg={3} key={key}>
            <CountCard
              title={name}
              value={data?.total.counts[key] ?? 0}
              loading={loading}
              onOpen={() => data && open(data.total, key, 'numerator', name)}
              testId={`card-${key}`}
            />
          </Col>
        ))}
        {CARD_INDICATORS.map((key) => {
          const i = data?.total.indicators.find((x) => x.key === key);
          const d = defOf(key);
          const change = data?.total.previous?.indicatorChange[key];
          const name = indicatorName(key, d?.name);
          return (
            <Col xs={12} md={6} lg={3} key={key}>
              <IndicatorCard
                title={
                  <Tooltip title={d ? `${d.formula}（${d.source}）` : undefined}>
                    {name} <InfoCircleOutlined />
                  </Tooltip>
                }
                name={name}
                ratio={formatRatio(i?.value ?? null)}
                numerator={i?.numerator}
                denominator={i?.denominator}
                loading={loading}
                onOpen={(part) => data && open(data.total, key, part, `${name}${part === 'numerator' ? '分子' : '分母'}`)}
                testId={`card-${key}`}
                footer={
                  change !== undefined &&
                  change !== null && (
                    <Typography.Text type="secondary">{`${compare === 'yoy' ? '同比' : '环比'} ${change >= 0 ? '+' : ''}${change} 个百分点`}</Typography.Text>
                  )
                }
              />
            </Col>
          );
        })}
      </Row>
      <Card style={{ marginBottom: 12 }}>
        <EChart option={option} height={280} label="信访批次、人次与按期办结率、满意率" />
      </Card>
      <Card className="anwen-table-card" data-testid="stats-table">
        <Table<StatsRow>
          rowKey={(r) => r.key || '__total'}
          size="small"
          loading={loading}
          scroll={{ x: 1200 }}
          pagination={false}
          dataSource={data ? [...data.rows, data.total] : []}
          columns={columns}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          点击数字可查看其背后的信访事项；复查、复核为关联案件，不另计件次；“超期未…”按今天（{data?.today ?? '—'}）判断。
        </Typography.Paragraph>
      </Card>
      <StatsDrillDrawer definition={definition} query={drill?.query ?? null} title={drill?.title ?? ''} onClose={() => setDrill(null)} />
    </div>
  );
}

function ratioPoint(r: StatsRow, key: string): number | null {
  const v = r.indicators.find((i) => i.key === key)?.value;
  return v === null || v === undefined ? null : Math.round(v * 10000) / 100;
}
