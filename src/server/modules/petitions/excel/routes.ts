import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { petitionListFilters } from '../list-filters.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { exportLedger } from './export-ledger.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { auditPersonalSearch, personalTerm, petitionsOfPerson } from '../personal-search.ts';

const TAGS = ['petitions'];

/** 信访台账 in Excel: export of the list (its import is declared in the descriptor and served by /imports). */
export async function petitionExcelRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/petitions/export.xlsx',
    { schema: { tags: TAGS, summary: '导出信访台账（Excel；与列表相同的筛选条件和数据范围，个人信息仅脱敏显示）', querystring: petitionListFilters } },
    async (request, reply) => {
      const user = requireUser(request);
      // an export filtered by a person's ID, phone or name is audited like the list's search
      const term = personalTerm(request.query.q);
      const personIds = term ? await petitionsOfPerson(db, deps.keys, term) : undefined;
      if (term) await auditPersonalSearch(db, actorOf(user, request.ip), term, personIds!.length, '信访台账导出');
      const stream = await exportLedger({ db, user, filters: request.query, today: shanghaiDate(deps.clock.now()), personIds });
      return sendXlsx(reply, stream, `信访台账_${shanghaiDate(deps.clock.now())}.xlsx`, 'petitions.xlsx');
    },
  );
}
