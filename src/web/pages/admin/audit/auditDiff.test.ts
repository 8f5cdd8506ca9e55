import { describe, expect, it } from 'vitest';
import { auditDiff, showNamedValue, showValue } from './auditDiff.ts';

describe('auditDiff', () => {
  it('pairs fields of before and after, marking what changed', () => {
    const lines = auditDiff({ name: '龙蚕镇', kind: 'township', roles: ['a'] }, { name: '龙蚕街道', kind: 'township', code: 'X1' });
    expect(lines).toEqual([
      { key: 'name', before: '龙蚕镇', after: '龙蚕街道', change: 'changed' },
      { key: 'kind', before: 'township', after: 'township', change: 'same' },
      { key: 'roles', before: ['a'], after: undefined, change: 'removed' },
      { key: 'code', before: undefined, after: 'X1', change: 'added' },
    ]);
  });

  it('walks nested objects as dotted keys and handles a creation (no before)', () => {
    expect(auditDiff(null, { a: { b: 1 } })).toEqual([{ key: 'a.b', before: undefined, after: 1, change: 'added' }]);
    expect(auditDiff({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }).filter((l) => l.change !== 'same')).toEqual([
      { key: 'a.c', before: 2, after: 3, change: 'changed' },
    ]);
  });

  it('treats a scalar payload as one line and empty payloads as nothing', () => {
    expect(auditDiff(1, 2)).toEqual([{ key: '(值)', before: 1, after: 2, change: 'changed' }]);
    expect(auditDiff(null, null)).toEqual([]);
  });
});

describe('showValue', () => {
  it('renders values for reading', () => {
    expect(showValue(null)).toBe('—');
    expect(showValue(['sys_admin', 'auditor'])).toBe('sys_admin、auditor');
    expect(showValue(true)).toBe('是');
    expect(showValue({ x: 1 })).toBe('{"x":1}');
  });
});

describe('showNamedValue', () => {
  const names = { '1': '青山县', '7': '龙蚕镇', '42': '县信访局' };
  it('shows unit ids as names with the id kept, and unit paths as names', () => {
    expect(showNamedValue('ownerUnitId', 42, names)).toBe('县信访局（#42）');
    expect(showNamedValue('parties.coUnitIds', [7, 99], names)).toBe('龙蚕镇（#7）、99');
    expect(showNamedValue('path', '/1/7/', names)).toBe('青山县 / 龙蚕镇');
    // an unknown unit on the path keeps the raw path rather than a partial one
    expect(showNamedValue('path', '/1/8/', names)).toBe('/1/8/');
    // other fields are untouched
    expect(showNamedValue('persons', 42, names)).toBe('42');
  });
});
