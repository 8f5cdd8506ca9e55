import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Row, Skeleton, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import { workbenchApi } from '../../api/endpoints.ts';
import { petitionApi } from '../../api/petitions.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { EChart } from '../../components/EChart.tsx';
import { StatsDrillDrawer } from '../../components/stats/StatsDrillDrawer.tsx';
import { formatRatio, statsApi, type DrillDownQuery, type StatsRow } from '../../components/stats/statsApi.ts';

const MODULE = 'petition';
const HEADINGS: Record<string, string> = {
  clerk: '今天要处理的事',
  unit: '交给本单位办理的事项',
  leader: '全县信访工作一览',
  admin: '全县运行情况',
};

/** One figure of the 工作台: every number is a link to the items behind it. */
function Figure({ title, value, to, tone, testId }: { title: string; value: number | undefined; to: string; tone?: 'danger' | 'warning'; testId: string }) {
  const color = value && tone === 'danger' ? '#cf1322' : value && tone === 'warning' ? '#d46b08' : undefined;
  return (
    <Link to={to} className="anwen-figure" data-testid={testId} aria-label={`${title}：${value ?? ''}，查看明细`}>
      <div className="anwen-figure-title">{title}</div>
      <div className="anwen-figure-value" style={{ color }}>
        {value ?? '—'}
      </div>
    </Link>
  );
}

const satisfaction = (row: StatsRow) => row.indicators.find((i) => i.key === 'satisfactionRate');

