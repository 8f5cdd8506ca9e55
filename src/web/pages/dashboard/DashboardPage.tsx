import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, ConfigProvider, Result, Segmented, Skeleton, Space, Table, Typography, theme } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import { useAsync } from '../../hooks/useAsync.ts';
import { EChart } from '../../components/EChart.tsx';
import { dashboardApi, drillHref, type DashboardModule, type DashboardQuery, type DashboardUnit } from './dashboardApi.ts';

const REFRESH_MS = 60_000;
const PERIOD_NAMES = { month: '本月', quarter: '本季度', year: '本年' } as const;
const PREV_NAMES = { month: '上月同期', quarter: '上季度同期', year: '上年同期' } as const;

/** A change against a base as people read it: ↑25.0%, ↓10.0%, 持平, or 上期为0. */
function change(cur: number, base: number): { text: string; tone: 'up' | 'down' | 'flat' } {
  if (base === 0) return cur === 0 ? { text: '持平', tone: 'flat' } : { text: '上期为0', tone: 'up' };
  const pct = ((cur - base) / base) * 100;
  if (Math.abs(pct) < 0.05) return { text: '持平', tone: 'flat' };
  return { text: `${pct > 0 ? '↑' : '↓'}${Math.abs(pct).toFixed(1)}%`, tone: pct > 0 ? 'up' : 'down' };
}

function Num({ value, to, tone, testId, label }: { value: number; to: string; tone?: 'danger' | 'warning'; testId?: string; label: string }) {
  const cls = value > 0 && tone ? `anwen-cockpit-num anwen-cockpit-${tone}` : 'anwen-cockpit-num';
  return (
    <Link to={to} className={cls} data-testid={testId} aria-label={`${label}：${value}，查看明细`}>
      {value}
    </Link>
  );
}

/** The map's colour of a township by its overdue count (green: none; amber to red with the county's worst). */
function tileColor(overdue: number, max: number): string {
  if (overdue === 0) return '#389e0d';
  const t = max <= 1 ? 1 : Math.min(1, (overdue - 1) / (max - 1));
  const from = [250, 173, 20];
  const to = [207, 19, 34];
  const c = from.map((f, i) => Math.round(f + (to[i]! - f) * t));
  return `rgb(${c.join(',')})`;
}

/** 乡镇示意图: a cartogram of the county's townships drawn from the unit tree (no map tiles), coloured by overdue items. */
function TownshipMap({ units, q }: { units: DashboardUnit[]; q: DashboardQuery }) {
  const towns = units.filter((u) => u.isTownship);
  if (towns.length === 0) return <Typography.Text type="secondary">单位树中没有乡镇（街道）</Typography.Text>;
  const max = Math.max(...towns.map((u) => u.overdue));
  const cols = Math.ceil(Math.sqrt(towns.length * 1.6));
  return (
    <div>
      <div className="anwen-cockpit-map" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }} data-testid="dashboard-map">
        {towns.map((u) => (
          <div key={u.unitId} className="anwen-cockpit-tile" style={{ background: tileColor(u.overdue, max) }} data-testid={`map-unit-${u.unitId}`}>
            <div className="anwen-cockpit-tile-name" title={u.unitName}>
              {u.unitName}
            </div>
            <div className="anwen-cockpit-tile-figs">
              <Link
                to={drillHref(q, 'overdue', { unitId: u.unitId })}
                data-testid={`map-unit-${u.unitId}-overdue`}
                aria-label={`${u.unitName}超期：${u.overdue}，查看明细`}
              >
                超期 {u.overdue}
              </Link>
              <Link to={drillHref(q, 'open', { unitId: u.unitId })} aria-label={`${u.unitName}在办：${u.open}，查看明细`}>
                在办 {u.open}
              </Link>
            </div>
          </div>
        ))}
      </div>
      <div className="anwen-cockpit-legend">
        <span style={{ background: '#389e0d' }} />
        无超期
        <span style={{ background: tileColor(1, 2) }} />
        有超期
        <span style={{ background: tileColor(2, 2) }} />
        超期最多
      </div>
    </div>
  );
}

