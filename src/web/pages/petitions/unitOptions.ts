import type { UnitNode, UnitTreeSelectNode } from '../../hooks/useUnits.ts';
import type { UnitKind } from '../../api/types.ts';
import type { CategoryNode } from '../../api/petitions.ts';

/** 问题属地 is a township/street or one of its villages/communities. */
const PLACE_KINDS: UnitKind[] = ['township', 'street', 'village', 'community'];

/** The unit tree cut down to places; the county stays as an unselectable root so the tree reads naturally. */
export function placeTree(nodes: UnitNode[]): UnitTreeSelectNode[] {
  const out: UnitTreeSelectNode[] = [];
  for (const n of nodes) {
    if (n.unit.disabled) continue;
    const children = placeTree(n.children);
    const isPlace = PLACE_KINDS.some((k) => k === n.unit.kind);
    if (isPlace || children.length) out.push({ value: n.unit.id, title: n.unit.name, disabled: !isPlace, children });
  }
  return out;
}

/** Units that can take a case (部门、乡镇、村社区…): groups/meetings are not handling units. */
export function handlingUnitTree(nodes: UnitNode[]): UnitTreeSelectNode[] {
  const out: UnitTreeSelectNode[] = [];
  for (const n of nodes) {
    if (n.unit.disabled) continue;
    const children = handlingUnitTree(n.children);
    const selectable = n.unit.kind !== 'leading_group' && n.unit.kind !== 'joint_meeting' && n.unit.kind !== 'county';
    if (selectable || children.length) out.push({ value: n.unit.id, title: n.unit.name, disabled: !selectable, children });
  }
  return out;
}

export interface CascaderOption {
  value: number;
  label: string;
  children?: CascaderOption[];
}

/** The category tree has two levels: a category and its children (which have none). */
export function categoryOptions(nodes: (Omit<CategoryNode, 'children'> & { children?: Omit<CategoryNode, 'children'>[] })[]): CascaderOption[] {
  return nodes.map((n) => ({
    value: n.id,
    label: n.name,
    children: n.children?.length ? categoryOptions(n.children) : undefined,
  }));
}

/** The tree below one unit (its villages, communities and 站所), the unit itself not offered: 乡级督办's choices. */
export function subtreeOf(nodes: UnitTreeSelectNode[], rootId: number): UnitTreeSelectNode[] {
  for (const n of nodes) {
    if (n.value === rootId) return n.children ?? [];
    const found = subtreeOf(n.children ?? [], rootId);
    if (found.length) return found;
  }
  return [];
}
