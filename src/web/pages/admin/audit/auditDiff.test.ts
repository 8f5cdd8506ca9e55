import { describe, expect, it } from 'vitest';
import { auditDiff, showValue } from './auditDiff.ts';

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
