import { sql, type SqlBool } from 'kysely';
import type { ModuleDescriptor } from '../../kernel/catalog/index.ts';
import { PETITION_MACHINE } from './machine.ts';
import { petitionHiddenIds, petitionVisibility } from './visibility.ts';
import { PETITION_WORDING } from './wording.ts';
import { PETITION_MESSAGES } from './messages.ts';
import { PETITION_DOCUMENT_KINDS } from './documents/index.ts';
import { PETITION_STATS } from './stats/declaration.ts';
import { PETITION_LEDGER_IMPORT } from './excel/ledger-import.ts';

/** 信访 as the kernel sees it: one descriptor, registered in modules/registry.ts. */
export const PETITION_MODULE: ModuleDescriptor = {
  kind: 'petition',
  name: '信访',
  // case numbers XF-…: the initials of 信访 (xìn fǎng), the letters 信访 registers already use
  caseNoPrefix: 'XF',
  detailHref: (id) => `/xf/${id}`,
  states: PETITION_MACHINE.states,
  visibility: petitionVisibility,
  hiddenIdsSql: petitionHiddenIds,
  wording: PETITION_WORDING,
  // 信访部门 routing (15 days, art. 22), handling (60 days, art. 34), 复查/复核 decisions (art. 35/36), and a
  // higher level's own due date on an item it 交办 ('instructed'): overdue brings an automatic 督办通知
  overdueRuleKeys: ['xf.dept.route', 'xf.handle', 'xf.fucha.answer', 'xf.fuhe.answer', 'instructed'],
  messages: PETITION_MESSAGES,
  documentKinds: PETITION_DOCUMENT_KINDS,
  stats: PETITION_STATS,
  // 领导驾驶舱: 集体访 in hand beside the kernel's figures
  keyFigures: [
    {
      key: 'collective',
      name: '集体访',
      where: (wi) => sql<SqlBool>`exists (select 1 from petitions kp where kp.id = ${sql.ref(`${wi}.id`)} and kp.collective)`,
    },
  ],
  // a reveal's audit event names the petitioner's case and masked name, never the revealed value
  entityNames: {
    petitioner: async (db, ids) => {
      const rows = await db
        .selectFrom('petitioners as p')
        .innerJoin('petitions as c', 'c.id', 'p.petition_id')
        .select(['p.id', 'p.name_masked', 'c.case_no'])
        .where('p.id', 'in', [...ids])
        .execute();
      return new Map(rows.map((p) => [Number(p.id), `${p.case_no} 信访人${p.name_masked}`]));
    },
  },
  imports: [PETITION_LEDGER_IMPORT],
};
