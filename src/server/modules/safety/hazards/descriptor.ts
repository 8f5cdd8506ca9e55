import { sql, type SqlBool } from 'kysely';
import type { ModuleDescriptor } from '../../../kernel/catalog/index.ts';
import { INSTRUCTED_RULE_KEY } from '../../../kernel/deadlines/index.ts';
import { HAZARD_MACHINE } from './machine.ts';
import { HAZARD_VISIBILITY } from './visibility.ts';
import { HAZARD_WORDING } from './wording.ts';
import { HAZARD_STATS } from './stats.ts';
import { HAZARD_DOCUMENT_KINDS } from './documents.ts';
import { SAFETY_REGISTER_IMPORT } from '../register/register-import.ts';
import { RESUME_CHECK_RULE } from './clocks.ts';
import { UPWARD_RULES } from './upward-rules.ts';

/** 安全隐患 (the hazard ledger) as the kernel sees it: one descriptor, registered in modules/registry.ts. */
export const HAZARD_MODULE: ModuleDescriptor = {
  kind: 'hazard',
  name: '安全隐患',
  // case numbers YH-…: the initials of 隐患 (yǐn huàn), as the 隐患排查治理台账 abbreviates it
  caseNoPrefix: 'YH',
  detailHref: (id) => `/safety/hazards/${id}`,
  states: HAZARD_MACHINE.states,
  ...HAZARD_VISIBILITY,
  wording: HAZARD_WORDING,
  // the 整改期限 set by the order (an instructed limit), the 复产 on-site check (10日) and the 重大隐患 report upward:
  // overdue brings a 督办通知
  overdueRuleKeys: [INSTRUCTED_RULE_KEY, RESUME_CHECK_RULE, UPWARD_RULES.major],
  // a 督办通知 left unanswered goes up to the leaders of the hazard's 行业主管部门 (else of its 属地 township)
  escalationUnit: async (db, workItemId) => {
    const row = await db
      .selectFrom('hazards as h')
      .innerJoin('safety_enterprises as e', 'e.id', 'h.enterprise_id')
      .select(['e.regulator_unit_id', 'e.township_unit_id'])
      .where('h.id', '=', workItemId)
      .executeTakeFirst();
    return row ? Number(row.regulator_unit_id ?? row.township_unit_id) : null;
  },
  messages: {},
  documentKinds: HAZARD_DOCUMENT_KINDS.all,
  stats: HAZARD_STATS,
  // 领导驾驶舱: 重大事故隐患 not yet 销号
  keyFigures: [
    {
      key: 'major',
      name: '重大隐患',
      where: (wi) => sql<SqlBool>`exists (select 1 from hazards kh where kh.id = ${sql.ref(`${wi}.id`)} and kh.grade = 'major')`,
    },
  ],
  entityNames: {
    safety_enterprise: async (db, ids) => {
      const rows = await db
        .selectFrom('safety_enterprises')
        .select(['id', 'name'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [Number(r.id), r.name]));
    },
    hazard_stat_report: async (db, ids) => {
      const rows = await db
        .selectFrom('hazard_stat_reports as r')
        .innerJoin('units as u', 'u.id', 'r.unit_id')
        .select(['r.id', 'r.year', 'r.quarter', 'u.name'])
        .where('r.id', 'in', [...ids])
        .execute();
      const q = ['一', '二', '三', '四'];
      return new Map(rows.map((r) => [Number(r.id), `${r.name}${r.year}年${r.quarter ? `第${q[r.quarter - 1]}季度` : '度'}隐患排查治理情况统计表`]));
    },
    safety_sector: async (db, ids) => {
      const rows = await db
        .selectFrom('safety_sectors')
        .select(['id', 'name'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [Number(r.id), `行业领域 ${r.name}`]));
    },
  },
  imports: [SAFETY_REGISTER_IMPORT],
};
