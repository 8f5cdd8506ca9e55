import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { WarningTag } from '../../components/WarningTag.tsx';
import type { WorkItemDeadline } from './workItemApi.ts';

const UNIT_ZH: Record<string, string> = { calendar_days: '日', working_days: '个工作日', hours: '小时', months: '个月' };
const STATUS_COLORS: Record<string, string> = { running: 'blue', paused: 'default', stopped: 'default' };

/**
 * One deadline: the due date big, its warning level, and the rule that produced it with the legal
 * source — what staff need to trust (or question) the date.
 */
export function DeadlineCard({ deadline: d }: { deadline: WorkItemDeadline }) {
  // people read the rule by its name and length; its key stays a data attribute for support
  const amount = d.ruleAmount !== null ? `：${d.ruleAmount}${d.ruleUnit ? (UNIT_ZH[d.ruleUnit] ?? '') : ''}` : '';
  const rule = d.ruleName ? `${d.ruleName}${amount}` : '规则已删除（期限按原规则计算）';
  return (
    <Card
      size="small"
      className="anwen-deadline-card"
      data-testid="deadline-card"
      title={
        <Space size={6} wrap>
          <span>{d.label}</span>
          <Tag color={STATUS_COLORS[d.status]}>{d.statusName}</Tag>
        </Space>
      }
    >
      <Space align="baseline" size={12} wrap>
        <Typography.Text strong style={{ fontSize: 28 }} data-testid="deadline-due">
          {d.minimum && d.dueDate ? `${d.label}至${d.dueDate}` : (d.dueDate ?? (d.status === 'paused' ? '暂停中' : '—'))}
        </Typography.Text>
        {d.status === 'running' && !d.minimum && <WarningTag level={d.warningLevel} />}
        {d.minimum && d.earliestEnd && <Tag color="blue">最短期限 · 不得早于{d.earliestEnd}结束</Tag>}
        {d.provisional && (
          <Tag color="gold" title="所在年份的工作日历尚未导入，期限按周末规则暂定，导入后自动重算">
            暂定
          </Tag>
        )}
      </Space>
      {d.provisional && d.missingYears.length > 0 && (
        <Typography.Paragraph type="warning" style={{ margin: '4px 0 0' }}>
          {d.missingYears.join('、')} 年工作日历尚未导入
        </Typography.Paragraph>
      )}
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
        <Descriptions.Item label="起算日">{d.startDate}</Descriptions.Item>
        <Descriptions.Item label="规则">
          <span data-rule-key={d.ruleKey}>{rule}</span>
        </Descriptions.Item>
        <Descriptions.Item label="法律依据">{d.ruleSource ?? '—'}</Descriptions.Item>
        {d.province && <Descriptions.Item label="地方规定">按本省规定（行政区划代码 {d.province}）</Descriptions.Item>}
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="deadline-explanation">
        {d.explanation}
      </Typography.Paragraph>
    </Card>
  );
}
