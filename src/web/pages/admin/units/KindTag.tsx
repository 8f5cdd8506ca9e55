import { Tag } from 'antd';
import type { UnitKind } from '../../../api/types.ts';
import { UNIT_KIND_COLORS, UNIT_KIND_LABELS } from '../../../labels.ts';

export function KindTag({ kind }: { kind: UnitKind }) {
  return <Tag color={UNIT_KIND_COLORS[kind]}>{UNIT_KIND_LABELS[kind] ?? kind}</Tag>;
}

/** 领导小组 and 联席会议 are coordination bodies: they have member units, and cannot be members themselves. */
export const GROUP_KINDS: readonly UnitKind[] = ['leading_group', 'joint_meeting'];

export function isGroupKind(kind: UnitKind): boolean {
  return GROUP_KINDS.includes(kind);
}
