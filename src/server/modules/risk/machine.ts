import { z } from 'zod';
import type { SessionUser } from '../../core/auth/types.ts';
import { bodyId, isCalendarDate, text } from '../../core/http/input.ts';
import { defineMachine } from '../../kernel/machine/index.ts';
import { describeMinimumPeriods, latestEarliestEnd, type OpenMinimumPeriod } from '../../kernel/deadlines/index.ts';
import type { ActingParty } from '../../kernel/actions/index.ts';
import { decisionProblem } from './decision.ts';
import { DIMENSIONS, type Decision, type RiskLevel, type StepDef } from './fields.ts';

export type RiskState = 'assessing' | 'decided' | 'filed' | 'closed';

/** The current step as the machine sees it. */
export interface CurrentStep extends StepDef {
  seq: number;
  startedOn: string | null;
  /** the day after its minimum periods (公示, 征求意见) have all run: the step may close on or after it ('' while one is paused) */
  earliestClose: string | null;
  /** the step's minimum periods still running (公示, 征求意见), each with its last day and earliest end */
  periods: OpenMinimumPeriod[];
}

/** The machine's view of one assessment. */
export interface RiskCtx {
  id: number;
  state: RiskState;
  step: CurrentStep | null;
  /** the four dimensions not yet recorded (by name) */
  dimensionsMissing: string[];
  level: RiskLevel | null;
  measureCount: number;
  openMeasures: number;
  /** the archive checklist's items not yet provided (by name) */
  archiveMissing: string[];
}

/** 维稳办 (county-wide) and the departments and townships that own matters run their assessments. */
const HANDLERS = ['wwb_staff', 'dept_liaison', 'township_staff'] as const;
export const isRiskHandler = (u: Pick<SessionUser, 'roles'>) => u.roles.some((r) => (HANDLERS as readonly string[]).includes(r));
const handler = (party: ActingParty) => party.kind === 'staff' && isRiskHandler(party.user);

const day = z.string().refine(isCalendarDate, '应为真实存在的日期（YYYY-MM-DD）');
const level = z.enum(['high', 'medium', 'low']);

/** Why the current step cannot close on `on` (its own gate, its minimum periods), or null. */
export function stepCloseProblem(ctx: RiskCtx, on: string, attachmentCount: number | undefined): string | null {
  const s = ctx.step;
  if (!s) return '评估步骤均已完成';
  if (s.gate === 'decision') return `“${s.name}”以作出决策办结，请使用“记录审定决策”`;
  if (s.gate === 'followUp') return `“${s.name}”在化解措施全部落实后以“跟踪化解完毕”办结`;
  if (s.gate === 'dimensions' && ctx.dimensionsMissing.length > 0) return `须先记录${ctx.dimensionsMissing.join('、')}分析，才能完成“${s.name}”`;
  if (s.gate === 'level' && !ctx.level) return `须先确定风险等级，才能完成“${s.name}”`;
  const pending = s.periods.filter((p) => !p.earliestEnd || p.earliestEnd > on);
  if (pending.length > 0) {
    const earliest = latestEarliestEnd(pending);
    return earliest
      ? `“${s.name}”的最短期限尚未届满（${describeMinimumPeriods(pending)}），不得早于${earliest}完成本步骤`
      : `“${s.name}”的最短期限已暂停计时（${describeMinimumPeriods(pending)}），恢复计时并届满后才能完成本步骤`;
  }
  if (s.evidence && attachmentCount === 0) return `“${s.name}”须附上${s.evidence}（先上传附件，再选择）`;
  return null;
}

export const RISK_MACHINE = defineMachine<
  RiskState,
  RiskCtx,
  'completeStep' | 'recordAnalysis' | 'setLevel' | 'addMeasure' | 'completeMeasure' | 'decide' | 'markArchive' | 'file' | 'close' | 'setCounted'