function RankTable({ title, rows, q, testId }: { title: string; rows: DashboardUnit[]; q: DashboardQuery; testId: string }) {
  return (
    <Table
      size="small"
      rowKey="unitId"
      pagination={false}
      data-testid={testId}
      dataSource={rows}
      scroll={{ x: 380, y: 230 }}
      locale={{ emptyText: '暂无数据' }}
      columns={[
        { title: '名次', key: 'rank', width: 52, render: (_: unknown, _r: DashboardUnit, i: number) => i + 1 },
        { title, dataIndex: 'unitName', key: 'name', ellipsis: true },
        ...(
          [
            ['overdue', '超期', 'danger'],
            ['open', '在办', undefined],
            ['listed', '挂牌', 'warning'],
            ['newCount', '新增', undefined],
          ] as const
        ).map(([key, label, tone]) => ({
          title: label,
          key,
          width: 64,
          align: 'right' as const,
          render: (_: unknown, r: DashboardUnit) => (
            <Num value={r[key]} tone={tone} label={`${r.unitName}${label}`} to={drillHref(q, key === 'newCount' ? 'new' : key, { unitId: r.unitId })} />
          ),
        })),
      ]}
    />
  );
}

/** 领导驾驶舱: the county's (or the leader's 分管) figures per module, trend, townships and departments, what needs the leader now. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const q: DashboardQuery = {
    scope: params.get('scope') === 'portfolio' ? 'portfolio' : 'county',
    period: (['month', 'quarter', 'year'] as const).find((p) => p === params.get('period')) ?? 'month',
  };
  const [screen, setScreen] = useState(false);
  const [tick, setTick] = useState(0);
  const figures = useAsync(() => dashboardApi.figures(q), [q.scope, q.period, tick]);
  const trend = useAsync(() => dashboardApi.trend(q), [q.scope, q.period, tick]);
  const units = useAsync(() => dashboardApi.units(q), [q.scope, q.period, tick]);
  const attention = useAsync(() => dashboardApi.attention(q), [q.scope, q.period, tick]);

  // refreshes itself every minute (the figures show the time they were read)
  useEffect(() => {
    const t = setInterval(() => setTick((x) => x + 1), REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    if (!screen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setScreen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screen]);
  const toggleScreen = () => {
    const next = !screen;
    setScreen(next);
    if (next) void document.documentElement.requestFullscreen?.().catch(() => undefined);
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };

  const trendOption = useMemo<EChartsCoreOption | null>(() => {
    if (!trend.data) return null;
    const dark = screen;
    return {
      grid: { left: 44, right: 16, top: 36, bottom: 28 },
      tooltip: { trigger: 'axis' },
      legend: dark ? { top: 0, textStyle: { color: '#d9e6f5', fontSize: 16 } } : { top: 0 },
      xAxis: {
        type: 'category',
        data: trend.data.months.map((m) => `${Number(m.slice(5))}月`),
        ...(dark ? { axisLabel: { color: '#d9e6f5', fontSize: 15 } } : {}),
      },
      yAxis: { type: 'value', minInterval: 1, ...(dark ? { axisLabel: { color: '#d9e6f5', fontSize: 15 } } : {}) },
      series: trend.data.series.map((s) => ({ name: s.moduleName, type: 'line', smooth: true, data: s.counts })),
    };
  }, [trend.data, screen]);

  const period = q.period ?? 'month';
  const setQ = (next: Partial<DashboardQuery>) => setParams({ scope: next.scope ?? q.scope ?? 'county', period: next.period ?? period }, { replace: true });
  const forbidden = figures.error?.status === 403;
  if (forbidden)
    return (
      <Result status="403" title="无权查看领导驾驶舱" subTitle="领导驾驶舱供县领导和县级部门查看全县情况；乡镇（街道）和部门请在工作台查看本单位的事项。" />
    );
  if (figures.error)
    return (
      <Alert
        type="error"
        showIcon
        message="领导驾驶舱数据读取失败"
        description={figures.error.message}
        action={
          figures.error.code === 'DASHBOARD_NO_PORTFOLIO' ? (
            <Button size="small" onClick={() => setQ({ scope: 'county' })}>
              查看全县
            </Button>
          ) : (
            <Button size="small" onClick={() => setTick((x) => x + 1)}>
              重试
            </Button>
          )
        }
      />
    );
  const f = figures.data;

  const moduleRows: DashboardModule[] = f?.modules ?? [];
  const figureTable = (
    <Table
      size="small"
      rowKey="module"
      pagination={false}
      loading={figures.loading && !f}
      data-testid="dashboard-figures"
      dataSource={moduleRows}
      scroll={screen ? undefined : { x: 980 }}
      columns={[
        { title: '类型', dataIndex: 'moduleName', key: 'name', width: 120 },
        {
          title: `${PERIOD_NAMES[period]}新增`,
          key: 'new',
          render: (_: unknown, m: DashboardModule) => {
            const hb = change(m.newCount, m.newPrev);
            const tb = change(m.newCount, m.newLastYear);
            return (
              <Space size={10} wrap>
                <Num value={m.newCount} label={`${m.moduleName}${PERIOD_NAMES[period]}新增`} to={drillHref(q, 'new', { module: m.module })} />
                <span className="anwen-cockpit-delta">
                  环比 <span className={`anwen-cockpit-${hb.tone}`}>{hb.text}</span>（
                  <Link to={drillHref(q, 'new_prev', { module: m.module })} aria-label={`${m.moduleName}${PREV_NAMES[period]}新增：${m.newPrev}`}>
                    {PREV_NAMES[period]} {m.newPrev}
                  </Link>
                  ）
                </span>
                <span className="anwen-cockpit-delta">
                  同比 <span className={`anwen-cockpit-${tb.tone}`}>{tb.text}</span>（
                  <Link to={drillHref(q, 'new_last_year', { module: m.module })} aria-label={`${m.moduleName}去年同期新增：${m.newLastYear}`}>
                    去年同期 {m.newLastYear}
                  </Link>
                  ）
                </span>
              </Space>
            );
          },
        },
        ...(
          [
            ['open', '在办', undefined],
            ['overdue', '超期', 'danger'],
            ['listed', '挂牌督办', 'warning'],
            ['backlog', '积案', 'warning'],
          ] as const
        ).map(([key, label, tone]) => ({
          title: label,
          key,
          width: 92,
          align: 'right' as const,
          render: (_: unknown, m: DashboardModule) => (
            <Num value={m[key]} tone={tone} testId={`fig-${m.module}-${key}`} label={`${m.moduleName}${label}`} to={drillHref(q, key, { module: m.module })} />
          ),
        })),
        {
          title: '重点关注',
          key: 'extra',
          render: (_: unknown, m: DashboardModule) =>
            m.extra.length === 0 ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              <Space size={12} wrap>
                {m.extra.map((e) => (
                  <span key={e.key}>
                    {e.name}{' '}
                    <Num value={e.value} tone="danger" label={`${m.moduleName}${e.name}`} to={drillHref(q, 'key', { module: m.module, figure: e.key })} />
                  </span>
                ))}
              </Space>
            ),
        },
      ]}
    />
  );

  const a = attention.data;
  const attentionList = (
    title: string,
    to: string,
    total: number,
    items: { id: number; href: string; refNo: string; title: string; nearestDue: string | null }[],
    testId: string,
  ) => (
    <div className="anwen-cockpit-attn" data-testid={testId}>
      <div className="anwen-cockpit-attn-head">
        <Link to={to} aria-label={`${title}：${total}，查看全部`}>
          {title} <b>{total}</b>
        </Link>
      </div>
      {items.length === 0 ? (
        <Typography.Text type="secondary">无</Typography.Text>
      ) : (
        items.slice(0, screen ? 3 : 5).map((i) => (
          <div key={i.id} className="anwen-cockpit-attn-item">
            <Link to={i.href} title={i.title}>
              {i.title}
            </Link>
            {i.nearestDue && (
              <span className={i.nearestDue < (f?.today ?? '') ? 'anwen-cockpit-danger' : 'anwen-cockpit-muted'}>
                {dayjs(i.nearestDue).format('M月D日')}到期
              </span>
            )}
          </div>
        ))
      )}
    </div>
  );

  const unitRows = units.data?.units ?? [];
  const body = (
    <div className={screen ? 'anwen-cockpit anwen-cockpit-screen' : 'anwen-cockpit'} data-testid="dashboard">
      <div className="anwen-cockpit-header">
        <Typography.Title level={screen ? 2 : 4} style={{ margin: 0 }}>
          领导驾驶舱 · {f?.scopeName ?? '全县'}
        </Typography.Title>
        <Space wrap>
          <Segmented
            value={q.scope ?? 'county'}
            onChange={(v) => setQ({ scope: v as 'county' | 'portfolio' })}
            options={[
              { value: 'county', label: '全县' },
              { value: 'portfolio', label: '我的分管', disabled: !f?.hasPortfolio },
            ]}
          />
          <Segmented
            value={period}
            onChange={(v) => setQ({ period: v as 'month' | 'quarter' | 'year' })}
            options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: PERIOD_NAMES[p] }))}
          />
          <Typography.Text type="secondary" data-testid="dashboard-as-of">
            数据时间 {f ? dayjs(f.asOf).format('YYYY-MM-DD HH:mm:ss') : '—'} · 每分钟自动刷新
          </Typography.Text>
          <Button icon={<ReloadOutlined />} onClick={() => setTick((x) => x + 1)} aria-label="立即刷新" />
          <Button icon={screen ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleScreen} data-testid="dashboard-screen">
            {screen ? '退出大屏' : '大屏模式'}
          </Button>
        </Space>
      </div>
      {f && (
        <Typography.Paragraph type="secondary" className="anwen-cockpit-note">
          {PERIOD_NAMES[period]}：{f.ranges.current.from} 至 {f.ranges.current.to}；环比为{PREV_NAMES[period]}（{f.ranges.previous.from} 至{' '}
          {f.ranges.previous.to}），同比为去年同期（
          {f.ranges.lastYear.from} 至 {f.ranges.lastYear.to}）。在办、超期、挂牌督办、积案为当前数。每个数字都可点击查看对应事项。
        </Typography.Paragraph>
      )}
      {f ? figureTable : <Skeleton active />}
      <div className="anwen-cockpit-grid">
        <Card size="small" title="近12个月新增趋势" className="anwen-cockpit-card">
          {trendOption ? <EChart option={trendOption} height={screen ? 205 : 240} label="近12个月各类事项新增趋势" /> : <Skeleton active />}
        </Card>
        <Card size="small" title="需要我关注" className="anwen-cockpit-card">
          {a ? (
            <div className="anwen-cockpit-attn-wrap">
              {attentionList(`我的包案（超期 ${a.cases.overdue}）`, '/leaders/mine', a.cases.total, a.cases.items, 'attn-cases')}
              {attentionList('待我批示', '/leaders/awaiting', a.awaiting.total, a.awaiting.items, 'attn-awaiting')}
              {attentionList('即将超期', drillHref(q, 'soon'), a.soon.total, a.soon.items, 'attn-soon')}
            </div>
          ) : (
            <Skeleton active />
          )}
        </Card>
        <Card size="small" title="乡镇（街道）示意图 · 按超期事项着色" className="anwen-cockpit-card">
          {units.data ? <TownshipMap units={unitRows} q={q} /> : <Skeleton active />}
        </Card>
        <Card size="small" title="乡镇与部门排名（按超期、在办）" className="anwen-cockpit-card">
          <div className="anwen-cockpit-ranks">
            <RankTable title="乡镇（街道）" rows={unitRows.filter((u) => u.isTownship)} q={q} testId="rank-townships" />
            <RankTable title="县直部门" rows={unitRows.filter((u) => !u.isTownship)} q={q} testId="rank-departments" />
          </div>
        </Card>
      </div>
    </div>
  );
  const wrapped: ReactNode = screen ? (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { fontSize: 16 } }}>
      <div className="anwen-cockpit-overlay">{body}</div>
    </ConfigProvider>
  ) : (
    body
  );
  return wrapped;
}
