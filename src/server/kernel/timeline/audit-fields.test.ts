import { describe, expect, it } from 'vitest';
import { auditFields, instantZh } from './audit-fields.ts';
import type { NameBook } from './names.ts';

const modules = {
  fieldWord: (action: string, key: string) =>
    action.startsWith('drill.') && key === 'channel'
      ? { label: '渠道', value: (v: unknown) => (({ visit: '来访' }) as Record<string, string>)[String(v)] ?? null }
      : action.startsWith('drill.') && key === 'caseNo'
        ? { label: '编号' }
        : undefined,
  auditStateName: (action: string, state: string) =>
    action.startsWith('drill.') ? ({ handling: '办理中', done: '已办结' } as Record<string, string>)[state] : undefined,
};
const names: NameBook = {
  unit: (id) => (Number(id) === 4 ? '龙蚕镇' : undefined),
  user: (id) => (Number(id) === 9 ? '张三' : undefined),
  leader: () => undefined,
  item: () => undefined,
};

describe('audit record fields in words', () => {
  it('names fields in Chinese (kernel, module, input names) and shows values readable: ids by name, codes by name, times in Beijing time', () => {
    const { fields, technical } = auditFields(
      modules,
      'drill.accept',
      { state: 'handling', ownerUnitId: 4 },
      {
        state: 'done',
        ownerUnitId: 4,
        assigneeId: 9,
        input: { occurredOn: '2026-03-05', channel: 'visit' },
        caseNo: 'QL-2026-7',
        at: '2026-03-05T02:10:00.000Z',
      },
      names,
    );
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f]));
    expect(byPath.state).toMatchObject({ label: '状态', before: '办理中', after: '已办结', change: 'changed' });
    expect(byPath.ownerUnitId).toMatchObject({ label: '主办单位', before: '龙蚕镇', after: '龙蚕镇', change: 'same' });
    expect(byPath.assigneeId).toMatchObject({ label: '经办人', before: null, after: '张三', change: 'added' });
    // a wrapper's fields read under their own names
    expect(byPath['input.occurredOn']).toMatchObject({ label: '发生日期', after: '2026-03-05' });
    expect(byPath['input.channel']).toMatchObject({ label: '渠道', after: '来访' });
    expect(byPath.caseNo).toMatchObject({ label: '编号', after: 'QL-2026-7' });
    // 'at' has no name anywhere: technical, raw
    expect(technical).toEqual([{ path: 'at', before: null, after: '2026-03-05T02:10:00.000Z', change: 'added' }]);
    for (const f of fields) expect(`${f.label} ${f.before ?? ''} ${f.after ?? ''}`).not.toMatch(/\{"|handling|visit|undefined|[a-z]Id\b/);
  });

  it('folds what has no name or no readable value under technical detail, never guessing a state', () => {
    const { fields, technical } = auditFields(modules, 'other.thing', { state: 'handling' }, { state: 'objected', blob: { a: 1 }, tags: [{ x: 1 }] }, names);
    expect(fields).toEqual([]);
    expect(technical.map((t) => t.path).sort()).toEqual(['blob.a', 'state', 'tags']);
    expect(technical.find((t) => t.path === 'tags')?.after).toBe('[{"x":1}]');
  });

  it('shows an instant in Beijing time', () => {
    expect(instantZh('2026-03-05T16:30:00Z')).toBe('2026-03-06 00:30');
    expect(instantZh('nonsense')).toBeNull();
  });
});
