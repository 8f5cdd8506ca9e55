import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { fillValues, NOTICE_RULES, type NoticeRule, type RuleTerm } from './fill-values.ts';
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
  const [reviewOf, running, leadUnit, handleDue, rules] = await Promise.all([
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
    trx
      .selectFrom('deadlines')
      .select('due_date')
      .where('work_item_id', '=', row.id)
      .where('rule_key', '=', 'xf.handle')
      .where('status', '<>', 'stopped')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
    noticeRules(trx),
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
    rules,
    handleDue: handleDue?.due_date ?? null,
  });
}

/** The time limits the notices print, from legal_rules (the national rows, as the messages read them). */
async function noticeRules(trx: Transaction<DB>): Promise<Partial<Record<NoticeRule, RuleTerm>>> {
  const rows = await trx
    .selectFrom('legal_rules')
    .select(['key', 'amount', 'unit', 'source'])
    .where('key', 'in', [...NOTICE_RULES])
    .where('province', '=', '')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, { amount: Number(r.amount), unit: r.unit, source: r.source }]));
}
