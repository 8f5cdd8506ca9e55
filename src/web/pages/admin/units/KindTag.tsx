import { Tag } from 'antd';
import type { UnitKind } from '../../../api/types.ts';
import { asUnitKind, UNIT_KIND_COLORS, UNIT_KIND_LABELS } from '../../../labels.ts';

export function KindTag({ kind }: { kind: string }) {
  const known = asUnitKind(kind);
  return <Tag color={known && UNIT_KIND_COLORS[known]}>{known ? UNIT_KIND_LABELS[known] : '其他'}</Tag>;
}

/** 领导小组 and 联席会议 are coordination bodies: they have member units, and cannot be members themselves. */
export const GROUP_KINDS: readonly UnitKind[] = ['leading_group', 'joint_meeting'];

export function isGroupKind(kind: string): boolean {
  const known = asUnitKind(kind);
  return !!known && GROUP_KINDS.includes(known);
}
