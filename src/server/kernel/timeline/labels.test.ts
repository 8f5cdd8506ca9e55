import { describe, expect, it } from 'vitest';
import { amountZh, auditActionZh, describeAudit, describeChange, describeDueChange } from './labels.ts';
import { createCatalog } from '../catalog/index.ts';

const NONE = createCatalog([]);

describe('timeline wording', () => {
  it('names amounts in the rule unit', () => {
    expect(amountZh(30, 'calendar_days')).toBe('30日');
    expect(amountZh(5, 'working_days')).toBe('5个工作日');
    expect(amountZh(null, 'hours')).toBe('');
  });

  it('lists only the fields a change altered, capped', () => {
    expect(describeChange({ state: 'handling', title: 'a' }, { state: 'closed', title: 'a' })).toBe('state：handling → closed');
    expect(describeChange(null, { assignee: '张三' })).toBe('assignee：张三');
    expect(describeChange({ a: 1, b: 2, c: 3 }, { a: 2, b: 3, c: 4 }, 2)).toBe('a：1 → 2；b：2 → 3；等3项');
    expect(describeChange({ a: 1 }, { a: 1 })).toBe('');
  });

  it('describes a recomputed due date, marking provisional ones', () => {
    expect(describeDueChange({ dueDate: '2027-01-04', provisional: true }, { dueDate: '2027-01-05', provisional: false })).toBe(
      '到期日 2027-01-04（暂定） → 2027-01-05',
    );
    expect(describeDueChange({ dueDate: null }, { dueDate: '2026-10-08' })).toBe('到期日 待定 → 2026-10-08');
  });

  it('falls back to the action code for actions it does not know', () => {
    expect(auditActionZh(NONE, 'deadline.recompute')).toBe('期限重新计算');
    expect(auditActionZh(NONE, 'hazard.inspect')).toBe('hazard.inspect');
  });

  it('keeps the changed-fields wording for other modules', () => {
    expect(describeAudit(NONE, 'work_item.update', { title: 'a' }, { title: 'b' })).toBe('title：a → b');
  });
});
