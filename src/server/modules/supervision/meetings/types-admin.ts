import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { meetingTypes, type MeetingType } from './fields.ts';
import type { MeetingTypesInput } from './input.ts';

const SETTING = 'supervision.meeting_types';
const invalid = (detail: string, field?: string) => new AppError('SV_MEETING_TYPE_INVALID', { detail }, field ? { field } : undefined);

/** Who keeps the list of meeting types: the system administrator and the 督查办. */
export const mayManageTypes = (roles: readonly string[]): boolean => roles.includes('sys_admin') || roles.includes('dcb_staff');

/** Every type (停用 ones included) with how many meetings were recorded with it. */
export async function listTypesWithUsage(db: Kysely<DB>): Promise<(MeetingType & { disabled: boolean; meetings: number })[]> {
  const [types, used] = await Promise.all([
    meetingTypes(db),
    db
      .selectFrom('sv_meetings')
      .select(['type_code', sql<number>`count(*)::int`.as('n')])
      .groupBy('type_code')
      .execute(),
  ]);
  const n = new Map(used.map((u) => [u.type_code, Number(u.n)]));
  return types.map((t) => ({ code: t.code, name: t.name, disabled: !!t.disabled, meetings: n.get(t.code) ?? 0 }));
}

/**
 * Saves the list as the screen sends it: names renamed (the meetings recorded keep the name they were held under, as
 * their 纪要 says), types added (a code made here), 停用 set or lifted, a type left out deleted — refused when a meeting
 * was recorded with it (停用 it instead). Names unique; audited as the setting's change.
 */
export async function saveTypes(db: Kysely<DB>, opts: { input: MeetingTypesInput; actor: Actor; actorName: string; now: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom('settings').select('key').where('key', '=', SETTING).forUpdate().execute();
    const current = await meetingTypes(trx);
    const byCode = new Map(current.map((t) => [t.code, t]));
    const names = new Set<string>();
    let seq = current.reduce((mx, t) => Math.max(mx, Number(/^type_(\d+)$/.exec(t.code)?.[1] ?? 0)), 0);
    const next: MeetingType[] = opts.input.types.map((t, i) => {
      const name = t.name.trim();
      if (names.has(name)) throw invalid(`“${name}”重复了`, `types.${i}.name`);
      names.add(name);
      if (t.code !== undefined && t.code !== '' && !byCode.has(t.code)) throw invalid(`第 ${i + 1} 项不是已有的会议类型，请刷新后重试`, `types.${i}`);
      const code = t.code || `type_${++seq}`;
      return t.disabled ? { code, name, disabled: true } : { code, name };
    });
    if (next.every((t) => t.disabled)) throw invalid('至少保留一种启用的会议类型', 'types');
    const removed = current.filter((t) => !next.some((x) => x.code === t.code));
    if (removed.length) {
      const used = await trx
        .selectFrom('sv_meetings')
        .select('type_code')
        .distinct()
        .where(
          'type_code',
          'in',
          removed.map((t) => t.code),
        )
        .execute();
      if (used.length) {
        const inUse = removed.filter((t) => used.some((u) => u.type_code === t.code)).map((t) => `“${t.name}”`);
        throw invalid(`${inUse.join('、')}已有会议使用，不能删除，可以停用`, 'types');
      }
    }
    const value = { types: next };
    await trx
      .insertInto('settings')
      .values({ key: SETTING, value: JSON.stringify(value), updated_at: opts.now, updated_by: opts.actorName })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: opts.now, updated_by: opts.actorName }))
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'setting.update',
      entityType: 'setting',
      entityId: SETTING,
      before: { 会议类型: current.map((t) => `${t.name}${t.disabled ? '（停用）' : ''}`) },
      after: { 会议类型: next.map((t) => `${t.name}${t.disabled ? '（停用）' : ''}`) },
    });
  });
}
