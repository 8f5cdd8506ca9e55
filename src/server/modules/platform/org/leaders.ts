import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { assertCan, unitInScope } from './org-scope.ts';

export interface LeaderView {
  id: number;
  name: string;
  title: string;
  unitId: number;
  unitName: string;
  userId: number | null;
  portfolio: string[];
  overseesUnitIds: number[];
  sort: number;
  disabled: boolean;
}

function selectLeaders(db: Kysely<DB>) {
  return db
    .selectFrom('leaders')
    .innerJoin('units', 'units.id', 'leaders.unit_id')
    .select([
      'leaders.id',
      'leaders.name',
      'leaders.title',
      'leaders.unit_id',
      'units.name as unit_name',
      'leaders.user_id',
      'leaders.portfolio',
      'leaders.oversees_unit_ids',
      'leaders.sort',
      'leaders.disabled',
    ]);
}
type LeaderRow = Awaited<ReturnType<ReturnType<typeof selectLeaders>['executeTakeFirstOrThrow']>>;

const toView = (r: LeaderRow): LeaderView => ({
  id: Number(r.id),
  name: r.name,
  title: r.title,
  unitId: Number(r.unit_id),
  unitName: r.unit_name,
  userId: r.user_id === null ? null : Number(r.user_id),
  portfolio: r.portfolio,
  overseesUnitIds: r.oversees_unit_ids.map(Number),
  sort: r.sort,
  disabled: r.disabled,
});

const snapshot = (l: LeaderView) => ({
  name: l.name,
  title: l.title,
  unitId: l.unitId,
  userId: l.userId,
  portfolio: l.portfolio,
  overseesUnitIds: l.overseesUnitIds,
  sort: l.sort,
  disabled: l.disabled,
});

/** County leaders are the county's public roster: every signed-in user may read it. */
export async function listLeaders(opts: { db: Kysely<DB>; includeDisabled?: boolean }): Promise<LeaderView[]> {
  let q = selectLeaders(opts.db);
  if (!opts.includeDisabled) q = q.where('leaders.disabled', '=', false);
  return (await q.orderBy('leaders.sort').orderBy('leaders.id').execute()).map(toView);
}

export interface LeaderInput {
  name?: string;
  title?: string;
  unitId?: number;
  userId?: number | null;
  portfolio?: string[];
  overseesUnitIds?: number[];
  sort?: number;
  disabled?: boolean;
}

async function validateRefs(db: Kysely<DB>, user: SessionUser, input: LeaderInput): Promise<void> {
  if (input.unitId !== undefined) await unitInScope(db, user, input.unitId);
  if (input.userId != null) {
    const u = await db.selectFrom('users').select('id').where('id', '=', input.userId).executeTakeFirst();
    if (!u) throw new AppError('NOT_FOUND', {}, { entity: 'user', id: input.userId, field: 'userId' });
  }
  if (input.overseesUnitIds?.length) {
    const ids = [...new Set(input.overseesUnitIds)];
    const found = await db.selectFrom('units').select('id').where('id', 'in', ids).execute();
    if (found.length !== ids.length) throw new AppError('NOT_FOUND', {}, { entity: 'unit', field: 'overseesUnitIds' });
  }
}

export async function createLeader(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  input: Required<Pick<LeaderInput, 'name' | 'title' | 'unitId'>> & LeaderInput;
  now: Date;
}) {
  const { db, user, input } = opts;
  assertCan(user, 'leader.update');
  await validateRefs(db, user, input);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('leaders')
      .values({
        name: input.name,
        title: input.title,
        unit_id: input.unitId,
        user_id: input.userId ?? null,
        portfolio: input.portfolio ?? [],
        oversees_unit_ids: [...new Set(input.overseesUnitIds ?? [])],
        sort: input.sort ?? 0,
        created_at: opts.now,
        updated_at: opts.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const view = toView(await selectLeaders(trx).where('leaders.id', '=', id).executeTakeFirstOrThrow());
    await appendAudit(trx, opts.actor, { action: 'leader.create', entityType: 'leader', entityId: view.id, after: snapshot(view) });
    return view;
  });
}

export async function updateLeader(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; id: number; input: LeaderInput; now: Date }) {
  const { db, user, input } = opts;
  const current = await selectLeaders(db).where('leaders.id', '=', opts.id).executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND', {}, { entity: 'leader', id: opts.id });
  assertCan(user, 'leader.update');
  await validateRefs(db, user, input);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('leaders')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
        ...(input.userId !== undefined ? { user_id: input.userId } : {}),
        ...(input.portfolio !== undefined ? { portfolio: input.portfolio } : {}),
        ...(input.overseesUnitIds !== undefined ? { oversees_unit_ids: [...new Set(input.overseesUnitIds)] } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        updated_at: opts.now,
      })
      .where('id', '=', opts.id)
      .execute();
    const after = toView(await selectLeaders(trx).where('leaders.id', '=', opts.id).executeTakeFirstOrThrow());
    await appendAudit(trx, opts.actor, {
      action: 'leader.update',
      entityType: 'leader',
      entityId: opts.id,
      before: snapshot(toView(current)),
      after: snapshot(after),
    });
    return after;
  });
}