>({
  states: {
    assessing: { name: '评估中' },
    decided: { name: '已审定，待备案' },
    filed: { name: '已备案，跟踪化解中' },
    closed: { name: '已办结', final: true },
  },
  actions: {
    completeStep: {
      name: '完成当前步骤',
      from: ['assessing'],
      to: 'assessing',
      policy: handler,
      guard: (item, input, on) => stepCloseProblem(item, on, input ? ((input as { attachmentIds?: number[] }).attachmentIds?.length ?? 0) : undefined),
      input: z.object({
        summary: text(2000, { min: 2 }).describe('本步骤工作情况'),
        attachmentIds: z.array(bodyId).max(20).optional().describe('佐证材料（本事项的附件）'),
      }),
    },
    recordAnalysis: {
      name: '记录分析论证（合法性、合理性、可行性、可控性）',
      from: ['assessing'],
      to: 'assessing',
      policy: handler,
      input: z.object(
        Object.fromEntries(Object.entries(DIMENSIONS).map(([k, name]) => [k, text(2000, { min: 4 }).describe(`${name}分析`)])) as Record<
          keyof typeof DIMENSIONS,
          ReturnType<typeof text>
        >,
      ),
    },
    setLevel: {
      name: '确定风险等级',
      from: ['assessing'],
      to: 'assessing',
      policy: handler,
      guard: (item) => (item.dimensionsMissing.length > 0 ? `须先记录${item.dimensionsMissing.join('、')}分析` : null),
      input: z.object({ level: level.describe('风险等级'), basis: text(2000, { min: 4 }).describe('定级依据') }),
    },
    addMeasure: {
      name: '登记化解措施',
      from: ['assessing', 'decided', 'filed'],
      to: (_i, item) => item.state,
      policy: handler,
      input: z.object({
        content: text(1000, { min: 4 }).describe('措施内容'),
        ownerUnitId: bodyId.describe('责任单位'),
        ownerName: text(30, { min: 0 }).optional().describe('责任人'),
        dueOn: day.describe('完成时限'),
      }),
    },
    completeMeasure: {
      name: '措施落实',
      from: ['assessing', 'decided', 'filed'],
      to: (_i, item) => item.state,
      policy: handler,
      guard: (item) => (item.openMeasures === 0 ? '没有未落实的化解措施' : null),
      input: z.object({ measureId: bodyId.describe('化解措施'), result: text(1000, { min: 2 }).describe('落实情况') }),
    },
    decide: {
      name: '记录审定决策',
      from: ['assessing'],
      to: 'decided',
      policy: handler,
      guard: (item, input) => {
        if (item.step?.gate !== 'decision') return `须先完成前面的评估步骤（当前：${item.step?.name ?? '无'}）`;
        if (!input) return item.level ? null : '须先确定风险等级';
        const i = input as { decision: Decision; residualLevel?: RiskLevel };
        return decisionProblem({ level: item.level, decision: i.decision, residualLevel: i.residualLevel, measureCount: item.measureCount });
      },
      input: z.object({
        decision: z.enum(['implement', 'postpone', 'reject']).describe('审定决策'),
        residualLevel: level.optional().describe('落实措施后的风险等级'),
        decidedBy: text(100, { min: 2 }).describe('决策机关或会议'),
        note: text(2000, { min: 0 }).optional().describe('决策意见'),
      }),
    },
    markArchive: {
      name: '登记档案资料',
      from: ['assessing', 'decided'],
      to: (_i, item) => item.state,
      policy: handler,
      input: z.object({
        code: z
          .string()
          .regex(/^[a-z_]{1,40}$/, '档案资料代码不正确')
          .describe('档案资料'),
        attachmentId: bodyId.optional().describe('对应附件'),
        note: text(500, { min: 0 }).optional().describe('说明（如纸质档案的存放位置）'),
      }),
    },
    file: {
      name: '报送备案（县维稳办、县发改局）',
      from: ['decided'],
      to: 'filed',
      policy: handler,
      guard: (item) =>
        item.archiveMissing.length > 0 ? `档案资料目录尚缺 ${item.archiveMissing.length} 项：${item.archiveMissing.join('、')}；补齐后才能报送备案` : null,
      input: z.object({ note: text(500, { min: 0 }).optional().describe('备案说明') }),
    },
    close: {
      name: '跟踪化解完毕',
      from: ['filed'],
      to: 'closed',
      policy: handler,
      guard: (item) => (item.openMeasures > 0 ? `尚有 ${item.openMeasures} 项化解措施未落实` : null),
      input: z.object({ summary: text(2000, { min: 2 }).describe('跟踪化解情况') }),
    },
    // the year's list: 县维稳办 marks which matters count in the higher level's assessment (考核); the rate counts only those
    setCounted: {
      name: '调整是否纳入上级考核',
      from: ['assessing', 'decided', 'filed'],
      to: (_i, item) => item.state,
      policy: (party) => party.kind === 'staff' && party.user.roles.includes('wwb_staff'),
      input: z.object({
        counted: z.boolean().describe('纳入上级考核'),
        reason: text(500, { min: 2 }).describe('调整理由（如市考核清单的文号）'),
      }),
    },
  },
});
