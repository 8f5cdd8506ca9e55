import { z } from 'zod';
import type { SessionUser } from '../../../core/auth/types.ts';
import { isCalendarDate, text } from '../../../core/http/input.ts';
import { defineMachine } from '../../../kernel/machine/index.ts';
import type { ActingParty } from '../../../kernel/actions/index.ts';
import { PLAN_ELEMENTS } from './fields.ts';

export type HazardState = 'reported' | 'rectifying' | 'verifying' | 'closed';

/** The machine's view of one hazard. */
export interface HazardCtx {
  id: number;
  state: HazardState;
  enterpriseId: number;
  grade: 'general' | 'major';
  /** the 治理方案's missing elements (empty when complete) */
  planMissing: string[];
  suspended: boolean;
  resumeAppliedOn: string | null;
  resumePassed: boolean | null;
  /** who reported the rectification (staff or enterprise account): never its verifier */
  rectifiedBy: number | null;
  dueOn: string;
}

/** 安委办/应急, 行业主管部门 and 乡镇: handle, verify and enforce on hazards (within their scope). */
const HANDLERS = ['safety_staff', 'dept_liaison', 'township_staff'] as const;
export const isHazardHandler = (u: Pick<SessionUser, 'roles'>) => u.roles.some((r) => (HANDLERS as readonly string[]).includes(r));

/** The enterprise of the hazard, through its own account. */
const ownEnterprise = (party: ActingParty, item: HazardCtx) => party.kind === 'enterprise' && party.enterpriseId === item.enterpriseId;
const handler = (party: ActingParty) => party.kind === 'staff' && isHazardHandler(party.user);
/** rectifying is the enterprise's work, recorded by itself or by the staff for it */
const rectifies = (party: ActingParty, item: HazardCtx) => ownEnterprise(party, item) || handler(party);
/** verification by staff, never by the person who reported the rectification (复查验收人 ≠ 整改人) */
const verifies = (party: ActingParty, item: HazardCtx) => handler(party) && party.kind === 'staff' && party.user.id !== item.rectifiedBy;

const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
const optionalText = (max: number) => text(max, { min: 0 }).optional();

const planInput = z.object(
  Object.fromEntries(Object.entries(PLAN_ELEMENTS).map(([k, name]) => [k, text(2000, { min: 2 }).describe(name)])) as Record<
    keyof typeof PLAN_ELEMENTS,
    ReturnType<typeof text>
  >,
);

export const HAZARD_MACHINE = defineMachine<
  HazardState,
  HazardCtx,
  'start' | 'plan' | 'submit' | 'reject' | 'resumeCheck' | 'verify' | 'suspend' | 'decide' | 'regrade'
>({
  states: {
    reported: { name: '待整改' },
    rectifying: { name: '整改中' },
    verifying: { name: '待验收' },
    closed: { name: '已销号', final: true },
  },
  actions: {
    start: {
      name: '开始整改',
      from: ['reported'],
      to: 'rectifying',
      policy: rectifies,
      input: z.object({
        measures: optionalText(2000).describe('整改措施'),
        responsibleName: optionalText(30).describe('整改责任人'),
        tempMeasures: optionalText(1000).describe('临时防范措施'),
      }),
    },
    plan: {
      name: '制定治理方案',
      from: ['reported', 'rectifying'],
      to: (_input, item) => item.state,
      policy: rectifies,
      guard: (item) => (item.grade === 'major' ? null : '一般隐患立即整改，无需治理方案'),
      input: planInput,
    },
    submit: {
      name: '整改完成，申请验收',
      from: ['rectifying'],
      to: 'verifying',
      policy: rectifies,
      guard: (item) =>
        item.grade === 'major' && item.planMissing.length > 0
          ? `重大事故隐患须先制定完整的治理方案（缺少：${item.planMissing.join('、')}），才能申请验收`
          : null,
      input: z.object({
        rectification: text(2000, { min: 4 }).describe('整改情况'),
        funds: z.number().min(0).max(1e10).optional().describe('整改资金（元）'),
      }),
    },
    reject: {
      name: '退回整改',
      from: ['verifying'],
      to: 'rectifying',
      policy: verifies,
      input: z.object({ reason: text(500, { min: 2 }).describe('退回理由'), dueOn: day.describe('重新限定的整改期限') }),
    },
    resumeCheck: {
      name: '复产现场审查',
      from: ['verifying'],
      to: (input) => ((input as { passed: boolean }).passed ? 'verifying' : 'rectifying'),
      policy: verifies,
      guard: (item) =>
        item.suspended && item.resumeAppliedOn !== null && item.resumePassed !== true ? null : '仅对已申请恢复生产的停产停业整顿单位进行复产审查',
      input: z.object({
        passed: z.boolean().describe('审查合格'),
        note: text(1000, { min: 2 }).describe('审查意见'),
        dueOn: day.optional().describe('不合格时重新限定的整改期限'),
      }),
    },
    verify: {
      name: '复查验收，销号',
      from: ['verifying'],
      to: 'closed',
      policy: verifies,
      guard: (item) => (item.suspended && item.resumePassed !== true ? '责令停产停业整顿的单位须经复产现场审查合格后方可销号' : null),
      input: z.object({ conclusion: text(1000, { min: 2 }).describe('复查验收结论') }),
    },
    suspend: {
      name: '责令停产停业整顿',
      from: ['reported', 'rectifying'],
      to: (_input, item) => item.state,
      policy: handler,
      guard: (item) => (item.suspended ? '已责令停产停业整顿' : null),
      input: z.object({ docNo: optionalText(60).describe('文书编号'), content: text(1000, { min: 2 }).describe('决定内容') }),
    },
    regrade: {
      name: '调整隐患级别',
      from: ['reported', 'rectifying', 'verifying'],
      to: (_input, item) => item.state,
      policy: handler,
      input: z.object({ grade: z.enum(['general', 'major']).describe('隐患级别'), reason: text(500, { min: 2 }).describe('调整理由') }),
    },
    decide: {
      name: '记录执法决定',
      from: ['reported', 'rectifying', 'verifying', 'closed'],
      to: (_input, item) => item.state,
      policy: handler,
      input: z.object({
        kind: z.enum(['order', 'penalty']).describe('决定种类'),
        docNo: optionalText(60).describe('文书编号'),
        content: text(1000, { min: 2 }).describe('决定内容'),
        amount: z.number().min(0).max(1e10).optional().describe('罚款金额（元）'),
      }),
    },
  },
});
