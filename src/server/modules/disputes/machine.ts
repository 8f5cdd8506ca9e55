import { z } from 'zod';
import type { SessionUser } from '../../core/auth/types.ts';
import { isCalendarDate, text } from '../../core/http/input.ts';
import { defineMachine } from '../../kernel/machine/index.ts';
import type { ActingParty } from '../../kernel/actions/index.ts';
import { ART29_CONTENTS, missingArt29 } from './fields.ts';

export type DisputeState = 'registered' | 'mediating' | 'agreed' | 'performing' | 'performed' | 'closed' | 'failed' | 'refused' | 'escalated';

/** The machine's view of one dispute. */
export interface DisputeCtx {
  id: number;
  state: DisputeState;
  partyCount: number;
  agreementForm: 'written' | 'oral' | null;
  /** the day the agreement took effect (written: signed and sealed, art. 29; oral: at once, art. 30) */
  effectiveOn: string | null;
  /** the last day of the joint application for 司法确认 (med.confirm.apply from effectiveOn, on the kernel clock) */
  confirmDueOn: string | null;
  confirmAppliedOn: string | null;
  confirmResult: 'confirmed' | 'invalid' | null;
  /** 三调联动: 人民调解, 行政调解 (a department), 司法调解 (a court's 委派 / 委托); null before 受理 */
  mediationKind: MediationKind | null;
  /** 司法调解: the day the result was reported back to the referring court */
  courtReportedOn: string | null;
}
export type MediationKind = 'people' | 'administrative' | 'judicial';

type AcceptInput = {
  consent?: boolean;
  mediationKind?: MediationKind;
  mediatingUnitId?: number;
  courtReferral?: 'pre_filing' | 'post_filing';
  courtName?: string;
  courtCaseNo?: string;
  courtDueOn?: string;
};

/** What each path of 三调联动 needs at 受理 (null when the input is complete): a department, or the court's referral. */
export function acceptPathMissing(i: AcceptInput): string | null {
  if (i.mediationKind === 'administrative' && !i.mediatingUnitId) return '行政调解由负责该领域的行政机关主持：请选择主持调解的行政机关';
  if (i.mediationKind === 'judicial') {
    const lacking = [
      !i.courtReferral && '委派（立案前）或委托（立案后）',
      !i.courtName?.trim() && '人民法院',
      !i.courtCaseNo?.trim() && '人民法院案号',
      !i.courtDueOn && '人民法院确定的调解期限',
    ].filter(Boolean);
    if (lacking.length) return `人民法院委派、委托调解的，须写明${lacking.join('、')}`;
  }
  return null;
}

/** 维稳办 (综治), 乡镇 and 村 staff, mediators, and departments (行政调解) handle disputes within their scope. */
const HANDLERS = ['wwb_staff', 'township_staff', 'village_staff', 'mediator', 'dept_liaison'] as const;
export const isDisputeHandler = (u: Pick<SessionUser, 'roles'>) => u.roles.some((r) => (HANDLERS as readonly string[]).includes(r));
const handler = (party: ActingParty) => party.kind === 'staff' && isDisputeHandler(party.user);

const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
const optionalText = (max: number) => text(max, { min: 0 }).optional();
const routes = z
  .array(z.enum(['arbitration', 'admin_handling', 'litigation']))
  .min(1, '请至少选择一种告知当事人的途径')
  .max(3)
  .describe('告知当事人的途径');

export const ART17 = '《中华人民共和国人民调解法》第十七条';
export const ART26 = '《中华人民共和国人民调解法》第二十六条';
export const ART29 = '《中华人民共和国人民调解法》第二十九条';
export const ART33 = '《中华人民共和国人民调解法》第三十三条';

type AgreeInput = {
  form: 'written' | 'oral';
  points?: string;
  responsibility?: string;
  terms: string;
  performMethod?: string;
  performDueOn?: string;
  performedOnSpot?: boolean;
};
type SignInput = { partiesSigned: boolean; mediatorSigned: boolean; sealed: boolean };

export const DISPUTE_MACHINE = defineMachine<
  DisputeState,
  DisputeCtx,
  'accept' | 'decline' | 'session' | 'agree' | 'sign' | 'confirmApply' | 'confirmResult' | 'reportCourt' | 'perform' | 'revisit' | 'fail' | 'escalate'
