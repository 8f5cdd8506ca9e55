import { Card, Space, Tag, Typography } from 'antd';
import { WarningTag } from '../../../components/WarningTag.tsx';
import { beijingMinute, hourCountdown, type AccidentClock } from './accidentsApi.ts';

const UNIT_ZH: Record<string, string> = { calendar_days: '日', working_days: '个工作日', hours: '小时', months: '个月' };
const STATUS_COLORS: Record<string, string> = { running: 'blue', paused: 'default', stopped: 'default' };

/**
 * One statutory clock of an accident: an hour clock counts down in hours and minutes to its Beijing time, a day
 * clock shows its last day; both name the rule and its legal source.
 */
export function ClockCard({ clock: c, now }: { clock: AccidentClock; now: number }) {
  const hours = c.ruleUnit === 'hours';
  const due = hours ? beijingMinute(c.dueAt) : (c.dueDate ?? '—');
  const countdown = hours && c.dueAt && c.status === 'running' ? hourCountdown(c.dueAt, now) : null;
  const rule = c.ruleName ? `${c.ruleName}：${c.ruleAmount ?? ''}${c.ruleUnit ? (UNIT_ZH[c.ruleUnit] ?? '') : ''}` : '规则已删除';
  return (
    <Card
      size="small"
      data-testid="accident-clock"
      data-rule-key={c.ruleKey}
      title={
        <Space size={6} wrap>
          <span>{c.label}</span>
          <Tag color={STATUS_COLORS[c.status]}>{c.statusName}</Tag>
        </Space>
      }
    >
      <Space align="baseline" size={10} wrap>
        <Typography.Text strong style={{ fontSize: hours ? 22 : 26 }}>
          {due}
        </Typography.Text>
        {c.status === 'running' && <WarningTag level={c.warningLevel} />}
        {c.provisional && (
          <Tag color="gold" title="所在年份的工作日历尚未导入，期限按周末规则暂定，导入后自动重算">
            暂定
          </Tag>
        )}
      </Space>
      {countdown && (
        <Typography.Paragraph type={countdown.late ? 'danger' : 'warning'} strong style={{ margin: '4px 0 0' }} data-testid="clock-countdown">
          {countdown.text}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ margin: '6px 0 0' }}>{rule}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        依据：{c.ruleSource ?? '—'}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
        {c.explanation}
      </Typography.Paragraph>
    </Card>
  );
}
