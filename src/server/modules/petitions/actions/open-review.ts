import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { assignParties } from '../../../kernel/parties/index.ts';
import { allocateCaseNo, newQueryCode } from '../../../kernel/numbering/index.ts';
import type { PetitionRow } from '../repository.ts';
import { startClock } from './clocks.ts';
import { PETITION_MODULE } from '../descriptor.ts';

/**
 * 复查/复核 as a linked case: its own number, the same petitioners and matter, stage fucha after an
 * initial case and fuhe after a fucha case, straight into 办理中 with its 30-day answer clock.
 */
export async function openReviewCase(
  trx: Transaction<DB>,
  opts: { original: PetitionRow; date: string; reviewUnitId?: number; actor: Actor; now: Date },
): Promise<number> {
  const o = opts.original;
  const stage = o.stage === 'initial' ? 'fucha' : 'fuhe';
  const caseNo = await allocateCaseNo(trx, {
    module: 'petition',
    prefix: PETITION_MODULE.caseNoPrefix,
    year: Number(opts.date.slice(0, 4)),
    unitPath: o.owner_unit_path,
  });
  // the matter's own title: a 复核 of a 复查 case is '复核：…', not '复核：复查：…'
  const title = `${stage === 'fucha' ? '复查' : '复核'}：${o.title.replace(/^(复查|复核)：/, '')}`;
  const { id } = await trx
    .insertInto('work_items')
    .values({
      module: 'petition',
      ref_no: caseNo,
      title,
      state: 'handling',
      owner_unit_id: o.owner_unit_id,
      owner_unit_path: o.owner_unit_path,
      received_on: opts.date,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('petitions')
    .values({
      id,
      case_no: caseNo,
      stage,
      review_of: o.id,
      root_id: o.root_id ?? o.id,
      channel: o.channel,
      matter_type: o.matter_type,
      category_id: o.category_id,
      place_unit_id: o.place_unit_id,
      accused_unit_id: o.accused_unit_id,
      accused_unit_path: o.accused_unit_path,
      title,
      content: o.content,
      urgency: o.urgency,
      received_at: opts.now,
      visit: o.visit === null ? null : JSON.stringify(o.visit),
      upper_ref: o.upper_ref === null ? null : JSON.stringify(o.upper_ref),
      anonymous: o.anonymous,
      query_code_hash: newQueryCode().hash,
    })
    .execute();
  const people = await trx.selectFrom('petitioners').selectAll().where('petition_id', '=', o.id).orderBy('id').execute();
  for (const { id: _old, petition_id: _p, ...rest } of people)
    await trx
      .insertInto('petitioners')
      .values({ ...rest, petition_id: id })
      .execute();
  await appendAudit(trx, opts.actor, {
    action: 'petition.review_open',
    entityType: 'work_item',
    entityId: id,
    after: { caseNo, stage, reviewOf: Number(o.id), state: 'handling', occurredOn: opts.date },
  });
  if (opts.reviewUnitId)
    await assignParties(trx, { workItemId: Number(id), parties: [{ role: 'lead', unitId: opts.reviewUnitId }], actor: opts.actor, at: opts.now });
  await startClock(trx, { workItemId: Number(id), ruleKey: stage === 'fucha' ? 'xf.fucha.answer' : 'xf.fuhe.answer', startedAt: opts.date, actor: opts.actor });
  return Number(id);
}
