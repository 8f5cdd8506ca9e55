import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../core/outbox/index.ts';
import { PETITION_MESSAGES, type PetitionMessageKey } from './messages.ts';

const SAMPLE: Record<PetitionMessageKey, Record<string, string | number>> = {
  registered: { caseNo: 'XF2026-000123', queryCode: 'K7P2Q9X4' },
  accepted: { caseNo: 'XF2026-000123', date: '2026-08-05', dueDate: '2026-10-08' },
  not_accepted: { caseNo: 'XF2026-000123', legalRoute: '如不服，可自知道或应当知道该行政行为之日起60日内依法申请行政复议。' },
  transferred: { caseNo: 'XF2026-000123', toUnitName: '市人力资源和社会保障局' },
  extended: { caseNo: 'XF2026-000123', dueDate: '2026-11-07', reason: '需补充调查' },
  replied: { caseNo: 'XF2026-000123', evalDays: 30, reviewHint: '不服的，可在收到之日起30日内申请复查。' },
  review_opened: { caseNo: 'XF2026-000123', reviewKind: '复查', reviewCaseNo: 'XF2026-000200', dueDate: '2026-10-20' },
};

describe('信访 messages to petitioners', () => {
  it('every template renders with its parameters, leaves no placeholder and stays SMS-sized (≤ 3 segments)', () => {
    for (const key of Object.keys(PETITION_MESSAGES) as PetitionMessageKey[]) {
      const r = renderTemplate(PETITION_MESSAGES[key], SAMPLE[key]);
      expect(r.text, key).not.toMatch(/[{}]/);
      expect([...r.text].length, key).toBeLessThanOrEqual(3 * 67);
    }
  });

  it('the 登记回执 carries the 查询码 in the text, never in the preview', () => {
    const r = renderTemplate(PETITION_MESSAGES.registered, SAMPLE.registered);
    expect(r.subject).toBe('信访事项已登记：XF2026-000123');
    expect(r.text).toContain('K7P2Q9X4');
    expect(r.preview).not.toContain('K7P2Q9X4');
  });
});
