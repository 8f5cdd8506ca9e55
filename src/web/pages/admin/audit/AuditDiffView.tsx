import { Descriptions, Typography } from 'antd';
import { auditDiff, showNamedValue, type AuditEventNamed } from './auditDiff.ts';

/** The expanded row of an audit event: each field as "old → new", with reason and raw ids. */
export function AuditDiffView({ event }: { event: AuditEventNamed }) {
  const names = event.unitNames ?? {};
  const show = (key: string, v: unknown) => showNamedValue(key, v, names);
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
      {event.detail && (
        <Typography.Paragraph>
          <Typography.Text strong>经过：</Typography.Text>
          {event.detail}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">
        {event.entityName ? `对象 ${event.entityName}` : ''}
        {event.actorUnitName ? ` · 操作人单位 ${event.actorUnitName}` : ''}
        {event.ip ? ` · 来源 IP ${event.ip}` : ''}
        {' · 以下为系统保存的原始记录（供核查）'}
      </Typography.Paragraph>
      {lines.length === 0 ? (
        <Typography.Text type="secondary">此事件未记录变更内容。</Typography.Text>
      ) : (
        <Descriptions size="small" column={1} bordered>
          {changed.map((l) => (
            <Descriptions.Item key={l.key} label={l.key}>
              {l.change === 'added' && <Typography.Text type="success">新增：{show(l.key, l.after)}</Typography.Text>}
              {l.change === 'removed' && (
                <Typography.Text type="danger" delete>
                  {show(l.key, l.before)}
                </Typography.Text>
              )}
              {l.change === 'changed' && (
                <span>
                  <Typography.Text delete type="secondary">
                    {show(l.key, l.before)}
                  </Typography.Text>
                  {' → '}
                  <Typography.Text strong>{show(l.key, l.after)}</Typography.Text>
                </span>
              )}
            </Descriptions.Item>
          ))}
          {unchanged.map((l) => (
            <Descriptions.Item key={l.key} label={l.key}>
              <Typography.Text type="secondary">{show(l.key, l.after)}（未变）</Typography.Text>
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </div>
  );
}
