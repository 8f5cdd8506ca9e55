import { describe, expect, it } from 'vitest';
import { activeFlags } from './labels.ts';
import { orderDeadlines } from './deadlineOrder.ts';
import type { PetitionDeadline } from '../../api/petitions.ts';

describe('case page helpers', () => {
  it('lists only the set flags, in a stable order', () => {
    expect(
      activeFlags({ collective: true, firstTime: true, repeat: false, skippedLevel: false, lawRelated: true, afterTermination: false }).map((f) => f.label),
    ).toEqual(['集体访', '初信初访', '涉法涉诉']);
    expect(activeFlags(null)).toEqual([]);
  });

  it('puts running clocks first, nearest due first, then the stopped ones latest first', () => {
    const d = (id: number, status: string, dueDate: string): PetitionDeadline => ({
      id,
      status,
      dueDate,
      ruleKey: 'k',
      label: 'l',
      ruleName: null,
      ruleSource: null,
      ruleAmount: null,
      ruleUnit: null,
      province: '',
      startDate: '2026-01-01',
      dueAt: null,
      statusName: status,
      warningLevel: 'normal',
      provisional: false,
      missingYears: [],
      explanation: '',
      minimum: false,
      earliestEnd: null,
    });
    expect(
      orderDeadlines([d(1, 'stopped', '2026-01-01'), d(2, 'running', '2026-12-01'), d(3, 'running', '2026-10-08'), d(4, 'stopped', '2026-02-01')]).map(
        (x) => x.id,
      ),
    ).toEqual([3, 2, 4, 1]);
  });
});
