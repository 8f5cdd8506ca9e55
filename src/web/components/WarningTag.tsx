import { Tag } from 'antd';
import type { WarningLevel } from '../api/types.ts';
import { WARNING_COLORS, WARNING_LABELS } from '../labels.ts';

/** 正常 green / 临期 orange / 超期 red / 严重超期 magenta. */
export function WarningTag({ level }: { level: WarningLevel | null | undefined }) {
  if (!level) return <Tag>无期限</Tag>;
  return (
    <Tag color={WARNING_COLORS[level]} data-warning={level}>
      {WARNING_LABELS[level]}
    </Tag>
  );
}