>({
  states: {
    registered: { name: '待受理' },
    mediating: { name: '调解中' },
    agreed: { name: '协议待签署' },
    performing: { name: '履行中' },
    performed: { name: '已履行待回访' },
    closed: { name: '已调结', final: true },
    failed: { name: '调解不成', final: true },
    refused: { name: '不予调解', final: true },
    escalated: { name: '已升级处理', final: true },
  },
  actions: {
    accept: {
      name: '受理调解',
      from: ['registered'],
      to: 'mediating',
      policy: handler,
      // art. 17: mediation only with every party's consent; one party's refusal → 不予调解 (decline)
      guard: (_item, input) => {
        if (!input) return null;
        const i = input as AcceptInput;
        if (i.consent !== true) return `当事人一方明确拒绝调解的，不得调解（${ART17}）：须各方当事人均同意调解后方可受理，否则请办理“不予调解”`;
        return acceptPathMissing(i);
      },
      input: z.object({
        consent: z.boolean().describe('各方当事人均同意调解'),
        mediationKind: z.enum(['people', 'administrative', 'judicial']).describe('调解方式（三调联动）'),
        committee: optionalText(60).describe('调解组织'),
        mediatorName: text(60).describe('调解员'),
        mediatingUnitId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe('主持调解的行政机关（行政调解填写）'),
        courtReferral: z.enum(['pre_filing', 'post_filing']).optional().describe('委派或委托（司法调解填写）'),
        courtName: optionalText(60).describe('委派、委托调解的人民法院（司法调解填写）'),
        courtCaseNo: optionalText(60).describe('人民法院案号（司法调解填写）'),
        courtDueOn: day.optional().describe('人民法院确定的调解期限（司法调解填写）'),
      }),
    },
    decline: {
      name: '不予调解（当事人拒绝调解）',
      from: ['registered', 'mediating'],
      to: 'refused',
      policy: handler,
      input: z.object({
        refusingParty: text(60).describe('拒绝调解的当事人'),
        reason: text(500, { min: 2 }).describe('情况说明'),
        toldRoutes: routes,
      }),
    },
    session: {
      name: '记录调解过程',
      from: ['mediating'],
      to: 'mediating',
      policy: handler,
      input: z.object({
        place: optionalText(100).describe('调解地点'),
        mediators: text(200).describe('参加调解的调解员'),
        record: text(4000, { min: 4 }).describe('调解记录'),
      }),
    },
    agree: {
      name: '达成调解协议',
      from: ['mediating'],
      to: (input) => {
        const i = input as AgreeInput;
        if (i.form === 'written') return 'agreed';
        return i.performedOnSpot ? 'performed' : 'performing';
      },
      policy: handler,
      // art. 29: a written agreement states the parties, the facts and points in dispute, responsibility, the terms,
      // the method and the deadline of performance; art. 28: an oral agreement is recorded with its contents
      guard: (item, input) => {
        if (item.partyCount < 2) return `调解协议须有双方当事人：请先登记各方当事人（${ART29}）`;
        const i = input as AgreeInput | undefined;
        if (!i || i.form !== 'written') return null;
        const missing = missingArt29(i, item.partyCount);
        return missing.length ? `调解协议书应当载明（${ART29}）：缺少${missing.join('、')}` : null;
      },
      input: z.object({
        form: z.enum(['written', 'oral']).describe('协议形式'),
        points: optionalText(2000).describe(ART29_CONTENTS.points),
        responsibility: optionalText(2000).describe(ART29_CONTENTS.responsibility),
        terms: text(4000, { min: 4 }).describe(ART29_CONTENTS.terms),
        performMethod: optionalText(500).describe(ART29_CONTENTS.performMethod),
        performDueOn: day.optional().describe(ART29_CONTENTS.performDueOn),
        performedOnSpot: z.boolean().optional().describe('口头协议当场履行完毕'),
      }),
    },
    sign: {
      name: '签署协议书（签名、盖章）',
      from: ['agreed'],
      to: 'performing',
      policy: handler,
      guard: (item, input) => {
        const i = input as SignInput | undefined;
        if (!i) return null;
        const people = item.mediationKind !== 'administrative';
        const lacking = [
          !i.partiesSigned && '各方当事人签名、盖章或者按指印',
          !i.mediatorSigned && (people ? '人民调解员签名' : '调解人员签名'),
          !i.sealed && (people ? '加盖人民调解委员会印章' : '加盖行政机关印章'),
        ].filter(Boolean);
        if (!lacking.length) return null;
        return people
          ? `调解协议书自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（${ART29}）：尚缺${lacking.join('、')}`
          : `行政调解协议书经各方当事人签名、调解人员签名并加盖行政机关印章后生效：尚缺${lacking.join('、')}`;
      },
      input: z.object({
        partiesSigned: z.boolean().describe('各方当事人已签名（盖章、按指印）'),
        mediatorSigned: z.boolean().describe('调解员已签名'),
        sealed: z.boolean().describe('已加盖印章（调解委员会或行政机关）'),
      }),
    },
    confirmApply: {
      name: '申请司法确认',
      from: ['performing', 'performed'],
      to: (_input, item) => item.state,
      policy: handler,
      guard: (item, input, on) => {
        if (item.mediationKind !== 'people') return `司法确认的申请期限适用于人民调解协议（${ART33}）`;
        if (item.agreementForm !== 'written' || !item.effectiveOn) return '仅已生效的书面调解协议可以申请司法确认';
        if (item.confirmAppliedOn) return `已于${item.confirmAppliedOn}申请司法确认`;
        if (item.confirmDueOn && on > item.confirmDueOn)
          return `已超过司法确认申请期限：双方当事人应当自调解协议生效之日起三十日内共同申请（${ART33}），期限至${item.confirmDueOn}`;
        if (input && (input as { jointly?: boolean }).jointly !== true) return `司法确认须由双方当事人共同向人民法院申请（${ART33}）`;
        return null;
      },
      input: z.object({
        court: text(60).describe('受理的人民法院'),
        jointly: z.boolean().describe('双方当事人共同申请'),
      }),
    },
    confirmResult: {
      name: '记录司法确认结果',
      from: ['performing', 'performed'],
      // found invalid: the parties may re-mediate (back to 调解中) or sue (art. 33)
      to: (input, item) => ((input as { confirmed: boolean }).confirmed ? item.state : 'mediating'),
      policy: handler,
      guard: (item) => (!item.confirmAppliedOn ? '尚未申请司法确认' : item.confirmResult ? '已记录司法确认结果' : null),
      input: z.object({
        confirmed: z.boolean().describe('人民法院裁定确认协议有效'),
        note: optionalText(500).describe('裁定情况'),
      }),
    },
    reportCourt: {
      name: '向人民法院回复调解结果',
      from: ['agreed', 'performing', 'performed'],
      to: (_input, item) => item.state,
      policy: handler,
      guard: (item) =>
        item.mediationKind !== 'judicial'
          ? '仅人民法院委派、委托的调解须回复人民法院'
          : item.courtReportedOn
            ? `已于${item.courtReportedOn}回复人民法院`
            : null,
      input: z.object({ note: text(1000, { min: 2 }).describe('回复人民法院的调解结果') }),
    },
    perform: {
      name: '协议履行完毕',
      from: ['performing'],
      to: 'performed',
      policy: handler,
      input: z.object({ note: text(1000, { min: 2 }).describe('履行情况') }),
    },
    revisit: {
      name: '回访，办结',
      from: ['performed'],
      to: 'closed',
      policy: handler,
      input: z.object({ note: text(1000, { min: 2 }).describe('回访情况') }),
    },
    fail: {
      name: '调解不成，终止调解',
      from: ['mediating'],
      to: 'failed',
      policy: handler,
      // art. 26: on failure the mediation ends and the parties are told the routes of 仲裁, 行政, 司法
      guard: (_item, input) =>
        input && (input as { told?: boolean }).told !== true
          ? `调解不成的，应当终止调解，并依据有关法律、法规的规定告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利（${ART26}）`
          : null,
      input: z.object({
        reason: text(1000, { min: 2 }).describe('调解不成的原因'),
        toldRoutes: routes,
        told: z.boolean().describe('已告知当事人'),
      }),
    },
    escalate: {
      name: '升级处理（转信访或督办）',
      from: ['registered', 'mediating', 'agreed', 'performing'],
      to: 'escalated',
      policy: handler,
      guard: (_item, input) => {
        const i = input as { route?: string; refNo?: string; dueDate?: string } | undefined;
        return i?.route === 'supervision' && !i.refNo?.trim() && !i.dueDate
          ? '纳入督查督办的，须填写督办完成时限（交办调处单位办理），或填写已立项的督办事项编号'
          : null;
      },
      input: z.object({
        route: z.enum(['petition', 'supervision']).describe('升级途径'),
        refNo: optionalText(40).describe('已登记的信访事项或督办事项编号（转为信访事项的可不填：即以本纠纷的当事人、情况登记为新的信访事项）'),
        reason: text(1000, { min: 2 }).describe('升级原因'),
        dueDate: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, '应为日期（YYYY-MM-DD）')
          .refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）')
          .optional()
          .describe('督办完成时限（纳入督查督办、不填编号时：交办本纠纷的调处单位，按此时限办结）'),
      }),
    },
  },
});
