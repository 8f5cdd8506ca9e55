import { Collapse, Descriptions, Typography } from 'antd';
import type { AuditEvent } from '../../../api/types.ts';

type Field = AuditEvent['fields'][number];

/** "旧 → 新" of one field, in the words the server gave (ids by name, times in Beijing time). */
function FieldChange({ f }: { f: Pick<Field, 'before' | 'after' | 'change'> }) {
  const show = (v: string | null) => v ?? '—';
  switch (f.change) {
    case 'added':
      // what the action recorded (its input, the new record): the value itself
      return <Typography.Text>{show(f.after)}</Typography.Text>;
    case 'removed':
      return (
        <Typography.Text type="danger" delete>
          {show(f.before)}
        </Typography.Text>
      );
    case 'changed':
      return (
        <span>
          <Typography.Text delete type="secondary">
            {show(f.before)}
          </Typography.Text>
          {' → '}
          <Typography.Text strong>{show(f.after)}</Typography.Text>
        </span>
      );
    default:
      return <Typography.Text type="secondary">{show(f.after ?? f.before)}（未变）</Typography.Text>;
  }
}

/**
 * The expanded row of an audit event: reason, what happened, and the record's fields by their Chinese names
 * with readable values; fields without a name (the raw record's own keys) are folded under 技术细节.
 */
export function AuditDiffView({ event }: { event: AuditEvent }) {
  const changed = event.fields.filter((f) => f.change !== 'same');
  const unchanged = event.fields.filter((f) => f.change === 'same');
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
        {[event.entityName && `对象 ${event.entityName}`, event.actorUnitName && `操作人单位 ${event.actorUnitName}`, event.ip && `来源 IP ${event.ip}`]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Paragraph>
      {event.fields.length === 0 && event.technical.length === 0 ? (
        <Typography.Text type="secondary">此事件未记录变更内容。</Typography.Text>
      ) : (
        event.fields.length > 0 && (
          <Descriptions size="small" column={1} bordered data-testid={`audit-fields-${event.seq}`}>
            {[...changed, ...unchanged].map((f) => (
              <Descriptions.Item key={f.path} label={f.label}>
                <FieldChange f={f} />
              </Descriptions.Item>
            ))}
          </Descriptions>
        )
      )}
      {event.technical.length > 0 && (
        <Collapse
          size="small"
          ghost
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'technical',
              label: `技术细节（${event.technical.length} 项，系统保存的原始记录，供核查）`,
              children: (
                <Descriptions size="small" column={1} bordered>
                  {event.technical.map((f) => (
                    <Descriptions.Item key={f.path} label={<code>{f.path}</code>}>
                      <code style={{ wordBreak: 'break-all' }}>
                        <FieldChange f={f} />
                      </code>
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
