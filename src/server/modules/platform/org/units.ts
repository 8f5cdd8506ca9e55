import type { Kysely } from 'kysely';
import type { DB, UnitsTable } from '../../../core/db/schema.ts';
import type { Selectable } from 'kysely';
import type { SessionUser } from '../../../core/auth/types.ts';
import { inScopeSql } from '../../../core/access/scoped-query.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { GROUP_KINDS, parentProblem, pathLevel, UNIT_KIND_NAMES, type UnitKind } from './unit-kinds.ts';
import { assertCan, isUniqueViolation, unitInScope } from './org-scope.ts';

export interface UnitView {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  shortName: string | null;
  /** 机关全称 documents are signed with (青岚县龙蚕镇人民政府); null: the name is used */
  fullName: string | null;
  kind: string;
  kindName: string;
  path: string;
  level: number;
  sort: number;
  disabled: boolean;
}

export function toUnitView(u: Selectable<UnitsTable>): UnitView {
  return {
    id: Number(u.id),
    parentId: u.parent_id === null ? null : Number(u.parent_id),
    code: u.code,
    name: u.name,
    shortName: u.short_name,
    fullName: u.full_name ?? null,
    kind: u.kind,
    kindName: UNIT_KIND_NAMES[u.kind as UnitKind] ?? u.kind,
    path: u.path,
    level: pathLevel(u.path),
    sort: u.sort,
    disabled: u.disabled,
  };
}

/** The audited snapshot of a unit (no timestamps: they are in the audit row itself). */
const snapshot = (u: UnitView) => ({
  parentId: u.parentId,
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  fullName: u.fullName,
  kind: u.kind,
  path: u.path,
  sort: u.sort,
  disabled: u.disabled,
});

