import { Empty, Timeline, Typography } from 'antd';
import type { TimelineEntry } from './workItemApi.ts';

const COLORS: Record<string, string> = {
  'deadline.start': 'blue',
  'deadline.pause': 'gray',
  'deadline.resume': 'blue',
  'deadline.extend': 'orange',
  'deadline.stop': 'green',
  'deadline.recompute': 'purple',
};

/** Shanghai wall time, as staff read it. */
const when = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const day = (iso: string) => SHANGHAI_DAY.format(new Date(iso));
/** An event recorded on a later day than it happened (补录) shows its business date and when it was entered. */
const backdated = (e: TimelineEntry) => e.recordedAt !== null && day(e.recordedAt) !== day(e.at);

/** The case timeline: clock events and audited changes, in the order they happened (补录 ones on their own date). */
export function WorkItemTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (!entries.length) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      data-testid="workitem-timeline"
      items={entries.map((e, i) => ({
        key: `${e.auditSeq ?? 'e'}-${i}`,
        color: COLORS[e.kind] ?? 'gray',
        content: (
          <div>
            <Typography.Text strong>{e.label}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {backdated(e) ? `${day(e.at)}（${when(e.recordedAt!)} 补录）` : when(e.at)} · {e.actorName}
            </Typography.Text>
            {e.detail && <div>{e.detail}</div>}
          </div>
        ),
      }))}
    />
  );
}
