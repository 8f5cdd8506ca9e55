import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { selectUserWithUnit, toSessionUser } from '../../core/auth/session-user.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { loadVisibleItem, lockItem, type ModuleCatalog } from '../catalog/index.ts';
import { ensure, mayRequestInstruction } from './supervision-policy.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** One 报请领导批示 as the item's page and the leader's 待我批示 show it. */
export interface InstructionRequestView {
  id: number;
  workItemId: number;
  leaderId: number;
  leaderName: string;
  question: string;
  requestedByName: string;
  requestedAt: string;
  /** null while it awaits the leader's 批示 */
  answeredAt: string | null;
  instructionText: string | null;
}

/**
 * 报请领导批示: a county supervisor (信访局 …) asks a county leader for a 批示 on an open item, with the question.
 * The leader must have an account (they answer in the system) and be able to open the item under its visibility
 * rule; one open request per item and leader. Audited on the item (its timeline reads 报请领导批示).
 */
export async function requestInstruction(o: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  actor: Actor;
  workItemId: number;
  now: Date;
  leaderId: number;
  question: string;
}): Promise<{ id: number }> {
  ensure(mayRequestInstruction(o.user));
  return o.db.transaction().execute(async (trx) => {
    await loadVisibleItem(trx, o.modules, o.user, o.workItemId);
    await lockItem(trx, o.workItemId);
    const wi = await trx.selectFrom('work_items').select(['open', 'module', 'state']).where('id', '=', o.workItemId).executeTakeFirstOrThrow();
    if (!wi.open)
      throw new AppError('INSTRUCTION_REQUEST_CLOSED_ITEM', {
        state: o.modules.words({ module: wi.module, id: o.workItemId, state: wi.state }).stateName.replace(/^已/, ''),
      });
    const leader = await trx
      .selectFrom('leaders')
      .select(['id', 'name', 'user_id'])
      .where('id', '=', o.leaderId)
      .where('disabled', '=', false)
      .executeTakeFirst();
    if (!leader) throw new AppError('VALIDATION_FAILED', { detail: '批示领导：该领导不存在或已停用' }, { field: 'leaderId' });
    const account =
      leader.user_id === null
        ? undefined
        : await selectUserWithUnit(trx).where('users.id', '=', leader.user_id).where('users.disabled', '=', false).executeTakeFirst();
    if (!account) throw new AppError('VALIDATION_FAILED', { detail: `批示领导：${leader.name}没有可用的系统账号，无法在系统中批示` }, { field: 'leaderId' });
    // the leader answers under the same visibility rule as everyone else: never ask one who may not open the item
    const seen = await trx
      .selectFrom('work_items as wi')
      .select('wi.id')
      .where('wi.id', '=', o.workItemId)
      .where(o.modules.visibleSql(toSessionUser(account)))
      .executeTakeFirst();
    if (!seen) throw new AppError('VALIDATION_FAILED', { detail: `批示领导：${leader.name}无权查看该事项` }, { field: 'leaderId' });
    const open = await trx
      .selectFrom('instruction_requests')
      .select('id')
      .where('work_item_id', '=', o.workItemId)
      .where('leader_id', '=', o.leaderId)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    if (open) throw new AppError('INSTRUCTION_REQUEST_OPEN', { leader: leader.name });
    const row = await trx
      .insertInto('instruction_requests')
      .values({ work_item_id: o.workItemId, leader_id: o.leaderId, question: o.question, requested_by: o.user.id, requested_at: o.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, o.actor, {
      action: 'supervision.instruction_request',
      entityType: 'work_item',
      entityId: o.workItemId,
      after: { requestId: Number(row.id), leaderId: o.leaderId, question: o.question },
    });
    return { id: Number(row.id) };
  });
}

/** The requests on one item (newest first), for the item's 督办 panel. */
export async function itemInstructionRequests(db: Kysely<DB>, workItemId: number): Promise<InstructionRequestView[]> {
  const rows = await baseQuery(db).where('r.work_item_id', '=', workItemId).orderBy('r.id', 'desc').execute();
  return rows.map(present);
}

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('instruction_requests as r')
    .innerJoin('leaders as l', 'l.id', 'r.leader_id')
    .innerJoin('users as ru', 'ru.id', 'r.requested_by')
    .leftJoin('leader_instructions as i', 'i.id', 'r.instruction_id')
    .select([
      'r.id',
      'r.work_item_id',
      'r.leader_id',
      'l.name as leader_name',
      'r.question',
      'ru.display_name as requester',
      'r.requested_at',
      'r.answered_at',
      'i.text as instruction_text',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
const present = (r: Row): InstructionRequestView => ({
  id: Number(r.id),
  workItemId: Number(r.work_item_id),
  leaderId: Number(r.leader_id),
  leaderName: r.leader_name,
  question: r.question,
  requestedByName: r.requester,
  requestedAt: iso(r.requested_at)!,
  answeredAt: iso(r.answered_at),
  instructionText: r.instruction_text,
});

/**
 * 待我批示: the open requests to the leader of `user`'s account, on items `user` may see (oldest first), with the
 * item's number, title and page. Empty for an account that is no county leader.
 */
export async function listAwaitingInstruction(opts: { db: Kysely<DB>; modules: ModuleCatalog; user: SessionUser; limit?: number }) {
  const { db, modules, user } = opts;
  const me = await db.selectFrom('leaders').select('id').where('user_id', '=', user.id).where('disabled', '=', false).executeTakeFirst();
  if (!me) return { items: [], total: 0 };
  const base = baseQuery(db)
    .innerJoin('work_items as wi', 'wi.id', 'r.work_item_id')
    .where('r.leader_id', '=', me.id)
    .where('r.answered_at', 'is', null)
    .where(modules.visibleSql(user));
  const [rows, total] = await Promise.all([
    base
      .select(['wi.module', 'wi.ref_no', 'wi.title', 'wi.state'])
      .orderBy('r.requested_at')
      .orderBy('r.id')
      .limit(opts.limit ?? 50)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      ...present(r),
      refNo: r.ref_no,
      title: r.title,
      ...modules.words({ module: r.module, id: Number(r.work_item_id), state: r.state }),
    })),
    total: Number(total.n),
  };
}
