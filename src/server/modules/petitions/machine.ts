import { z } from 'zod';
import { defineMachine } from '../../kernel/machine/index.ts';
import { isCitizenOf, staffOnly, type ActingParty } from '../../kernel/actions/index.ts';
import { isHandler, isStaffOf, isXfj } from './policy.ts';
import { safeString } from '../../core/http/input.ts';

export type PetitionState =
  'registered' | 'assigned' | 'objected' | 'handling' | 'replied' | 'delivered' | 'under_review' | 'transferred' | 'closed' | 'withdrawn' | 'terminated';

/** What the petition machine decides on: the case's state, stage, flags, lead unit and clocks. */
export interface PetitionCtx {
  id: number;
  state: PetitionState;
  stage: 'initial' | 'fucha' | 'fuhe';
  afterTermination: boolean;
  leadUnitPath: string | null;
  deadlines: { ruleKey: string; status: string; dueDate: string | null }[];
}

const text = (max: number) => safeString().trim().min(1, '不能为空').max(max);

/** The running (or last) clock of a rule: null when it never started. */
function clock(item: PetitionCtx, ruleKey: string) {
  return item.deadlines.filter((d) => d.ruleKey === ruleKey).at(-1) ?? null;
}
/** null when `ruleKey` is running and the event's business date `on` is on or before its due date, else the reason. */
function withinClock(item: PetitionCtx, ruleKey: string, on: string, what: string): string | null {
  const c = clock(item, ruleKey);
  if (!c || c.status !== 'running') return `${what}期限未在计时`;
  if (c.dueDate && on > c.dueDate) return `${what}期限已于 ${c.dueDate} 届满`;
  return null;
}
const xfj = staffOnly(isXfj);
const handler = staffOnly((u, i: PetitionCtx) => isHandler(u, i));
/** 信访局, or the petitioner of this very case (网上信访, proven by their track token) */
const xfjOrPetitioner = (p: ActingParty, i: PetitionCtx) => xfj(p, i) || isCitizenOf(p, i);
const notAfterTermination = (item: PetitionCtx) => (item.afterTermination ? '同一事项已复核终结，只能作出“不再受理”决定' : null);
const applyRule = (item: PetitionCtx) => (item.stage === 'initial' ? 'xf.fucha.apply' : 'xf.fuhe.apply');

