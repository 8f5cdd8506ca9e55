import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldKind, fieldLabel, isRequired, schemaFor } from './actionFields.ts';
import type { JsonSchema } from '../../api/petitions.ts';
import { activeFlags } from './labels.ts';
import { orderDeadlines } from './deadlineOrder.ts';
import type { PetitionDeadline } from '../../api/petitions.ts';

/** The server builds each action's inputSchema with z.toJSONSchema; the form must read those shapes. */
const json = (s: z.ZodType) => z.toJSONSchema(s, { unrepresentable: 'any' }) as JsonSchema;

describe('action forms from the server schema', () => {
  const assign = json(
    z.object({
      leadUnitId: z.number().int().positive(),
      assistUnitIds: z.array(z.number().int().positive()).max(20).default([]),
      territorialUnitId: z.number().int().positive().optional(),
      leaderId: z.number().int().positive().optional(),
      note: z.string().max(2000).optional(),
    }),
  );

  it('picks unit, leader and user pickers by field name, enums and dates by type', () => {
    const p = assign.properties!;
    expect(fieldKind('leadUnitId', p.leadUnitId!)).toBe('unit');
    expect(fieldKind('assistUnitIds', p.assistUnitIds!)).toBe('units');
    expect(fieldKind('leaderId', p.leaderId!)).toBe('leader');
    expect(fieldKind('approverUserId', { type: 'integer' })).toBe('user');
    const reject = json(z.object({ reason: z.string().min(1).max(2000), routes: z.array(z.enum(['fuyi', 'susong'])).default([]) })).properties!;
    expect(fieldKind('routes', reject.routes!)).toBe('enumMulti');
    expect(fieldKind('reason', reject.reason!)).toBe('textarea');
    const evaluate = json(z.object({ result: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']) })).properties!;
    expect(fieldKind('result', evaluate.result!)).toBe('enum');
    const deliver = json(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('送达日期，默认今天') }));
    expect(fieldKind('date', deliver.properties!.date!)).toBe('date');
    expect(fieldLabel('date', deliver.properties!.date!)).toBe('送达日期');
  });

  it('does not demand fields the server defaults or leaves optional', () => {
    expect(isRequired(assign, 'leadUnitId')).toBe(true);
    expect(isRequired(assign, 'assistUnitIds')).toBe(false);
    expect(isRequired(assign, 'leaderId')).toBe(false);
  });

  it('falls back to the contract shapes when no schema is sent', () => {
    expect(schemaFor('reply', undefined).required).toEqual(['outcome', 'facts', 'legalBasis']);
    expect(Object.keys(schemaFor('assign', assign).properties ?? {})).toContain('territorialUnitId');
    expect(schemaFor('unknown_action', undefined).properties).toEqual({});
  });
});

describe('case page helpers', () => {
  it('lists only the set flags, in a stable order', () => {
    expect(activeFlags({ collective: true, firstTime: true, repeat: false, skippedLevel: false, lawRelated: true }).map((f) => f.label)).toEqual(['集体访', '初信初访', '涉法涉诉']);
    expect(activeFlags(null)).toEqual([]);
  });

  it('puts running clocks first, nearest due first, then the stopped ones latest first', () => {
    const d = (id: number, status: string, dueDate: string): PetitionDeadline => ({
      id, status, dueDate, ruleKey: 'k', label: 'l', ruleName: null, ruleSource: null, ruleAmount: null, ruleUnit: null, province: '', startDate: '2026-01-01', dueAt: null, statusName: status, warningLevel: 'normal', provisional: false, missingYears: [], explanation: '',
    });
    expect(orderDeadlines([d(1, 'stopped', '2026-01-01'), d(2, 'running', '2026-12-01'), d(3, 'running', '2026-10-08'), d(4, 'stopped', '2026-02-01')]).map((x) => x.id)).toEqual([3, 2, 4, 1]);
  });
});
