import { describe, expect, it } from 'vitest';
import { allowedActions, assertTransition } from '../../kernel/machine/index.ts';
import type { ActingParty } from '../../kernel/actions/index.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { DISPUTE_MACHINE, type DisputeCtx } from './machine.ts';
import { levelOfUnitKind, missingArt29 } from './fields.ts';

const staff = (roles: SessionUser['roles']): ActingParty => ({
  kind: 'staff',
  user: { id: 7, username: 'm', displayName: '调解员', unitId: 3, unitPath: '/1/2/3/', roles } as SessionUser,
});
const mediator = staff(['mediator']);
const item = (over: Partial<DisputeCtx> = {}): DisputeCtx => ({
  id: 1,
  state: 'mediating',
  partyCount: 2,
  agreementForm: null,
  effectiveOn: null,
  confirmDueOn: null,
  confirmAppliedOn: null,
  confirmResult: null,
  mediationKind: 'people',
  courtReportedOn: null,
  ...over,
});
const run = (action: string, input: object, it: DisputeCtx, today = '2026-06-10') =>
  assertTransition(DISPUTE_MACHINE, { party: mediator, item: it, action, input, today, lastEventOn: '2026-06-01', windowDays: 7 });
const messageOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
};

describe('矛盾纠纷 machine: the 人民调解法 guards', () => {
  it('art. 17: acceptance needs every party’s consent', () => {
    const refused = messageOf(() => run('accept', { consent: false, mediationKind: 'people', mediatorName: '孙' }, item({ state: 'registered' })));
    expect(refused).toContain('第十七条');
    expect(run('accept', { consent: true, mediationKind: 'people', mediatorName: '孙' }, item({ state: 'registered' })).to).toBe('mediating');
  });

  it('art. 29: a written agreement names what it lacks; an oral one (art. 28) goes straight to performance', () => {
    expect(missingArt29({ terms: '赔偿500元' }, 2)).toEqual(['纠纷的主要事实、争议事项', '各方当事人的责任', '履行的方式', '履行的期限']);
    expect(missingArt29({ points: 'a', responsibility: 'b', terms: 'c', performMethod: 'd', performDueOn: '2026-07-01' }, 1)).toEqual(['双方当事人的基本情况']);
    expect(messageOf(() => run('agree', { form: 'written', terms: '赔偿五百元' }, item()))).toContain('各方当事人的责任');
    expect(run('agree', { form: 'oral', terms: '赔偿五百元' }, item()).to).toBe('performing');
    expect(run('agree', { form: 'oral', terms: '赔偿五百元', performedOnSpot: true }, item()).to).toBe('performed');
    expect(messageOf(() => run('agree', { form: 'oral', terms: '赔偿五百元' }, item({ partyCount: 1 })))).toContain('双方当事人');
  });

  it('art. 29: the agreement takes effect only when signed and sealed', () => {
    const agreed = item({ state: 'agreed', agreementForm: 'written' });
    expect(messageOf(() => run('sign', { partiesSigned: true, mediatorSigned: false, sealed: false }, agreed))).toMatch(
      /人民调解员签名、加盖人民调解委员会印章/,
    );
    expect(run('sign', { partiesSigned: true, mediatorSigned: true, sealed: true }, agreed).to).toBe('performing');
  });

  it('art. 33: 司法确认 jointly, for a written agreement in force, within the window on the clock', () => {
    const inForce = item({ state: 'performing', agreementForm: 'written', effectiveOn: '2026-06-05', confirmDueOn: '2026-07-06' });
    expect(messageOf(() => run('confirmApply', { court: '县法院', jointly: false }, inForce))).toContain('共同');
    expect(run('confirmApply', { court: '县法院', jointly: true }, inForce).to).toBe('performing');
    expect(messageOf(() => run('confirmApply', { court: '县法院', jointly: true }, inForce, '2026-07-07'))).toContain('2026-07-06');
    expect(
      messageOf(() => run('confirmApply', { court: '县法院', jointly: true }, item({ state: 'performing', agreementForm: 'oral', effectiveOn: '2026-06-05' }))),
    ).toContain('书面');
    // found invalid: back to mediation
    expect(run('confirmResult', { confirmed: false }, { ...inForce, confirmAppliedOn: '2026-06-20' }).to).toBe('mediating');
  });

  it('art. 26: failure closes only with the routes told; art. 31: performance before 回访', () => {
    expect(messageOf(() => run('fail', { reason: '分歧大', toldRoutes: ['litigation'], told: false }, item()))).toContain('第二十六条');
    expect(messageOf(() => run('fail', { reason: '分歧大', toldRoutes: [], told: true }, item()))).toContain('途径');
    expect(run('fail', { reason: '分歧大', toldRoutes: ['litigation'], told: true }, item()).to).toBe('failed');
    expect(allowedActions(DISPUTE_MACHINE, mediator, item({ state: 'performing' }), { today: '2026-06-10' }).map((a) => a.code)).not.toContain('revisit');
    expect(allowedActions(DISPUTE_MACHINE, mediator, item({ state: 'performed' }), { today: '2026-06-10' }).map((a) => a.code)).toContain('revisit');
  });

  it('三调联动: 行政调解 names its department, 司法调解 the court’s referral; each path has its own agreement rules', () => {
    const registered = item({ state: 'registered', mediationKind: null });
    const base = { consent: true, mediatorName: '孙' };
    expect(messageOf(() => run('accept', { ...base, mediationKind: 'administrative' }, registered))).toContain('行政机关');
    expect(run('accept', { ...base, mediationKind: 'administrative', mediatingUnitId: 9 }, registered).to).toBe('mediating');
    expect(messageOf(() => run('accept', { ...base, mediationKind: 'judicial', courtName: '县人民法院' }, registered))).toContain(
      '人民法院委派、委托调解的，须写明委派（立案前）或委托（立案后）、人民法院案号、人民法院确定的调解期限',
    );
    const court = { courtReferral: 'pre_filing', courtName: '县人民法院', courtCaseNo: '（2026）川0101民诉前调1号', courtDueOn: '2026-07-10' };
    expect(run('accept', { ...base, mediationKind: 'judicial', ...court }, registered).to).toBe('mediating');
    // a 行政调解协议 is sealed by the department and has no 人民调解 司法确认 window here
    const admin = item({ state: 'agreed', agreementForm: 'written', mediationKind: 'administrative' });
    expect(messageOf(() => run('sign', { partiesSigned: true, mediatorSigned: true, sealed: false }, admin))).toContain('加盖行政机关印章');
    const adminInForce = { ...admin, state: 'performing' as const, effectiveOn: '2026-06-05' };
    expect(messageOf(() => run('confirmApply', { court: '县法院', jointly: true }, adminInForce))).toContain('人民调解协议');
    // the court's referral is answered once, and only for a court's referral
    const judicial = item({ state: 'performing', mediationKind: 'judicial', agreementForm: 'written', effectiveOn: '2026-06-05' });
    const codes = (it: DisputeCtx) => allowedActions(DISPUTE_MACHINE, mediator, it, { today: '2026-06-10' }).map((a) => a.code);
    expect(codes(judicial)).toContain('reportCourt');
    expect(codes(judicial)).not.toContain('confirmApply');
    expect(codes({ ...judicial, courtReportedOn: '2026-06-08' })).not.toContain('reportCourt');
    expect(codes(adminInForce)).not.toContain('reportCourt');
  });

  it('only dispute handlers act; the resolution level follows the mediating unit', () => {
    expect(allowedActions(DISPUTE_MACHINE, staff(['auditor']), item(), { today: '2026-06-10' })).toEqual([]);
    expect(allowedActions(DISPUTE_MACHINE, staff(['county_leader']), item(), { today: '2026-06-10' })).toEqual([]);
    expect([levelOfUnitKind('community'), levelOfUnitKind('street'), levelOfUnitKind('department')]).toEqual(['village', 'township', 'county']);
  });
});
