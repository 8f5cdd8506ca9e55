import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useAsync } from '../../../hooks/useAsync.ts';
import { StatsDrillDrawer } from '../../../components/stats/StatsDrillDrawer.tsx';
import { statsApi, type DrillDownQuery, type StatsRow } from '../../../components/stats/statsApi.ts';

/** the statistics the accident module declares (kernel stats: GET /stats/accident) */
const MODULE = 'accident';
const GROUPS = [
  { value: 'grade', label: '按事故等级' },
  { value: 'type', label: '按事故类别' },
  { value: 'township', label: '按属地乡镇' },
  { value: 'month', label: '按月份' },
];
type Drill = { query: Omit<DrillDownQuery, 'page' | 'pageSize'>; title: string } | null;

const change = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${Math.round(v * 10) / 10}%`);

/** 事故统计: by grade, type, township or month, with 同比; every number opens the accidents behind it. */
export function AccidentStatsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [groupBy, setGroupBy] = useState('grade');
  const [drill, setDrill] = useState<Drill>(null);
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), groupBy, compare: 'yoy' as const };
  const defs = useAsync(() => statsApi.definitions(), []);
  const definition = defs.data?.modules.find((m) => m.module === MODULE);
  const { data, loading, error } = useAsync(() => statsApi.stats(MODULE, query), [JSON.stringify(query)]);
  const counts = definition?.counts ?? [];

  const open = (row: StatsRow, count: string, name: string) =>
    setDrill({
      query: { from: query.from, to: query.to, ...(row.key ? { dimension: groupBy, value: row.key } : {}), indicator: count },
      title: `${row.label} · ${name}`,
    });
  const columns: TableProps<StatsRow>['columns'] = [
    { title: GROUPS.find((g) => g.value === groupBy)?.label.slice(1) ?? '', dataIndex: 'label', width: 130, fixed: 'left' },
    ...counts.map((c) => ({
      title: c.name,
      key: c.key,
      width: 130,
      render: (_: unknown, r: StatsRow) => (
        <Space direction="vertical" size={0}>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(r, c.key, c.name)} disabled={!r.counts[c.key]}>
            {r.counts[c.key] ?? 0}
          </Button>
          {r.previous && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              去年同期 {r.previous.counts[c.key] ?? 0}（{change(r.previous.countChange[c.key])}）
            </Typography.Text>
          )}
        </Space>
      ),
    })),
  ];
  const rows = data ? [...data.rows, data.total] : [];
  return (
    <div className="anwen-page">
      <Typography.Title level={4} className="anwen-page-title">
        生产安全事故统计
      </Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          <Select value={groupBy} options={GROUPS} onChange={setGroupBy} style={{ width: 140 }} aria-label="分组" />
          <Button icon={<DownloadOutlined />} href={`/api/v1/stats/${MODULE}/export.xlsx?${new URLSearchParams(query).toString()}`}>
            导出 Excel
          </Button>
        </Space>
        {error && <Alert type="error" showIcon title={error.message} />}
        <Table<StatsRow>
          rowKey={(r) => r.key || 'total'}
          loading={loading}
          dataSource={rows}
          columns={columns}
          pagination={false}
          scroll={{ x: 800 }}
          size="middle"
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          按事故发生时间统计；伤亡人数和直接经济损失为补报后的最新数字；同比为去年同一时段。点击数字查看对应的事故。
        </Typography.Paragraph>
      </Card>
      <StatsDrillDrawer definition={definition} query={drill?.query ?? null} title={drill?.title ?? ''} onClose={() => setDrill(null)} />
    </div>
  );
}