/** The units the user sees, as a flat list in tree order (path, then sort). */
export async function listUnits(opts: { db: Kysely<DB>; user: SessionUser; includeDisabled?: boolean }): Promise<UnitView[]> {
  let q = opts.db.selectFrom('units').selectAll().where(inScopeSql('units.path', opts.user));
  if (!opts.includeDisabled) q = q.where('disabled', '=', false);
  const rows = await q.orderBy('path').execute();
  // tree order with siblings by `sort`: order by the chain of (sort, id) of ancestors
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const key = (r: Selectable<UnitsTable>) =>
    r.path
      .split('/')
      .filter(Boolean)
      .map((id) => {
        const a = byId.get(Number(id));
        return `${String((a?.sort ?? 0) + 100000).padStart(7, '0')}.${id.padStart(12, '0')}`;
      })
      .join('/');
  return rows
    .map((r) => ({ r, k: key(r) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map(({ r }) => toUnitView(r));
}

export async function getUnit(opts: { db: Kysely<DB>; user: SessionUser; id: number }) {
  const unit = toUnitView(await unitInScope(opts.db, opts.user, opts.id));
  const members = await opts.db
    .selectFrom('unit_members')
    .innerJoin('units', 'units.id', 'unit_members.member_id')
    .select(['units.id', 'units.name', 'units.kind', 'unit_members.duty'])
    .where('unit_members.group_id', '=', opts.id)
    .orderBy('units.path')
    .execute();
  const memberOf = await opts.db
    .selectFrom('unit_members')
    .innerJoin('units', 'units.id', 'unit_members.group_id')
    .select(['units.id', 'units.name', 'unit_members.duty'])
    .where('unit_members.member_id', '=', opts.id)
    .execute();
  return {
    ...unit,
    members: members.map((m) => ({ id: Number(m.id), name: m.name, kind: m.kind, duty: m.duty })),
    memberOf: memberOf.map((m) => ({ id: Number(m.id), name: m.name, duty: m.duty })),
  };
}

export interface CreateUnitInput {
  parentId: number;
  code: string;
  name: string;
  kind: UnitKind;
  shortName?: string | null;
  fullName?: string | null;
  sort?: number;
}

export async function createUnit(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; input: CreateUnitInput; now: Date }): Promise<UnitView> {
  const { db, user, input } = opts;
  const parent = await unitInScope(db, user, input.parentId);
  assertCan(user, 'unit.create', parent.path);
  const problem = parentProblem(input.kind, parent.kind);
  if (problem) throw new AppError('UNIT_PARENT_INVALID', { detail: problem }, { field: 'parentId' });
  if (parent.disabled) throw new AppError('UNIT_PARENT_INVALID', { detail: '上级单位已停用' }, { field: 'parentId' });
  try {
    return await db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('units').select('id').where('code', '=', input.code).executeTakeFirst();
      if (taken) throw new AppError('UNIT_CODE_TAKEN', { code: input.code }, { field: 'code' });
      const { id } = await trx
        .insertInto('units')
        .values({
          parent_id: parent.id,
          code: input.code,
          name: input.name,
          short_name: input.shortName ?? null,
          full_name: input.fullName ?? null,
          kind: input.kind,
          path: '',
          province_code: parent.province_code,
          sort: input.sort ?? 0,
          created_at: opts.now,
          updated_at: opts.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await trx
        .updateTable('units')
        .set({ path: `${parent.path}${id}/` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const view = toUnitView(row);
      await appendAudit(trx, opts.actor, { action: 'unit.create', entityType: 'unit', entityId: view.id, after: snapshot(view) });
      return view;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('UNIT_CODE_TAKEN', { code: input.code }, { field: 'code' });
    throw error;
  }
}

export interface UpdateUnitInput {
  name?: string;
  shortName?: string | null;
  fullName?: string | null;
  code?: string;
  sort?: number;
  disabled?: boolean;
}

export async function updateUnit(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; id: number; input: UpdateUnitInput; now: Date }): Promise<UnitView> {
  const { db, user, input } = opts;
  const current = await unitInScope(db, user, opts.id);
  assertCan(user, 'unit.update', current.path);
  try {
    return await db.transaction().execute(async (trx) => {
      if (input.code !== undefined && input.code !== current.code) {
        const taken = await trx.selectFrom('units').select('id').where('code', '=', input.code).executeTakeFirst();
        if (taken) throw new AppError('UNIT_CODE_TAKEN', { code: input.code }, { field: 'code' });
      }
      if (input.disabled === true && !current.disabled) {
        const child = await trx.selectFrom('units').select('id').where('parent_id', '=', current.id).where('disabled', '=', false).executeTakeFirst();
        const member = await trx.selectFrom('users').select('id').where('unit_id', '=', current.id).where('disabled', '=', false).executeTakeFirst();
        if (child || member) throw new AppError('UNIT_HAS_CHILDREN');
      }
      const row = await trx
        .updateTable('units')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.shortName !== undefined ? { short_name: input.shortName } : {}),
          ...(input.fullName !== undefined ? { full_name: input.fullName } : {}),
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.sort !== undefined ? { sort: input.sort } : {}),
          ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
          updated_at: opts.now,
        })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const before = toUnitView(current);
      const after = toUnitView(row);
      await appendAudit(trx, opts.actor, { action: 'unit.update', entityType: 'unit', entityId: after.id, before: snapshot(before), after: snapshot(after) });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('UNIT_CODE_TAKEN', { code: input.code }, { field: 'code' });
    throw error;
  }
}

/** Replaces the member units of a leading group or joint meeting. */
export async function setGroupMembers(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  actor: Actor;
  id: number;
  memberIds: number[];
  duty?: string | null;
  duties?: Record<string, string>;
}): Promise<{ id: number; name: string; duty: string | null }[]> {
  const { db, user } = opts;
  const group = await unitInScope(db, user, opts.id);
  assertCan(user, 'unit.update', group.path);
  if (!GROUP_KINDS.includes(group.kind as UnitKind)) {
    throw new AppError('CONFLICT', { detail: '只有领导小组、联席会议可以设置成员单位' });
  }
  const ids = [...new Set(opts.memberIds)];
  if (ids.includes(Number(group.id))) throw new AppError('VALIDATION_FAILED', { detail: 'memberIds：不能把自身设为成员单位' }, { field: 'memberIds' });
  const found = ids.length
    ? await db.selectFrom('units').select(['id', 'name', 'kind']).where('id', 'in', ids).where(inScopeSql('units.path', user)).execute()
    : [];
  if (found.length !== ids.length) {
    const missing = ids.filter((id) => !found.some((f) => Number(f.id) === id));
    throw new AppError('NOT_FOUND', {}, { entity: 'unit', ids: missing });
  }
  if (found.some((f) => GROUP_KINDS.includes(f.kind as UnitKind))) {
    throw new AppError('VALIDATION_FAILED', { detail: 'memberIds：成员单位不能是领导小组或联席会议' }, { field: 'memberIds' });
  }
  const dutyOf = (id: number) => opts.duties?.[String(id)] ?? opts.duty ?? null;
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('unit_members').select(['member_id', 'duty']).where('group_id', '=', group.id).orderBy('member_id').execute();
    await trx.deleteFrom('unit_members').where('group_id', '=', group.id).execute();
    if (ids.length) {
      await trx
        .insertInto('unit_members')
        .values(ids.map((id) => ({ group_id: group.id, member_id: id, duty: dutyOf(id) })))
        .execute();
    }
    const after = ids.map((id) => ({ memberId: id, duty: dutyOf(id) }));
    await appendAudit(trx, opts.actor, {
      action: 'unit.members.set',
      entityType: 'unit',
      entityId: group.id,
      before: before.map((b) => ({ memberId: Number(b.member_id), duty: b.duty })),
      after,
    });
    return found.map((f) => ({ id: Number(f.id), name: f.name, duty: dutyOf(Number(f.id)) }));
  });
}
