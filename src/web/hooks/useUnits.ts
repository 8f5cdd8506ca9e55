import { useMemo } from 'react';
import { itemsOf, unitApi } from '../api/endpoints.ts';
import type { Unit } from '../api/types.ts';
import { useAsync } from './useAsync.ts';

export interface UnitNode {
  unit: Unit;
  children: UnitNode[];
}

/** Builds the unit forest from the flat list (parents before children is not assumed). */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>();
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId == null ? undefined : nodes.get(node.unit.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (a: UnitNode, b: UnitNode) => (a.unit.sort ?? 0) - (b.unit.sort ?? 0) || a.unit.code.localeCompare(b.unit.code);
  const sortDeep = (list: UnitNode[]) => {
    list.sort(order);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

export interface UnitTreeSelectNode {
  value: number;
  title: string;
  disabled?: boolean;
  children: UnitTreeSelectNode[];
}

export function toTreeSelect(nodes: UnitNode[]): UnitTreeSelectNode[] {
  return nodes.map((n) => ({
    value: n.unit.id,
    title: n.unit.name,
    disabled: n.unit.disabled,
    children: toTreeSelect(n.children),
  }));
}

/** All units, as a list, a by-id map, and a tree. */
export function useUnits() {
  const state = useAsync(() => unitApi.list(), []);
  const derived = useMemo(() => {
    const list = itemsOf(state.data);
    const tree = buildUnitTree(list);
    return { list, byId: new Map(list.map((u) => [u.id, u])), tree, treeSelect: toTreeSelect(tree) };
  }, [state.data]);
  return { ...state, ...derived };
}
