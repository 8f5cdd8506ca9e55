import { describe, expect, it } from 'vitest';
import { beijingDay, beijingTime, missingParts, type Answer } from './checks.ts';

const items = [{ id: 1 }, { id: 2 }, { id: 3 }];
const signed = {
  inspectedOn: '2026-08-03',
  inspectorSignature: 'data:image/png;base64,AA',
  partySignature: 'data:image/png;base64,AA',
  partyRefused: false,
  partyRefusedReason: '',
};
const fail = (extra: Partial<Answer> = {}): Answer => ({
  outcome: 'fail',
  finding: '后厨安全出口被纸箱堵塞',
  category: '消防安全',
  grade: 'general',
  location: '',
  dueOn: '2026-08-10',
  ...extra,
});
const pass: Answer = { outcome: 'pass', finding: '', grade: 'general', location: '', dueOn: '' };

describe('field record checks before 提交', () => {
  it('a complete record has nothing missing', () => {
    expect(missingParts(items, { 1: fail(), 2: pass, 3: { ...pass, outcome: 'na' } }, signed)).toEqual([]);
  });
  it('names unanswered items, a failed item’s missing hazard parts and a deadline before the inspection', () => {
    expect(missingParts(items, { 1: fail({ finding: ' ', category: undefined }), 3: fail({ dueOn: '2026-08-02' }) }, signed)).toEqual([
      '还有 1 个检查项目未选择结果',
      '第 1 项不合格：请写明发现的问题',
      '第 1 项不合格：请选择隐患类别',
      '第 3 项：整改期限不能早于检查日期',
    ]);
  });
  it('needs both signatures, or the reason the inspected party refused to sign (谁检查谁签字)', () => {
    const answers = { 1: pass, 2: pass, 3: pass };
    expect(missingParts(items, answers, { ...signed, inspectorSignature: null, partySignature: null })).toEqual(['请检查人员签名', '请被检查单位负责人签名']);
    expect(missingParts(items, answers, { ...signed, partySignature: null, partyRefused: true })).toEqual(['请写明被检查单位拒绝签字的情况']);
    expect(
      missingParts(items, answers, { ...signed, partySignature: null, partyRefused: true, partyRefusedReason: '负责人拒绝签字，两名检查人员见证' }),
    ).toEqual([]);
  });
  it('dates an instant by Beijing’s calendar (an inspection at 01:00 on the 3rd is the 3rd, not UTC’s 2nd)', () => {
    expect(beijingDay(new Date('2026-08-02T17:30:00Z'))).toBe('2026-08-03');
    expect(beijingTime('2026-08-02T17:05:00Z')).toBe('8月3日 01:05');
    expect(beijingTime('2026-08-02T17:05:00Z', true)).toBe('2026年8月3日 01:05');
  });
});
