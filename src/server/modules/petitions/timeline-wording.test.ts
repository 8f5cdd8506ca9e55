import { describe, expect, it } from 'vitest';
import { auditActionZh, describeAudit } from '../../kernel/timeline/labels.ts';
import { createCatalog } from '../../kernel/catalog/index.ts';
import { PETITION_MACHINE } from './machine.ts';
import { PETITION_MODULE } from './descriptor.ts';

const PETITIONS = createCatalog([PETITION_MODULE]);

// the kernel words the timeline through the module's descriptor; these keep its 信访 vocabulary in step with the machine
describe('信访 timeline wording (the descriptor’s)', () => {
  it('names every action as the machine does', () => {
    for (const [code, a] of Object.entries(PETITION_MACHINE.actions as Record<string, { name: string }>)) {
      expect(auditActionZh(PETITIONS, `petition.${code}`), code).toBe(a.name);
    }
  });

  it('names every state as the machine does', () => {
    for (const [code, s] of Object.entries(PETITION_MACHINE.states as Record<string, { name: string }>)) {
      expect(PETITIONS.stateName('petition', code), code).toBe(s.name);
    }
  });

  it('names the 信访 chain actions', () => {
    expect(auditActionZh(PETITIONS, 'petition.accept')).toBe('受理');
    expect(auditActionZh(PETITIONS, 'petition.decide_objection')).toBe('处理退回');
    expect(auditActionZh(PETITIONS, 'petition.review_open')).toBe('复查/复核立案');
  });

  it('describes a 信访 transition with zh-CN states and the readable inputs only', () => {
    expect(
      describeAudit(PETITIONS, 'petition.accept', { state: 'registered' }, { state: 'handling', input: { occurredOn: '2026-08-05', note: '材料齐全' } }),
    ).toBe('状态：已登记 → 办理中；日期：2026-08-05；说明：材料齐全');
    // unit ids and the approver id are not words: the parties and clock entries name them
    expect(describeAudit(PETITIONS, 'petition.assign', { state: 'registered' }, { state: 'assigned', input: { leadUnitId: 7, assistUnitIds: [8] } })).toBe(
      '状态：已登记 → 已交办',
    );
    expect(
      describeAudit(
        PETITIONS,
        'petition.reply',
        { state: 'handling' },
        { state: 'replied', input: { outcome: 'explain', facts: '甲'.repeat(130), legalBasis: '《信访工作条例》' } },
      ),
    ).toBe(`状态：办理中 → 已出具意见；处理意见：解释说明；认定事实：${'甲'.repeat(120)}…；依据：《信访工作条例》`);
    expect(describeAudit(PETITIONS, 'petition.evaluate', { state: 'delivered' }, { state: 'delivered', input: { result: 'basically_satisfied' } })).toBe(
      '评价：基本满意',
    );
    expect(
      describeAudit(
        PETITIONS,
        'petition.reject',
        { state: 'registered' },
        { state: 'closed', input: { reason: '不属于信访事项', routes: ['fuyi', 'susong'] } },
      ),
    ).toBe('状态：已登记 → 已办结；告知救济途径：行政复议、行政诉讼');
    expect(describeAudit(PETITIONS, 'petition.decide_objection', { state: 'objected' }, { state: 'registered', input: { decision: 'uphold' } })).toBe(
      '状态：已退回（待决定） → 已登记；决定：同意退回，重新交办',
    );
  });

  it('describes 信访 registration, review cases and chained states without raw codes', () => {
    expect(
      describeAudit(PETITIONS, 'petition.register', null, {
        caseNo: 'XF-519901-2026-000001',
        channel: 'visit',
        matterType: 'appeal',
        petitioners: 2,
        anonymous: false,
        flags: { collective: true, repeat: false, firstTime: true },
        state: 'registered',
      }),
    ).toBe('编号：XF-519901-2026-000001；渠道：来访；类型：申诉求决类；信访人：2人；标记：集体访、初信初访');
    expect(
      describeAudit(PETITIONS, 'petition.register', null, {
        caseNo: 'X',
        channel: 'online',
        matterType: 'accusation',
        petitioners: 0,
        anonymous: true,
        flags: {},
      }),
    ).toBe('编号：X；渠道：网上；类型：检举控告类；匿名');
    expect(describeAudit(PETITIONS, 'petition.review_open', null, { caseNo: 'XF-519901-2026-000002', stage: 'fucha', reviewOf: 1, state: 'handling' })).toBe(
      '复查立案，编号：XF-519901-2026-000002；状态：办理中',
    );
    expect(describeAudit(PETITIONS, 'petition.chain', { state: 'under_review' }, { state: 'terminated', by: 9 })).toBe(
      '状态：复查/复核中 → 已终结；随关联的复查/复核事项',
    );
  });
});
