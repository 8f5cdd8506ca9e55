import { sql, type SqlBool } from 'kysely';
import type { ModuleDescriptor } from '../../kernel/catalog/index.ts';
import { INSTRUCTED_RULE_KEY } from '../../kernel/deadlines/index.ts';
import { DISPUTE_MACHINE } from './machine.ts';
import { DISPUTE_VISIBILITY } from './visibility.ts';
import { DISPUTE_WORDING } from './wording.ts';
import { DISPUTE_DOCUMENT_KINDS } from './documents.ts';
import { DISPUTE_STATS } from './stats.ts';
import { SETTLE_RULE } from './clocks.ts';

/** 矛盾纠纷 as the kernel sees it: one descriptor, registered in modules/registry.ts. */
/** The link kind a petition handed to mediation carries. */
export const MEDIATES_LINK = { code: 'mediates', forward: '转人民调解', reverse: '由…转调解' } as const;

export const DISPUTE_MODULE: ModuleDescriptor = {
  kind: 'dispute',
  name: '矛盾纠纷',
  // case numbers JF-…: the initials of 纠纷 (jiū fēn) — the matter itself; 调解 (TJ) is only one way of resolving it
  caseNoPrefix: 'JF',
  detailHref: (id) => `/disputes/${id}`,
  states: DISPUTE_MACHINE.states,
  ...DISPUTE_VISIBILITY,
  wording: DISPUTE_WORDING,
  // 一个月调结 and the agreed deadline of performance (art. 31: performance is supervised): overdue brings a 督办通知
  overdueRuleKeys: [SETTLE_RULE, INSTRUCTED_RULE_KEY],
  messages: {},
  documentKinds: DISPUTE_DOCUMENT_KINDS.all,
  linkKinds: [MEDIATES_LINK],
  stats: DISPUTE_STATS,
  // 领导驾驶舱: disputes marked with a risk of 民转刑 / 群体性事件 / 家暴
  keyFigures: [
    {
      key: 'risky',
      name: '有激化风险',
      where: (wi) => sql<SqlBool>`exists (select 1 from disputes kd where kd.id = ${sql.ref(`${wi}.id`)} and kd.risk_kind is not null)`,
    },
  ],
  entityNames: {
    dispute_party: async (db, ids) => {
      const rows = await db
        .selectFrom('dispute_parties as p')
        .innerJoin('work_items as wi', 'wi.id', 'p.dispute_id')
        .select(['p.id', 'p.name_masked', 'wi.ref_no'])
        .where('p.id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [Number(r.id), `${r.ref_no} 当事人${r.name_masked}`]));
    },
    dispute_type: async (db, ids) => {
      const rows = await db
        .selectFrom('dispute_types')
        .select(['id', 'name'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [Number(r.id), `纠纷类型 ${r.name}`]));
    },
    dispute_campaign: async (db, ids) => {
      const rows = await db
        .selectFrom('dispute_campaigns')
        .select(['id', 'name'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [Number(r.id), `排查活动 ${r.name}`]));
    },
  },
};
