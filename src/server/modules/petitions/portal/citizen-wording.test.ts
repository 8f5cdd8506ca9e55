import { describe, expect, it } from 'vitest';
import {
  acceptanceUndecided,
  citizenDeadline,
  citizenStateName,
  citizenTimeline,
  EVALUATION_CHOICES,
  evaluationName,
  type CitizenTimelineInput,
} from './citizen-wording.ts';
import { legalRouteFor, LEGAL_ROUTE_RULES } from './legal-routes.ts';
import { PETITION_MACHINE } from '../machine.ts';

const e = (kind: string, over: Partial<CitizenTimelineInput> = {}): CitizenTimelineInput => ({
  at: '2026-08-05T02:00:00.000Z',
  kind,
  amount: null,
  unit: null,
  deadlineLabel: null,
  ...over,
});

describe('citizen timeline wording', () => {
  it('keeps only events that concern the petitioner, in fixed words (no staff notes, objections or clock starts)', () => {
    const lines = citizenTimeline(
      [
        e('petition.register'),
        e('deadline.start', { deadlineLabel: '交办期限', amount: 15, unit: 'calendar_days' }),
        e('petition.assign'),
        e('petition.object'),
        e('petition.decide_objection'),
        e('petition.accept'),
        e('petition.progress'),
        e('deadline.extend', { deadlineLabel: '办理期限', amount: 30, unit: 'calendar_days' }),
        e('petition.reply'),
        e('supervision.notice'),
      ],
      'initial',
    ).map((l) => l.text);
    expect(lines).toEqual([
      '信访事项已登记',
      '信访事项已交由承办单位办理（见《交办告知书》）',
      '信访事项已受理，进入办理（见《受理告知书》）',
      '办理期限依法延长30日',
      '已出具处理意见书',
    ]);
  });

  it('names the stage of a 复查 / 复核 case (复查 or 复核, never 复查/复核)', () => {
    expect(citizenTimeline([e('petition.reply')], 'fucha')[0]?.text).toBe('已出具复查意见书');
    expect(citizenTimeline([e('petition.deliver')], 'fuhe')[0]?.text).toBe('复核意见书已送达');
    expect(citizenTimeline([e('petition.apply_review')], 'initial')[0]?.text).toBe('您已提出复查申请');
    expect(citizenTimeline([e('petition.apply_review')], 'fucha')[0]?.text).toBe('您已提出复核申请');
    expect(citizenTimeline([e('petition.review_open')], 'fuhe')[0]?.text).toBe('复核已立案，进入办理');
    expect(citizenTimeline([e('deadline.extend', { deadlineLabel: '复查答复期限', amount: 10, unit: 'calendar_days' })], 'fucha')[0]?.text).toBe(
      '复查：复查答复期限依法延长10日',
    );
    expect(citizenStateName('under_review', 'initial', {})).toBe('复查中');
    expect(citizenStateName('under_review', 'fucha', {})).toBe('复核中');
    for (const kind of ['reply', 'deliver', 'apply_review', 'review_open'])
      for (const stage of ['initial', 'fucha', 'fuhe']) expect(citizenTimeline([e(`petition.${kind}`)], stage)[0]?.text).not.toContain('复查/复核');
  });

  it('has words for every action the petitioner can see the result of', () => {
    for (const code of ['accept', 'reject', 'transfer', 'reply', 'deliver', 'evaluate', 'apply_review', 'close', 'withdraw']) {
      expect(code in PETITION_MACHINE.actions, code).toBe(true);
      expect(citizenTimeline([e(`petition.${code}`)], 'initial'), code).toHaveLength(1);
    }
  });

  it('names closed cases by how they closed', () => {
    expect(citizenStateName('closed', 'initial', { withdrawal: { date: '2026-08-05', reason: null } })).toBe('已撤回');
    expect(citizenStateName('closed', 'initial', { rejection: { date: '2026-08-05', reason: 'x', legalRoutes: [] } })).toBe('不予受理');
    expect(citizenStateName('closed', 'fucha', {})).toBe('复查已办结');
    expect(citizenStateName('handling', 'fuhe', {})).toBe('复核办理中');
    for (const s of Object.keys(PETITION_MACHINE.states)) expect(citizenStateName(s, 'initial', {})).not.toBe(s);
  });
});

describe('legal route guidance', () => {
  it('points court, arbitration and 行政复议 matters to their route with the 条例 text', () => {
    expect(legalRouteFor({ title: '对罚款决定不服', content: '交警罚款决定有误' })?.kind).toBe('reconsideration');
    expect(legalRouteFor({ title: '公司不给经济补偿金', content: '解除劳动合同后未付补偿' })?.kind).toBe('arbitration');
    expect(legalRouteFor({ title: '欠款', content: '民间借贷对方不还钱' })?.kind).toBe('litigation');
    expect(legalRouteFor({ title: '求助', content: '请处理', categoryNames: ['政法', '诉讼类'] })?.kind).toBe('litigation');
    expect(legalRouteFor({ title: '路灯不亮', content: '小区东门路灯坏了三个月' })).toBeNull();
    for (const r of LEGAL_ROUTE_RULES) expect(r.text).toContain('第十四条');
  });
});

describe('暂定 and the evaluation in words', () => {
  it('the 受理 decision is undecided exactly in the states from which 受理 is still to come', () => {
    expect(PETITION_MACHINE.actions.accept?.from.length).toBeGreaterThan(0);
    for (const state of PETITION_MACHINE.actions.accept?.from ?? []) expect(acceptanceUndecided(state), state).toBe(true);
    expect(acceptanceUndecided('objected')).toBe(true); // an objection to a 交办 is decided before 受理
    for (const state of ['handling', 'replied', 'delivered', 'closed', 'transferred']) expect(acceptanceUndecided(state), state).toBe(false);
  });

  it('a deadline is 暂定 before the 受理 decision or for a year without holidays, with the reason in words', () => {
    const line = { label: '受理/转送/交办', dueDate: '2026-08-20', provisional: false };
    expect(citizenDeadline(line, false)).toEqual({ ...line, provisional: false, provisionalReason: null });
    expect(citizenDeadline(line, true)).toMatchObject({ provisional: true, provisionalReason: '是否受理尚未决定，以受理告知为准' });
    expect(citizenDeadline({ ...line, provisional: true }, false).provisionalReason).toContain('节假日安排尚未公布');
    expect(citizenDeadline({ ...line, provisional: true }, true).provisionalReason).toMatch(/是否受理尚未决定.*；.*节假日/);
  });

  it('names every evaluation the server accepts', () => {
    expect(EVALUATION_CHOICES.map((c) => evaluationName(c.value))).toEqual(['满意', '基本满意', '不满意']);
    expect(evaluationName('basically_satisfied')).toBe('基本满意');
  });
});
