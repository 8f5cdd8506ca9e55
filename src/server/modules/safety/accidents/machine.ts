import { z } from 'zod';
import type { SessionUser } from '../../../core/auth/types.ts';
import { can } from '../../../core/access/policy.ts';
import { int32, isoDateTime, text } from '../../../core/http/input.ts';
import { defineMachine } from '../../../kernel/machine/index.ts';
import { staffOnly } from '../../../kernel/actions/index.ts';
import type { AccidentGrade } from './grading.ts';

export type AccidentState = 'reported' | 'investigating' | 'awaiting_approval' | 'closed';

/** What the machine judges an accident on. */
export interface AccidentCtx {
  id: number;
  state: AccidentState;
  grade: AccidentGrade;
  /** the last day casualty changes may be 补报'd (the window clock's due date), null when unknown */
  windowDue: string | null;
  /** a report upward (acc.level) is still running */
  levelRunning: boolean;
}

const handles = (u: SessionUser) => can(u, 'workitem.handle');
const count = (label: string) => z.number({ error: '应为整数' }).int('应为整数').min(0, '不能小于 0').max(100_000, '数字过大').describe(label);

export const casualtyFields = {
  deaths: count('死亡人数'),
  seriousInjuries: count('重伤人数，含急性工业中毒'),
  minorInjuries: count('轻伤人数'),
  directLossWan: z.number({ error: '应为数字' }).min(0, '不能小于 0').max(10_000_000, '数字过大').describe('直接经济损失（万元）'),
};

/**
 * 事故快报 → 调查 → 待批复 → 结案 (《生产安全事故报告和调查处理条例》). 补报 (casualty changes) and the report
 * upward keep the state; the clocks and the grade follow them (actions.ts).
 */
export const ACCIDENT_MACHINE = defineMachine<
  AccidentState,
  AccidentCtx,
  'escalate' | 'supplement' | 'investigate' | 'extend_report' | 'submit_report' | 'extend_approval' | 'approve'
>({
  states: {
    reported: { name: '已报告' },
    investigating: { name: '调查中' },
    awaiting_approval: { name: '待批复' },
    closed: { name: '已结案', final: true },
  },
  actions: {
    escalate: {
      name: '上报上级',
      from: ['reported', 'investigating', 'awaiting_approval'],
      to: (_input, item) => item.state,
      policy: staffOnly(handles),
      guard: (item) => (item.levelRunning ? null : '没有待上报的事故信息'),
      input: z.object({
        reportedUpAt: isoDateTime.describe('上报时间，向上一级应急管理部门报告的时间'),
        reportedTo: text(60, { min: 2 }).describe('上报单位，如市应急管理局'),
      }),
    },
    supplement: {
      name: '补报伤亡情况',
      from: ['reported', 'investigating', 'awaiting_approval'],
      to: (_input, item) => item.state,
      policy: staffOnly(handles),
      guard: (item, _input, on) =>
        item.windowDue !== null && on > item.windowDue ? `伤亡人数变化补报期已于 ${item.windowDue} 届满（《生产安全事故报告和调查处理条例》第十三条）` : null,
      input: z.object({
        learnedAt: isoDateTime.describe('获知时间，获知伤亡人数或损失变化的时间'),
        ...casualtyFields,
        note: text(500, { min: 2 }).describe('变化情况，如伤者经抢救无效死亡'),
      }),
    },
    investigate: {
      name: '组织调查',
      from: ['reported'],
      to: 'investigating',
      policy: staffOnly(handles),
      input: z.object({ leadBody: text(60, { min: 2 }).describe('调查组牵头单位，如县应急管理局') }),
    },
    extend_report: {
      name: '延长调查期限',
      from: ['investigating'],
      to: 'investigating',
      policy: staffOnly(handles),
      input: z.object({
        // the cap (合计不超过60日) is the rule acc.report.ext, checked by the kernel's clock against the extensions granted so far
        days: int32(1).describe('延长天数，合计不超过法定上限（条例第二十九条）'),
        reason: text(500, { min: 2 }).describe('延期理由'),
        approvedByUserId: z.number().int().positive().describe('批准人，负责事故调查的人民政府领导'),
      }),
    },
    submit_report: {
      name: '提交调查报告',
      from: ['investigating'],
      to: 'awaiting_approval',
      policy: staffOnly(handles),
      input: z.object({ reportTitle: text(100, { min: 2 }).describe('调查报告名称') }),
    },
    extend_approval: {
      name: '延长批复期限',
      from: ['awaiting_approval'],
      to: 'awaiting_approval',
      policy: staffOnly(handles),
      guard: (item) => (item.grade === 'especially_major' ? null : '仅特别重大事故的批复期限可以延长（条例第三十二条）'),
      input: z.object({
        // the cap is the rule acc.approval.major.ext, checked by the kernel's clock
        days: int32(1).describe('延长天数，合计不超过法定上限（条例第三十二条）'),
        reason: text(500, { min: 2 }).describe('延期理由'),
        approvedByUserId: z.number().int().positive().describe('批准人，县人民政府领导'),
      }),
    },
    approve: {
      name: '批复结案',
      from: ['awaiting_approval'],
      to: 'closed',
      policy: staffOnly(handles),
      input: z.object({ approvalText: text(500, { min: 2 }).describe('批复文号及要点') }),
    },
  },
});
