import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { blindIndex, isValidIdNumber, isValidPhone, type PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { categoryNames } from '../repository.ts';
import { citizenStateName } from './citizen-wording.ts';
import { legalRouteFor, type LegalRoute } from './legal-routes.ts';
import { readDecisions } from '../decisions.ts';

/**
 * Before submitting: the legal route if the matter belongs to a court, arbitration or 行政复议, and the
 * same person's open cases — only when BOTH the ID number and the phone match one petitioner, and only
 * the tail of the number, the date and the state (never a title or content: whoever knows one person's
 * ID and phone must not read their matters).
 */
export async function portalGuidance(opts: {
  db: Kysely<DB>;
  keys: PersonalDataKeys;
  input: { categoryId?: number; title: string; content: string; idNumber?: string; phone?: string };
}): Promise<{ legalRoute: LegalRoute | null; openCases: { caseNoTail: string; receivedDate: string; stateName: string }[] }> {
  const { db, keys, input } = opts;
  const category = input.categoryId ? await categoryNames(db, input.categoryId) : { names: [] };
  const legalRoute = legalRouteFor({ title: input.title, content: input.content, categoryNames: category.names });
  let openCases: { caseNoTail: string; receivedDate: string; stateName: string }[] = [];
  if (input.idNumber && input.phone && isValidIdNumber(input.idNumber) && isValidPhone(input.phone)) {
    const rows = await db
      .selectFrom('petitioners as pr')
      .innerJoin('petitions as p', 'p.id', 'pr.petition_id')
      .innerJoin('work_items as wi', 'wi.id', 'p.id')
      .select(['p.case_no', 'p.received_at', 'p.stage', 'p.decisions', 'wi.state'])
      .where('pr.id_number_bidx', '=', blindIndex(keys, 'id_number', input.idNumber))
      .where('pr.phone_bidx', '=', blindIndex(keys, 'phone', input.phone))
      .where('wi.open', '=', true)
      .where('p.stage', '=', 'initial')
      .orderBy('p.received_at', 'desc')
      .limit(10)
      .execute();
    openCases = rows.map((r) => ({
      caseNoTail: `…${r.case_no.slice(-6)}`,
      receivedDate: shanghaiDate(new Date(r.received_at)),
      stateName: citizenStateName(r.state, r.stage, readDecisions(r.decisions)),
    }));
  }
  return { legalRoute, openCases };
}
