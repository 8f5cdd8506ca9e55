import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { fillValues } from './fill-values.ts';
import { readDecisions } from '../decisions.ts';

interface CaseRow {
  id: number;
  case_no: string;
  title: string;
  content: string;
  stage: string;
  received_at: Date | string;
  decisions: unknown;
  review_of: number | null;
}

/** The `{placeholder}` values of one case, read as generation and template preview both need them. */
export async function caseFillValues(trx: Transaction<DB>, kind: string, row: CaseRow, leadUnitId: number | null | undefined): Promise<Record<string, string>> {
  const [reviewOf, running, leadUnit] = await Promise.all([
    row.review_of ? trx.selectFrom('petitions').select('case_no').where('id', '=', row.review_of).executeTakeFirst() : Promise.resolve(undefined),
    trx
      .selectFrom('deadlines')
      .select('due_date')
      .where('work_item_id', '=', row.id)
      .where('status', '=', 'running')
      .where('due_date', 'is not', null)
      .orderBy('due_date')
      .executeTakeFirst(),
    leadUnitId ? trx.selectFrom('units').select('name').where('id', '=', leadUnitId).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  return fillValues({
    kind,
    caseNo: row.case_no,
    title: row.title,
    content: row.content,
    stage: row.stage,
    receivedDate: shanghaiDate(new Date(row.received_at)),
    decisions: readDecisions(row.decisions),
    reviewOfCaseNo: reviewOf?.case_no ?? null,
    runningDue: running?.due_date ?? null,
    leadUnitName: leadUnit?.name ?? null,
  });
}
