import { api } from '../../../api/client.ts';

export type StatsDimension = 'channel' | 'category' | 'unit' | 'township' | 'level' | 'month';
export type StatsCompare = 'yoy' | 'mom';

export interface IndicatorValue {
  key: string;
  name: string;
  numerator: number;
  denominator: number;
  value: number | null;
}
export interface StatsRow {
  key: string;
  label: string;
  counts: Record<string, number>;
  indicators: IndicatorValue[];
  previous?: {
    counts: Record<string, number>;
    indicators: IndicatorValue[];
    countChange: Record<string, number | null>;
    indicatorChange: Record<string, number | null>;
  };
}
export interface StatsResult {
  from: string;
  to: string;
  groupBy: StatsDimension;
  compare: StatsCompare | null;
  previousPeriod: { from: string; to: string } | null;
  today: string;
  rows: StatsRow[];
  total: StatsRow;
}
export interface StatsDefinitions {
  indicators: { key: string; name: string; numerator: string; denominator: string; formula: string; source: string }[];
  counts: Record<string, string>;
}
export interface DrillDownQuery {
  from: string;
  to: string;
  dimension?: StatsDimension;
  value?: string;
  indicator: string;
  part?: 'numerator' | 'denominator';
  page?: number;
  pageSize?: number;
}
export interface DrillDownResult {
  count: string;
  countName: string;
  total: number;
  persons: number;
  items: { id: number; caseNo: string; title: string; channel: string; receivedAt: string; persons: number }[];
}

export const DIMENSION_LABELS: Record<StatsDimension, string> = {
  channel: '渠道',
  category: '问题类别',
  unit: '责任单位',
  township: '问题属地',
  level: '交办层级',
  month: '月份',
};

export { downloadUrl } from '../../../api/download.ts';

export const statsApi = {
  definitions: () => api.get<StatsDefinitions>('/petition-stats/definitions'),
  stats: (q: { from: string; to: string; groupBy: StatsDimension; compare?: StatsCompare }) => api.get<StatsResult>('/petition-stats', { ...q }),
  items: (q: DrillDownQuery) => api.get<DrillDownResult>('/petition-stats/items', { ...q }),
};

export function formatRatio(v: number | null): string {
  return v === null ? '—' : `${(Math.round(v * 10000) / 100).toFixed(2)}%`;
}
