import { describe, expect, it } from 'vitest';
import type { Unit } from '../api/types.ts';
import { buildUnitTree, toTreeSelect } from './useUnits.ts';

const unit = (id: number, parentId: number | null, name: string, sort = 0): Unit => ({
  id,
  parentId,
  code: `U${id}`,
  name,
  kind: parentId === null ? 'county' : 'township',
  kindName: parentId === null ? '县' : '乡镇',
  shortName: null,
  fullName: null,
  level: parentId === null ? 1 : 2,
  path: '',
  disabled: id === 4,
  sort,
});

describe('buildUnitTree', () => {
  it('nests children under parents whatever the list order, sorted by sort then code', () => {
    const tree = buildUnitTree([unit(3, 1, '碧溪乡', 2), unit(2, 1, '龙蚕镇', 1), unit(1, null, '青岚县'), unit(4, 2, '龙头村')]);
    expect(tree).toHaveLength(1);
    expect(tree[0]!.children.map((c) => c.unit.name)).toEqual(['龙蚕镇', '碧溪乡']);
    expect(tree[0]!.children[0]!.children.map((c) => c.unit.name)).toEqual(['龙头村']);
  });

  it('keeps a unit whose parent is outside the visible scope as a root (a township user sees their own subtree)', () => {
    const tree = buildUnitTree([unit(2, 1, '龙蚕镇'), unit(4, 2, '龙头村')]);
    expect(tree.map((n) => n.unit.name)).toEqual(['龙蚕镇']);
  });

  it('marks disabled units as not selectable in pickers', () => {
    const select = toTreeSelect(buildUnitTree([unit(1, null, '青岚县'), unit(4, 1, '旧村')]));
    expect(select[0]!.children[0]).toMatchObject({ value: 4, disabled: true });
  });
});
