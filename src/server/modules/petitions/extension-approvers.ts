import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { loadCtx, loadVisible } from './repository.ts';

/**
 * Who may approve an extension of a case (条例 Art. 34: 经本机关负责人批准): staff of the handling unit
 * (or of the owner unit before 交办) and county leaders — never the one asking for it.
 */
export async function listExtensionApprovers(opts: { db: Kysely<DB>; user: SessionUser; id: number }) {
  const row = await loadVisible(opts.db, opts.user, opts.id);
  const { ctx } = await loadCtx(opts.db, row);
  const unitPath = ctx.leadUnitPath ?? row.owner_unit_path;
  const users = await opts.db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.display_name', 'units.name as unit_name'])
    .where('users.disabled', '=', false)
    .where('users.id', '<>', opts.user.id)
    .where((eb) => eb.or([eb('units.path', 'like', `${unitPath}%`), eb(eb.val('county_leader'), '=', eb.fn.any('users.roles'))]))
    .orderBy('units.path')
    .orderBy('users.display_name')
    .limit(200)
    .execute();
  return { items: users.map((u) => ({ id: Number(u.id), displayName: u.display_name, unitName: u.unit_name })) };
}

/** The approver must be a candidate above, checked again when the extension is written. */
export function isValidApprover(approver: { id: number; roles: string[]; unitPath: string }, opts: { requesterId: number | null; unitPath: string }): boolean {
  if (approver.id === opts.requesterId) return false;
  return approver.unitPath.startsWith(opts.unitPath) || approver.roles.includes('county_leader');
}
