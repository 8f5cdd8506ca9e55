import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../core/outbox/index.ts';
import { PETITION_MESSAGES, type PetitionMessageKey } from './messages.ts';

const DOC = '青信〔2026〕15号';
const SAMPLE: Record<PetitionMessageKey, Record<string, string | number>> = {
  registered: { caseNo: 'XF2026-000123', queryCode: 'K7P2Q9X4' },
  accepted: { caseNo: 'XF2026-000123', date: '2026-08-05', dueDate: '2026-10-08', docNo: DOC },
  not_accepted: {
    caseNo: 'XF2026-000123',
    // the longest the builder lets through (clipped to 100)
    legalRoute: `如不服，${'可自知道或应当知道该行政行为之日起60日内依法申请行政复议（《中华人民共和国行政复议法》（2023）第二十条）；'.repeat(3).slice(0, 99)}…。`,
    docNo: DOC,
  },
  not_accepted_again: { caseNo: 'XF2026-000123', docNo: DOC },
  transferred: { caseNo: 'XF2026-000123', toUnitName: '市人力资源和社会保障局', docNo: DOC },
  assigned: { caseNo: 'XF2026-000123', toUnitName: '青岚县人力资源和社会保障局', docNo: DOC },
  extended: { caseNo: 'XF2026-000123', dueDate: '2026-11-07', reason: '需补充调查', docNo: DOC },
  replied: { caseNo: 'XF2026-000123', docName: '复查意见书', docNo: DOC, afterDelivery: '评价和申请复核的期限自送达之日起计算，届时另行告知。' },
  delivered: {
    caseNo: 'XF2026-000123',
    docName: '处理意见书',
    date: '2026-10-09',
    nextStep: '请于2026-11-08前评价办理工作；不服的，可于2026-11-08前申请复查。',
  },
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

  it('names the notice by its 发文字号, and the review stage by its name (复查 or 复核), never 复查/复核', () => {
    for (const key of ['accepted', 'not_accepted', 'not_accepted_again', 'transferred', 'assigned', 'extended', 'replied'] as const) {
      expect(renderTemplate(PETITION_MESSAGES[key], SAMPLE[key]).text, key).toContain(DOC);
    }
    for (const key of Object.keys(PETITION_MESSAGES) as PetitionMessageKey[]) {
      const r = renderTemplate(PETITION_MESSAGES[key], SAMPLE[key]);
      expect(r.text + r.subject, key).not.toContain('复查/复核');
    }
    expect(renderTemplate(PETITION_MESSAGES.review_opened, SAMPLE.review_opened).subject).toBe('复查申请已登记：XF2026-000200');
  });
});
