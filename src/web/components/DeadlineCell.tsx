import { Space, Tag, Tooltip, Typography } from 'antd';
import type { TodoItem } from '../api/types.ts';
import { WarningTag } from './WarningTag.tsx';

/** The nearest due date; hovering lists every running deadline with how it was computed. */
export function DeadlineCell({ item }: { item: TodoItem }) {
  if (!item.nearestDue) return <Typography.Text type="secondary">—</Typography.Text>;
  const provisional = item.deadlines.some((d) => d.provisional && d.dueDate === item.nearestDue);
  const tip = item.deadlines.length ? (
    <div className="anwen-deadline-tip">
      {item.deadlines.map((d) => (
        <div key={`${d.ruleKey}-${d.label}`}>
          <strong>{d.label}</strong>：{d.dueDate ?? '已暂停'} <WarningTag level={d.warningLevel} />
          {d.provisional && <Tag color="gold">暂定</Tag>}
          <div>{d.explanation}</div>
        </div>
      ))}
    </div>
  ) : null;
  return (
    <Tooltip title={tip} placement="topLeft" styles={{ root: { maxWidth: 440 } }}>
      <Space size={4}>
        <span className="anwen-due">{item.nearestDue}</span>
        {provisional && (
          <Tag color="gold" title="所在年份的工作日历尚未加载，期限按周末规则暂定，加载后自动重算">
            暂定
          </Tag>
        )}
      </Space>
    </Tooltip>
  );
}
