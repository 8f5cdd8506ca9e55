import type { Unit } from '../../../api/types.ts';
import type { UnitNode } from '../../../hooks/useUnits.ts';

export type TreeOrder = Map<number, { index: number; unit: Unit }>;

/**
 * Depth-first position of every unit in the tree, so member lists read in the tree's order (the
 * server orders members by their path string, where '/1/10/' sorts before '/1/9/').
 */
export function treeOrder(nodes: UnitNode[], into: TreeOrder = new Map()): TreeOrder {
  for (const n of nodes) {
    into.set(n.unit.id, { index: into.size, unit: n.unit });
    treeOrder(n.children, into);
  }
  return into;
}

export function byTreeOrder(order: TreeOrder): (a: { id: number }, b: { id: number }) => number {
  return (a, b) => (order.get(a.id)?.index ?? Infinity) - (order.get(b.id)?.index ?? Infinity);
}
