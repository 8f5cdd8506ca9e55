import type { ModuleDescriptor } from '../../kernel/catalog/index.ts';
import { INSTRUCTED_RULE_KEY } from '../../kernel/deadlines/index.ts';
import { TASK_MACHINE } from './tasks/machine.ts';
import { SUPERVISION_VISIBILITY } from './tasks/visibility.ts';
import { SUPERVISION_WORDING } from './wording.ts';

/** 督查督办 as the kernel sees it: its work item is the 督办事项 (a tracked task assigned to a unit). */
export const SUPERVISION_MODULE: ModuleDescriptor = {
  kind: 'supervision',
  name: '督查督办',
  // case numbers DB-…: the initials of 督办 (dū bàn), as a 督办事项 is called on its 督办单
  caseNoPrefix: 'DB',
  detailHref: (id) => `/supervision/tasks/${id}`,
  states: TASK_MACHINE.states,
  ...SUPERVISION_VISIBILITY,
  wording: SUPERVISION_WORDING,
  // a task past its 完成时限 brings the kernel's automatic 督办通知, then 升级督办 to the unit's leaders
  overdueRuleKeys: [INSTRUCTED_RULE_KEY],
  escalationUnit: async (db, workItemId) => {
    const t = await db.selectFrom('supervision_tasks').select('unit_id').where('id', '=', workItemId).executeTakeFirst();
    return t ? Number(t.unit_id) : null;
  },
  messages: {},
  documentKinds: [],
  entityNames: {
    supervision_dispatch: async (db, ids) => {
      const rows = await db
        .selectFrom('supervision_dispatches')
        .select(['id', 'doc_no', 'subject'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((r) => [Number(r.id), `督办通知 ${r.doc_no}《${r.subject}》`]));
    },
  },
};
