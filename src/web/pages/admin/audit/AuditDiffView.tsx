import { Descriptions, Typography } from 'antd';
import type { AuditEvent } from '../../../api/types.ts';
import { auditDiff, showValue } from './auditDiff.ts';

/** The expanded row of an audit event: each field as "old → new", with reason and raw ids. */
export function AuditDiffView({ event }: { event: AuditEvent }) {
  const lines = auditDiff(event.before, event.after);
  const changed = lines.filter((l) => l.change !== 'same');
  const unchanged = lines.filter((l) => l.change === 'same');
  return (
    <div data-testid={`audit-diff-${event.seq}`}>
      {event.reason && (
        <Typography.Paragraph>
          <Typography.Text strong>原因：</Typography.Text>
          {event.reason}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">
        操作代码 {event.action}
        {event.entityType ? ` · 对象 ${event.entityType}${event.entityId ? ` #${event.entityId}` : ''}` : ''}
        {event.actorUnitId !== null ? ` · 操作人单位编号 ${event.actorUnitId}` : ''}
        {event.ip ? ` · 来源 IP ${event.ip}` : ''}
      </Typography.Paragraph>
      {lines.length === 0 ? (
        <Typography.Text type="secondary">此事件未记录变更内容。</Typography.Text>
      ) : (
        <Descriptions size="small" column={1} bordered>
          {changed.map((l) => (
            <Descriptions.Item key={l.key} label={l.key}>
              {l.change === 'added' && <Typography.Text type="success">新增：{showValue(l.after)}</Typography.Text>}
              {l.change === 'removed' && <Typography.Text type="danger" delete>{showValue(l.before)}</Typography.Text>}
              {l.change === 'changed' && (
                <span>
                  <Typography.Text delete type="secondary">
                    {showValue(l.before)}
                  </Typography.Text>
                  {' → '}
                  <Typography.Text strong>{showValue(l.after)}</Typography.Text>
                </span>
              )}
            </Descriptions.Item>
          ))}
          {unchanged.map((l) => (
            <Descriptions.Item key={l.key} label={l.key}>
              <Typography.Text type="secondary">{showValue(l.after)}（未变）</Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </div>
  );
}
