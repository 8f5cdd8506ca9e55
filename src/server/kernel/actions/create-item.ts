import type { Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { shanghaiDate } from '../../core/clock/clock.ts';
import { allocateCaseNo } from '../numbering/index.ts';
import type { ModuleDescriptor } from '../catalog/index.ts';
import { checkBusinessDate, loadBackdateWindow } from './business-date.ts';

/**
 * Creates a work item of a module (its 台账 entry): a case number per (module, year) with the module's prefix, its owner unit, its
 * first state and the business date it arrived on (checked like every event's), audited as
 * `${kind}.create`. A module writes its own record (same id) in the same transaction.
 */
export async function createItem(
  trx: Transaction<DB>,
  opts: {
    /** the module (its descriptor): its kind and case-number prefix */
    module: Pick<ModuleDescriptor, 'kind' | 'caseNoPrefix'>;
    title: string;
    state: string;
    ownerUnitId: number;
    actor: Actor;
    now: Date;
    occurredOn?: string;
    backdateReason?: string;
    assigneeId?: number | null;
  },
): Promise<{ id: number; refNo: string; on: string }> {
  const unit = await trx.selectFrom('units').select(['id', 'path']).where('id', '=', opts.ownerUnitId).where('disabled', '=', false).executeTakeFirst();
  if (!unit) throw new AppError('UNIT_INVALID', { detail: '所属单位不存在或已停用' }, { field: 'ownerUnitId' });
  const on = checkBusinessDate({
    occurredOn: opts.occurredOn,
    backdateReason: opts.backdateReason,
    today: shanghaiDate(opts.now),
    lastEventOn: null,
    windowDays: await loadBackdateWindow(trx),
  });
  const kind = opts.module.kind;
  const refNo = await allocateCaseNo(trx, { module: kind, prefix: opts.module.caseNoPrefix, year: Number(on.slice(0, 4)), unitPath: unit.path });
  const { id } = await trx
    .insertInto('work_items')
    .values({
      module: kind,
      ref_no: refNo,
      title: opts.title,
      state: opts.state,
      owner_unit_id: unit.id,
      owner_unit_path: unit.path,
      assignee_id: opts.assigneeId ?? null,
      last_event_on: on,
      received_on: on,
      created_at: opts.now,
      updated_at: opts.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, opts.actor, {
    action: `${kind}.create`,
    entityType: 'work_item',
    entityId: Number(id),
    after: { refNo, title: opts.title, state: opts.state, ownerUnitId: Number(unit.id), occurredOn: on },
    reason: opts.backdateReason ? `补录：${opts.backdateReason}` : undefined,
  });
  return { id: Number(id), refNo, on };
}
