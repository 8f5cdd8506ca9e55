import { sql, type SqlBool } from 'kysely';
import type { ModuleDescriptor } from '../../kernel/catalog/index.ts';
import { RISK_MACHINE } from './machine.ts';
import { RISK_VISIBILITY } from './visibility.ts';
import { RISK_WORDING } from './wording.ts';
import { RISK_STATS } from './stats.ts';

/** 社会稳定风险评估 (稳评) as the kernel sees it: one descriptor, registered in modules/registry.ts. */
export const RISK_MODULE: ModuleDescriptor = {
  kind: 'risk',
  name: '稳评',
  // case numbers WP-…: the initials of 稳评 (wěn píng), what staff call a 社会稳定风险评估
  caseNoPrefix: 'WP',
  detailHref: (id) => `/risk/assessments/${id}`,
  states: RISK_MACHINE.states,
  ...RISK_VISIBILITY,
  wording: RISK_WORDING,
  // the quarterly filing and the measures' deadlines are reminded by the sweep; no automatic 督办 (维稳办 follows up itself)
  overdueRuleKeys: [],
  messages: {},
  documentKinds: [],
  stats: RISK_STATS,
  // 领导驾驶舱: matters assessed 高风险
  keyFigures: [
    {
      key: 'high',
      name: '高风险事项',
      where: (wi) => sql<SqlBool>`exists (select 1 from risk_assessments kr where kr.id = ${sql.ref(`${wi}.id`)} and kr.risk_level = 'high')`,
    },
  ],
};