/** 工作台: each role's first screen — new today, due and overdue by unit, 集体访, 督办, a leader's 包案, 满意率 and a township ranking. */
export function WorkbenchPage({ compact = false }: { compact?: boolean }) {
  const wb = useAsync(() => workbenchApi.get(), []);
  const today = wb.data?.today ?? dayjs().format('YYYY-MM-DD');
  const collective = useAsync(() => petitionApi.list({ flag: 'collective', from: today, to: today, page: 1, pageSize: 1 }), [today]);
  const persona = wb.data?.persona;
  const wide = persona === 'leader' || persona === 'admin' || persona === 'clerk';
  const yearStart = dayjs(today).subtract(11, 'month').startOf('month').format('YYYY-MM-DD');
  const trend = useAsync(
    () => (compact || !wide ? Promise.resolve(undefined) : statsApi.stats(MODULE, { from: yearStart, to: today, groupBy: 'month' })),
    [compact, wide, yearStart, today],
  );
  const ranking = useAsync(
    () =>
      compact || !wide
        ? Promise.resolve(undefined)
        : statsApi.stats(MODULE, { from: dayjs(today).startOf('year').format('YYYY-MM-DD'), to: today, groupBy: 'township' }),
    [compact, wide, today],
  );
  const defs = useAsync(() => (compact ? Promise.resolve(undefined) : statsApi.definitions()), [compact]);
  const definition = defs.data?.modules.find((m) => m.module === MODULE);
  const [drill, setDrill] = useState<{ query: DrillDownQuery; title: string } | null>(null);

  // every month of the last twelve, with or without evaluations (a month without any reads 无评价, never vanishes)
  const months = useMemo(() => {
    const byKey = new Map((trend.data?.rows ?? []).map((r) => [r.key, r]));
    return Array.from({ length: 12 }, (_, i) => {
      const m = dayjs(yearStart).add(i, 'month');
      const key = m.format('YYYY-MM');
      return byKey.get(key) ?? ({ key, label: `${m.format('YYYY')}年${m.format('MM')}月`, counts: {}, indicators: [] } as StatsRow);
    });
  }, [trend.data, yearStart]);
  const trendOption = useMemo<EChartsCoreOption | null>(() => {
    const rows = months;
    if (!trend.data) return null;
    return {
      grid: { left: 40, right: 12, top: 24, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '无评价' : `${v}%`) },
      xAxis: { type: 'category', data: rows.map((r) => r.label.replace(/^\d{4}年/, '')) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '满意率',
          type: 'bar',
          barMaxWidth: 28,
          itemStyle: { color: '#1677ff' },
          data: rows.map((r) => {
            const v = satisfaction(r)?.value;
            return v === null || v === undefined ? null : Math.round(v * 1000) / 10;
          }),
        },
      ],
    };
  }, [trend.data, months]);

  if (wb.error)
    return (
      <Alert
        type="error"
        showIcon
        message="工作台数据读取失败"
        description={wb.error.message}
        action={
          <Button size="small" onClick={wb.reload}>
            重试
          </Button>
        }
      />
    );
  if (!wb.data) return <Skeleton active paragraph={{ rows: compact ? 2 : 8 }} />;
  const d = wb.data;
  const scope = persona === 'unit' ? '本单位' : '全县';
  const overdue = d.unit.overdue + d.unit.severe;
  const newCount = d.newToday.reduce((a, m) => a + m.count, 0);
  const newPetitions = d.newToday.find((m) => m.module === MODULE)?.count ?? 0;

  const figures: ReactNode[] = [
    <Figure
      key="new"
      testId="wb-new"
      title="今日新登记"
      value={newCount}
      to={newPetitions === newCount ? `/xf?from=${today}&to=${today}` : '/todo?scope=unit&sort=created'}
    />,
    <Figure key="mine" testId="wb-mine" title="分配给我" value={d.mine.total} to="/todo?scope=mine" />,
    <Figure key="unit" testId="wb-unit" title={`${scope}在办`} value={d.unit.total} to="/todo?scope=unit" />,
    <Figure key="approaching" testId="wb-approaching" title="临期" value={d.unit.approaching} tone="warning" to="/todo?scope=unit&warning=approaching" />,
    <Figure key="overdue" testId="wb-overdue" title="超期" value={d.unit.overdue} tone="danger" to="/todo?scope=unit&warning=overdue" />,
    <Figure key="severe" testId="wb-severe" title="严重超期" value={d.unit.severe} tone="danger" to="/todo?scope=unit&warning=severe" />,
    <Figure key="collective" testId="wb-collective" title="今日集体访" value={collective.data?.total} to={`/xf?flag=collective&from=${today}&to=${today}`} />,
    <Figure key="listed" testId="wb-listed" title="挂牌督办" value={d.listed} tone="warning" to="/supervision/listed" />,
    <Figure key="notices" testId="wb-notices" title="督办逾期未回复" value={d.overdueNotices} tone="danger" to="/supervision/notices" />,
    ...(d.leader
      ? [
          <Figure key="lead-open" testId="wb-leader-open" title="我的包案（在办）" value={d.leader.open} to="/leaders/mine" />,
          <Figure key="lead-overdue" testId="wb-leader-overdue" title="包案超期" value={d.leader.overdue} tone="danger" to="/leaders/mine" />,
          <Figure key="lead-await" testId="wb-leader-await" title="待我批示" value={d.leader.awaitingInstruction} tone="warning" to="/leaders/awaiting" />,
          <Figure key="lead-days" testId="wb-leader-days" title="我的接访日安排" value={d.leader.receptionDaysAhead} to="/leaders/days" />,
        ]
      : [<Figure key="backlog" testId="wb-backlog" title="积案" value={d.backlog} to="/supervision/backlog" />]),
  ];

  const figureRow = (
    <Row gutter={[12, 12]} data-testid="workbench-figures">
      {figures.map((f, i) => (
        <Col key={i} xs={12} sm={8} md={6} lg={4}>
          {f}
        </Col>
      ))}
    </Row>
  );
  if (compact) return <div style={{ marginBottom: 16 }}>{figureRow}</div>;

  const rankRows = [...(ranking.data?.rows ?? [])].sort((a, b) => (b.counts.batches ?? 0) - (a.counts.batches ?? 0)).slice(0, 10);
  const yearFrom = dayjs(today).startOf('year').format('YYYY-MM-DD');
  return (
    <div data-testid="workbench">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        工作台 · {HEADINGS[d.persona]}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {d.unitName} · {today}。每个数字都可点击查看对应事项。
        {(d.persona === 'leader' || d.persona === 'clerk') && (
          <Link to="/dashboard" data-testid="wb-open-dashboard" style={{ marginLeft: 12 }}>
            打开领导驾驶舱（全县各类事项、乡镇排名与示意图）
          </Link>
        )}
      </Typography.Paragraph>
      {overdue > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${scope}有 ${overdue} 件事项已超期`}
          action={<Link to="/todo?scope=unit&warning=overdue">查看超期事项</Link>}
        />
      )}
      {figureRow}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={wide ? 12 : 24}>
          <Card size="small" title="临期与超期（按承办单位）">
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              data-testid="wb-due-by-unit"
              dataSource={d.dueByUnit}
              locale={{ emptyText: '没有临期或超期的事项' }}
              columns={[
                { title: '承办单位', dataIndex: 'unitName', key: 'unit', ellipsis: true },
                ...(['approaching', 'overdue', 'severe'] as const).map((level) => ({
                  title: { approaching: '临期', overdue: '超期', severe: '严重超期' }[level],
                  key: level,
                  width: 84,
                  align: 'right' as const,
                  render: (_: unknown, r: (typeof d.dueByUnit)[number]) => (
                    <Link
                      to={`/todo?scope=unit&warning=${level}&unitId=${r.unitId}`}
                      data-testid={`wb-unit-${r.unitId}-${level}`}
                      aria-label={`${r.unitName}${level === 'approaching' ? '临期' : level === 'overdue' ? '超期' : '严重超期'}事项`}
                    >
                      {r[level]}
                    </Link>
                  ),
                })),
              ]}
            />
          </Card>
        </Col>
        {wide && (
          <Col xs={24} lg={12}>
            <Card size="small" title="满意率（近 12 个月，点击月份查看已评价事项）">
              {trend.error ? (
                <Alert
                  type="error"
                  message="满意率读取失败"
                  action={
                    <Button size="small" onClick={trend.reload}>
                      重试
                    </Button>
                  }
                />
              ) : trendOption ? (
                <>
                  <EChart option={trendOption} height={180} label="近12个月信访事项满意率" />
                  <div className="anwen-month-links">
                    {months.map((r) => {
                      const s = satisfaction(r);
                      return (
                        <a
                          key={r.key}
                          onClick={() =>
                            setDrill({
                              query: { from: yearStart, to: today, dimension: 'month', value: r.key, indicator: 'satisfactionRate', part: 'denominator' },
                              title: `${r.label} · 已评价`,
                            })
                          }
                        >
                          {r.label.replace(/^\d{4}年/, '')} {s && s.denominator > 0 ? formatRatio(s.value) : '无评价'}
                        </a>
                      );
                    })}
                  </div>
                </>
              ) : trend.loading ? (
                <Skeleton active />
              ) : (
                <Typography.Text type="secondary">近 12 个月没有登记的信访事项</Typography.Text>
              )}
            </Card>
          </Col>
        )}
        {wide && (
          <Col xs={24}>
            <Card size="small" title={`乡镇（街道）排名 · ${dayjs(today).year()}年以来信访件次`}>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                loading={ranking.loading}
                data-testid="wb-ranking"
                dataSource={rankRows}
                locale={{ emptyText: ranking.error ? '读取失败，请刷新重试' : '暂无数据' }}
                scroll={{ x: 560 }}
                columns={[
                  { title: '名次', key: 'rank', width: 60, render: (_: unknown, _r: StatsRow, i: number) => i + 1 },
                  { title: '乡镇（街道）', dataIndex: 'label', key: 'label' },
                  {
                    title: '件次',
                    key: 'batches',
                    width: 80,
                    align: 'right' as const,
                    render: (_: unknown, r: StatsRow) => (
                      <a
                        onClick={() =>
                          setDrill({
                            query: { from: yearFrom, to: today, dimension: 'township', value: r.key, indicator: 'batches' },
                            title: `${r.label} · 信访件次`,
                          })
                        }
                      >
                        {r.counts.batches ?? 0}
                      </a>
                    ),
                  },
                  {
                    title: '满意率',
                    key: 'satisfaction',
                    width: 90,
                    align: 'right' as const,
                    render: (_: unknown, r: StatsRow) => {
                      const s = satisfaction(r);
                      return s && s.denominator > 0 ? (
                        <a
                          onClick={() =>
                            setDrill({
                              query: { from: yearFrom, to: today, dimension: 'township', value: r.key, indicator: 'satisfactionRate', part: 'numerator' },
                              title: `${r.label} · 满意+基本满意`,
                            })
                          }
                        >
                          {formatRatio(s.value)}
                        </a>
                      ) : (
                        <Typography.Text type="secondary">无评价</Typography.Text>
                      );
                    },
                  },
                ]}
              />
            </Card>
          </Col>
        )}
      </Row>
      {definition && <StatsDrillDrawer definition={definition} query={drill?.query ?? null} title={drill?.title ?? ''} onClose={() => setDrill(null)} />}
    </div>
  );
}
