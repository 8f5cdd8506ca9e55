import { sql, type SqlBool } from 'kysely';
import type { ModuleDescriptor } from '../../../kernel/catalog/index.ts';
import { ACCIDENT_MACHINE } from './machine.ts';
import { ACCIDENT_STATS } from './stats.ts';
import { GRADE_ZH, type AccidentGrade } from './grading.ts';
import { ACCIDENT_OVERDUE_RULES } from './vocabulary.ts';

const casualtyText = (a: { deaths?: number; seriousInjuries?: number; minorInjuries?: number; directLossWan?: number }) =>
  `死亡${a.deaths ?? 0}人、重伤${a.seriousInjuries ?? 0}人、轻伤${a.minorInjuries ?? 0}人，直接经济损失${a.directLossWan ?? 0}万元`;

/** 事故快报 as the kernel sees it (kind 'accident'): registered in modules/registry.ts. */
export const ACCIDENT_MODULE: ModuleDescriptor = {
  kind: 'accident',
  name: '生产安全事故',
  // case numbers SG-…: the initials of 事故 (shì gù), the usual short name in accident reports
  caseNoPrefix: 'SG',
  detailHref: (id) => `/safety/accidents/${id}`,
  states: ACCIDENT_MACHINE.states,
  wording: {
    actions: {
      'accident.create': '事故快报',
      'accident.escalate': '上报上级',
      'accident.supplement': '补报伤亡情况',
      'accident.investigate': '组织调查',
      'accident.extend_report': '延长调查期限',
      'accident.submit_report': '提交调查报告',
      'accident.extend_approval': '延长批复期限',
      'accident.approve': '批复结案',
      // 安全生产's records beside accidents (值班值守, 应急预案, 培训), named for the audit viewer
      'safety.duty.generate': '生成值班表',
      'safety.duty.set_day': '调整值班',
      'safety.duty.period': '登记敏感时期',
      'safety.duty.handover': '登记交接班',
      'safety.duty.check': '在岗抽查',
      'safety.plan.create': '登记应急预案',
      'safety.plan.revise': '修订应急预案',
      'safety.plan.drill': '登记预案演练',
      'safety.plan.remind': '预案评估提醒',
      'safety.training.create': '登记安全培训',
    },
    describe(action, before, after) {
      const input = ((after ?? {}) as { input?: Record<string, unknown> }).input ?? {};
      switch (action) {
        case 'accident.escalate':
          return `已报告${String(input.reportedTo ?? '')}`;
        case 'accident.supplement':
          return `补报：${casualtyText(input)}。${String(input.note ?? '')}`;
        case 'accident.investigate':
          return `调查组牵头单位：${String(input.leadBody ?? '')}`;
        case 'accident.extend_report':
        case 'accident.extend_approval':
          return `延长${String(input.days ?? '')}日：${String(input.reason ?? '')}`;
        case 'accident.submit_report':
          return `提交《${String(input.reportTitle ?? '')}》`;
        case 'accident.approve':
          return `批复：${String(input.approvalText ?? '')}`;
        default:
          void before;
          return null;
      }
    },
  },
  overdueRuleKeys: ACCIDENT_OVERDUE_RULES,
  messages: {},
  documentKinds: [],
  stats: ACCIDENT_STATS,
  // 领导驾驶舱: 较大及以上事故 still under investigation
  keyFigures: [
    {
      key: 'larger',
      name: '较大及以上事故',
      where: (wi) => sql<SqlBool>`exists (select 1 from safety_accidents ka where ka.id = ${sql.ref(`${wi}.id`)} and ka.grade <> 'general')`,
    },
  ],
};

export const gradeName = (g: string): string => GRADE_ZH[g as AccidentGrade] ?? '其他';
