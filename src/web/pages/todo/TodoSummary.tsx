import { useMemo } from 'react';
import { Card, Col, Row, Statistic } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import type { WarningLevel } from '../../api/types.ts';
import { EChart } from '../../components/EChart.tsx';
import { WARNING_CHART_COLORS, WARNING_LABELS, WARNING_ORDER } from '../../labels.ts';

/** Counts per warning level as cards (click to filter) plus a small bar chart. */
export function TodoSummary({
  counts,
  active,
  onSelect,
}: {
  counts: Record<WarningLevel, number> | undefined;
  active: WarningLevel | undefined;
  onSelect: (level: WarningLevel | undefined) => void;
}) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 8, top: 12, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: WARNING_ORDER.map((l) => WARNING_LABELS[l]) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: '事项数',
          barMaxWidth: 28,
          data: WARNING_ORDER.map((l) => ({ value: counts?.[l] ?? 0, itemStyle: { color: WARNING_CHART_COLORS[l] } })),
        },
      ],
    }),
    [counts],
  );

  return (
    <Row gutter={[12, 12]} className="anwen-summary">
      <Col xs={24} lg={15}>
        <Row gutter={[12, 12]}>
          {WARNING_ORDER.map((level) => (
            <Col xs={12} md={6} key={level}>
              <Card
                size="small"
                hoverable
                className={active === level ? 'anwen-card-active' : undefined}
                onClick={() => onSelect(active === level ? undefined : level)}
                data-testid={`count-${level}`}
              >
                <Statistic
                  title={WARNING_LABELS[level]}
                  value={counts?.[level] ?? 0}
                  styles={{ content: { color: WARNING_CHART_COLORS[level] } }}
                  suffix="件"
                />
              </Card>
            </Col>
          ))}
        </Row>
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title="预警分布">
          <EChart option={option} height={110} label="各预警等级事项数柱状图" />
        </Card>
      </Col>
    </Row>
  );
}
