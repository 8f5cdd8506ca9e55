import { apiClient as c, type ApiOk, type ApiQuery } from '../../api/typed.ts';

/** Console client of the 领导驾驶舱 routes; shapes from the generated OpenAPI types. */
export type DashboardQuery = ApiQuery<'/dashboard/figures'>;
export type DashboardFigures = ApiOk<'/dashboard/figures'>;
export type DashboardModule = DashboardFigures['modules'][number];
export type DashboardUnits = ApiOk<'/dashboard/units'>;
export type DashboardUnit = DashboardUnits['units'][number];
export type DashboardAttention = ApiOk<'/dashboard/attention'>;
export type DashboardTrend = ApiOk<'/dashboard/trend'>;
export type DrillQuery = ApiQuery<'/dashboard/items'>;
export type DrillMetric = DrillQuery['metric'];

export const dashboardApi = {
  figures: (query: DashboardQuery) => c.get('/dashboard/figures', { query }),
  trend: (query: DashboardQuery) => c.get('/dashboard/trend', { query }),
  units: (query: DashboardQuery) => c.get('/dashboard/units', { query }),
  attention: (query: DashboardQuery) => c.get('/dashboard/attention', { query }),
  items: (query: DrillQuery) => c.get('/dashboard/items', { query }),
};

/** The drill-down page of one figure (the same scope and period as the dashboard it was clicked on). */
export function drillHref(q: DashboardQuery, metric: DrillMetric, extra: { module?: string; figure?: string; unitId?: number } = {}): string {
  const p = new URLSearchParams({ scope: q.scope ?? 'county', period: q.period ?? 'month', metric });
  if (extra.module) p.set('module', extra.module);
  if (extra.figure) p.set('figure', extra.figure);
  if (extra.unitId !== undefined) p.set('unitId', String(extra.unitId));
  return `/dashboard/items?${p.toString()}`;
}
