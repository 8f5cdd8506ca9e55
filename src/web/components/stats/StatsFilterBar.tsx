import { Card, DatePicker, Segmented, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { StatsCompare } from './statsApi.ts';

/** The period, the grouping and 同比/环比 of every module's statistics page (one bar, so every page reads alike). */
export function StatsFilterBar(props: {
  range: [Dayjs, Dayjs];
  onRange(range: [Dayjs, Dayjs]): void;
  groupBy: string | undefined;
  onGroupBy(key: string): void;
  dimensions: readonly { key: string; name: string }[];
  compare: StatsCompare | 'none';
  onCompare(compare: StatsCompare | 'none'): void;
  previousPeriod?: { from: string; to: string } | null;
}) {
  return (
    <Card style={{ marginBottom: 12 }}>
      <Space wrap>
        <DatePicker.RangePicker value={props.range} allowClear={false} onChange={(r) => r?.[0] && r[1] && props.onRange([r[0], r[1]])} />
        <Select<string>
          value={props.groupBy}
          onChange={props.onGroupBy}
          style={{ width: 170 }}
          aria-label="分组"
          options={props.dimensions.map((d) => ({ value: d.key, label: `按${d.name}` }))}
        />
        <Segmented<StatsCompare | 'none'>
          value={props.compare}
          onChange={props.onCompare}
          options={[
            { value: 'none', label: '不对比' },
            { value: 'yoy', label: '同比' },
            { value: 'mom', label: '环比' },
          ]}
        />
        {props.previousPeriod && (
          <Typography.Text type="secondary">
            对比期：{props.previousPeriod.from} 至 {props.previousPeriod.to}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
