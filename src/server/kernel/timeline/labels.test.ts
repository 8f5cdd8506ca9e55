import { describe, expect, it } from 'vitest';
import { amountZh, auditActionZh, describeAudit, describeChange, describeDueChange } from './labels.ts';

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
    expect(describeDueChange({ dueDate: '2027-01-04', provisional: true }, { dueDate: '2027-01-05', provisional: false })).toBe('到期日 2027-01-04（暂定） → 2027-01-05');
    expect(describeDueChange({ dueDate: null }, { dueDate: '2026-10-08' })).toBe('到期日 待定 → 2026-10-08');
  });

  it('falls back to the action code for actions it does not know', () => {
    expect(auditActionZh('deadline.recompute')).toBe('期限重新计算');
    expect(auditActionZh('hazard.inspect')).toBe('hazard.inspect');
  });

  it('names the 信访 chain actions', () => {
    expect(auditActionZh('petition.accept')).toBe('受理');
    expect(auditActionZh('petition.decide_objection')).toBe('处理退回');
    expect(auditActionZh('petition.review_open')).toBe('复查/复核立案');
  });

  it('describes a 信访 transition with zh-CN states and the readable inputs only', () => {
    expect(describeAudit('petition.accept', { state: 'registered' }, { state: 'handling', input: { date: '2026-08-05', note: '材料齐全' } })).toBe(
      '状态：已登记 → 办理中；日期：2026-08-05；说明：材料齐全',
    );
    // unit ids and the approver id are not words: the parties and clock entries name them
    expect(describeAudit('petition.assign', { state: 'registered' }, { state: 'assigned', input: { leadUnitId: 7, assistUnitIds: [8] } })).toBe('状态：已登记 → 已交办');
    expect(describeAudit('petition.reply', { state: 'handling' }, { state: 'replied', input: { outcome: 'explain', facts: '甲'.repeat(130), legalBasis: '《信访工作条例》' } })).toBe(
      `状态：办理中 → 已出具意见；处理意见：解释说明；认定事实：${'甲'.repeat(120)}…；依据：《信访工作条例》`,
    );
    expect(describeAudit('petition.evaluate', { state: 'delivered' }, { state: 'delivered', input: { result: 'basically_satisfied' } })).toBe('评价：基本满意');
    expect(describeAudit('petition.reject', { state: 'registered' }, { state: 'closed', input: { reason: '不属于信访事项', routes: ['fuyi', 'susong'] } })).toBe(
      '状态：已登记 → 已办结；告知救济途径：行政复议、行政诉讼',
    );
    expect(describeAudit('petition.decide_objection', { state: 'objected' }, { state: 'registered', input: { decision: 'uphold' } })).toBe('状态：已退回（待决定） → 已登记；决定：同意退回，重新交办');
  });

  it('describes 信访 registration, review cases and chained states without raw codes', () => {
    expect(
      describeAudit('petition.register', null, { caseNo: '519901-2026-000001', channel: 'visit', matterType: 'appeal', petitioners: 2, anonymous: false, flags: { collective: true, repeat: false, firstTime: true }, state: 'registered' }),
    ).toBe('编号：519901-2026-000001；渠道：来访；类型：申诉求决类；信访人：2人；标记：集体访、初信初访');
    expect(describeAudit('petition.register', null, { caseNo: 'X', channel: 'online', matterType: 'accusation', petitioners: 0, anonymous: true, flags: {} })).toBe('编号：X；渠道：网上；类型：检举控告类；匿名');
    expect(describeAudit('petition.review_open', null, { caseNo: '519901-2026-000002', stage: 'fucha', reviewOf: 1, state: 'handling' })).toBe('复查立案，编号：519901-2026-000002；状态：办理中');
    expect(describeAudit('petition.chain', { state: 'under_review' }, { state: 'terminated', by: 9 })).toBe('状态：复查/复核中 → 已终结；随关联的复查/复核事项');
  });

  it('keeps the changed-fields wording for other modules', () => {
    expect(describeAudit('work_item.update', { title: 'a' }, { title: 'b' })).toBe('title：a → b');
  });
});