/** Each action's input (the runner validates it; the effects read it typed: PetitionInput<action>). */
export const PETITION_INPUTS = {
  accept: z.object({ note: safeString().max(2000).optional() }),
  reject: z.object({ reason: text(2000), routes: z.array(z.enum(['fuyi', 'susong', 'zhongcai'])).default([]), otherRoute: safeString().max(500).optional() }),
  transfer: z.object({ toUnitName: text(200), note: safeString().max(2000).optional() }),
  assign: z.object({
    leadUnitId: z.number().int().positive(),
    assistUnitIds: z.array(z.number().int().positive()).max(20).default([]),
    territorialUnitId: z.number().int().positive().optional(),
    leaderId: z.number().int().positive().optional(),
    note: safeString().max(2000).optional(),
  }),
  object: z.object({ reasons: text(2000) }),
  decide_objection: z.object({ decision: z.enum(['uphold', 'overrule']), note: safeString().max(2000).optional() }),
  progress: z.object({ note: text(4000) }),
  extend: z.object({ amount: z.number().int().min(1).max(366), reason: text(2000), approverUserId: z.number().int().positive() }),
  reply: z.object({ outcome: z.enum(['support', 'explain', 'reject']), facts: text(8000), legalBasis: text(4000) }),
  deliver: z.object({}),
  evaluate: z.object({ result: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']), comment: safeString().trim().max(500).optional() }),
  apply_review: z.object({ reviewUnitId: z.number().int().positive().optional(), note: safeString().max(2000).optional() }),
  close: z.object({ petitionerAccepted: z.boolean().default(false), note: safeString().max(2000).optional() }),
  // the petitioner says why they withdraw (网上信访 and a written withdrawal alike): the record keeps it
  withdraw: z.object({ reason: safeString().trim().min(1, '请填写撤回理由').max(2000) }),
  refuse_again: z.object({ note: safeString().max(2000).optional() }),
};
export type PetitionInput<A extends keyof typeof PETITION_INPUTS> = z.output<(typeof PETITION_INPUTS)[A]>;

export const PETITION_MACHINE = defineMachine<PetitionState, PetitionCtx, string>({
  states: {
    registered: { name: '已登记' },
    assigned: { name: '已交办' },
    objected: { name: '已退回（待决定）' },
    handling: { name: '办理中' },
    replied: { name: '已出具意见' },
    delivered: { name: '已送达' },
    under_review: { name: '复查/复核中' },
    transferred: { name: '已转送', final: true },
    closed: { name: '已办结', final: true },
    // withdrawn by the petitioner: final, but not 办结 (the lists, the ledger and the statistics keep it apart)
    withdrawn: { name: '已撤回', final: true },
    terminated: { name: '已终结', final: true },
  },
  actions: {
    accept: {
      name: '受理',
      from: ['registered', 'assigned'],
      to: 'handling',
      policy: staffOnly((u, i) => (i.state === 'registered' ? isXfj(u) : isStaffOf(u, i.leadUnitPath))),
      guard: notAfterTermination,
      input: PETITION_INPUTS.accept,
    },
    reject: {
      name: '不予受理',
      from: ['registered'],
      to: 'closed',
      policy: xfj,
      guard: notAfterTermination,
      input: PETITION_INPUTS.reject,
    },
    transfer: {
      name: '转送',
      from: ['registered'],
      to: 'transferred',
      policy: xfj,
      guard: notAfterTermination,
      input: PETITION_INPUTS.transfer,
    },
    assign: {
      name: '交办',
      from: ['registered'],
      to: 'assigned',
      policy: xfj,
      guard: notAfterTermination,
      input: PETITION_INPUTS.assign,
    },
    object: {
      name: '退回（异议）',
      from: ['assigned'],
      to: 'objected',
      policy: staffOnly((u, i) => isStaffOf(u, i.leadUnitPath)),
      guard: (i, _in, on) => withinClock(i, 'xf.transfer.objection', on, '异议'),
      input: PETITION_INPUTS.object,
    },
    decide_objection: {
      name: '处理退回',
      from: ['objected'],
      to: (input) => ((input as { decision: string }).decision === 'uphold' ? 'registered' : 'assigned'),
      policy: xfj,
      input: PETITION_INPUTS.decide_objection,
    },
    progress: {
      name: '办理进展',
      from: ['handling'],
      to: 'handling',
      policy: handler,
      input: PETITION_INPUTS.progress,
    },
    extend: {
      name: '延期',
      from: ['handling'],
      to: 'handling',
      policy: handler,
      // an extension is approved while the handling period runs (on the date it was approved)
      guard: (i, _in, on) => (i.stage !== 'initial' ? '复查、复核期限不适用延期' : withinClock(i, 'xf.handle', on, '办理')),
      input: PETITION_INPUTS.extend,
    },
    reply: {
      name: '出具处理意见书',
      from: ['handling'],
      to: 'replied',
      policy: handler,
      input: PETITION_INPUTS.reply,
    },
    deliver: {
      name: '送达',
      from: ['replied'],
      to: (_in, i) => (i.stage === 'fuhe' ? 'terminated' : 'delivered'),
      policy: staffOnly((u, i) => isHandler(u, i) || isXfj(u)),
      input: PETITION_INPUTS.deliver,
    },
    evaluate: {
      name: '满意度评价',
      from: ['delivered'],
      to: 'delivered',
      policy: (p, i) => xfj(p, i) || handler(p, i) || isCitizenOf(p, i),
      guard: (i, _in, on) => withinClock(i, 'xf.eval.window', on, '评价'),
      input: PETITION_INPUTS.evaluate,
    },
    apply_review: {
      name: '申请复查/复核',
      from: ['delivered'],
      to: 'under_review',
      policy: xfjOrPetitioner,
      // received within the period counts, even when recorded after it (the request's business date)
      guard: (i, _in, on) => withinClock(i, applyRule(i), on, i.stage === 'initial' ? '复查申请' : '复核申请'),
      input: PETITION_INPUTS.apply_review,
    },
    close: {
      name: '办结',
      from: ['delivered'],
      to: 'closed',
      policy: (p, i) => xfj(p, i) || handler(p, i),
      guard: (i, input, on) => {
        if (input === undefined || (input as { petitionerAccepted?: boolean }).petitionerAccepted) return null;
        const c = clock(i, applyRule(i));
        return c?.status === 'running' && c.dueDate && on <= c.dueDate ? `申请期限至 ${c.dueDate} 尚未届满（信访人明确接受处理意见的除外）` : null;
      },
      input: PETITION_INPUTS.close,
    },
    // the petitioner withdraws (网上信访: themselves; otherwise 信访局 records a withdrawal received in writing)
    withdraw: {
      name: '撤回信访事项',
      from: ['registered', 'assigned', 'objected', 'handling'],
      to: 'withdrawn',
      policy: xfjOrPetitioner,
      guard: notAfterTermination,
      input: PETITION_INPUTS.withdraw,
    },
    refuse_again: {
      name: '不再受理',
      from: ['registered'],
      to: 'closed',
      policy: xfj,
      guard: (i) => (i.afterTermination ? null : '仅适用于已复核终结后以同一事实再次信访的事项'),
      input: PETITION_INPUTS.refuse_again,
    },
  },
});

export const stateName = (s: string): string => (PETITION_MACHINE.states as Record<string, { name: string }>)[s]?.name ?? s;
