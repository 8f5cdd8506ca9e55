import { ONLINE_INTAKE_UNIT_SETTING } from '../modules/petitions/register-online.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { appendAudit, type Actor } from '../core/audit/audit-chain.ts';
import { hashPassword } from '../core/auth/password.ts';
import {
  DEMO_DEPARTMENTS,
  DEMO_DEPARTMENT_ISSUERS,
  DEMO_JOINT_MEETING,
  DEMO_LEADERS,
  DEMO_PASSWORD,
  DEMO_SAFETY_COMMITTEE,
  DEMO_TOWNSHIPS,
  DEMO_TOWNSHIP_ISSUERS,
  demoVillageIssuer,
  DEMO_USERS,
  type DemoUnitRef,
  type DeptKey,
} from './demo-county-data.ts';

/** settings key marking that the demo county is present (the seed is idempotent on it) */
export const DEMO_SEED_KEY = 'seed.demo';

export interface DemoLogin {
  username: string;
  description: string;
}

export const demoLogins = (): DemoLogin[] => DEMO_USERS.map((u) => ({ username: u.username, description: u.description }));

export async function demoSeeded(db: Kysely<DB>): Promise<boolean> {
  return !!(await db.selectFrom('settings').select('key').where('key', '=', DEMO_SEED_KEY).executeTakeFirst());
}

interface UnitSpec {
  code: string;
  name: string;
  shortName?: string;
  kind: string;
  sort: number;
}

/** Inserts siblings under one parent in one statement, then derives their materialised paths. */
async function insertChildren(
  trx: Transaction<DB>,
  parent: { id: number; path: string },
  specs: UnitSpec[],
): Promise<Map<string, { id: number; path: string }>> {
  const rows = await trx
    .insertInto('units')
    .values(specs.map((s) => ({ parent_id: parent.id, code: s.code, name: s.name, short_name: s.shortName ?? null, kind: s.kind, sort: s.sort, path: '' })))
    .returning(['id', 'code'])
    .execute();
  const out = new Map<string, { id: number; path: string }>();
  for (const r of rows) {
    const path = `${parent.path}${r.id}/`;
    await trx.updateTable('units').set({ path }).where('id', '=', r.id).execute();
    out.set(r.code, { id: Number(r.id), path });
  }
  return out;
}

/**
 * Seeds the fictional demo county 青岚县 under the root unit: 12 乡镇/街道 with 72 村/社区,
 * 23 县直部门, the 县安委会 and the 信访工作联席会议 with member units, 9 county leaders with
 * portfolios, and a demo account for every role (shared password DEMO_PASSWORD). Idempotent:
 * does nothing once the settings marker exists. One summary audit event records the seeding.
 */
export async function seedDemoCounty(opts: { db: Kysely<DB>; rootId: number; actor: Actor }): Promise<{ seeded: boolean }> {
  const { db } = opts;
  if (await demoSeeded(db)) return { seeded: false };
  // one hash for all demo accounts: they share a published password anyway, and argon2 per user
  // would add seconds to the first start
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return db.transaction().execute(async (trx) => {
    // re-check under the transaction: two instances starting together must not seed twice
    await trx.selectFrom('audit_head').select('id').where('id', '=', 1).forUpdate().execute();
    if (await trx.selectFrom('settings').select('key').where('key', '=', DEMO_SEED_KEY).executeTakeFirst()) return { seeded: false };

    const root = await trx.selectFrom('units').select(['id', 'path', 'code']).where('id', '=', opts.rootId).executeTakeFirstOrThrow();
    const county = { id: Number(root.id), path: root.path };

    const towns = await insertChildren(
      trx,
      county,
      DEMO_TOWNSHIPS.map((t, i) => ({ code: t.code, name: t.name, kind: t.kind, sort: 10 + i })),
    );
    const villageIds = new Map<string, number>(); // '龙蚕镇/龙蚕村' → id
    let villageCount = 0;
    for (const t of DEMO_TOWNSHIPS) {
      const town = towns.get(t.code)!;
      const made = await insertChildren(
        trx,
        town,
        t.villages.map((v, i) => ({ code: `${t.code}${String(201 + i)}`, name: v, kind: v.endsWith('社区') ? 'community' : 'village', sort: i })),
      );
      t.villages.forEach((v, i) => villageIds.set(`${t.name}/${v}`, made.get(`${t.code}${String(201 + i)}`)!.id));
      villageCount += made.size;
    }

    const depts = await insertChildren(
      trx,
      county,
      DEMO_DEPARTMENTS.map(([, name, shortName], i) => ({
        code: `${root.code}D${String(i + 1).padStart(2, '0')}`,
        name,
        shortName,
        kind: 'department',
        sort: 100 + i,
      })),
    );
    const deptId = (key: DeptKey): number => {
      const i = DEMO_DEPARTMENTS.findIndex(([k]) => k === key);
      return depts.get(`${root.code}D${String(i + 1).padStart(2, '0')}`)!.id;
    };
    const townIds = [...towns.values()].map((t) => t.id);

    const groups = await insertChildren(trx, county, [
      { code: DEMO_SAFETY_COMMITTEE.code, name: DEMO_SAFETY_COMMITTEE.name, shortName: DEMO_SAFETY_COMMITTEE.shortName, kind: 'leading_group', sort: 200 },
      { code: DEMO_JOINT_MEETING.code, name: DEMO_JOINT_MEETING.name, shortName: DEMO_JOINT_MEETING.shortName, kind: 'joint_meeting', sort: 201 },
    ]);
    const committee = groups.get(DEMO_SAFETY_COMMITTEE.code)!;
    const meeting = groups.get(DEMO_JOINT_MEETING.code)!;
    const o = DEMO_SAFETY_COMMITTEE.office;
    await insertChildren(trx, committee, [{ code: o.code, name: o.name, shortName: o.shortName, kind: 'office', sort: 0 }]);

    const committeeMembers = [
      ...DEMO_SAFETY_COMMITTEE.members.map((k) => ({ id: deptId(k), duty: k === 'yjj' ? '办公室设在本单位，承担日常工作' : '成员单位' })),
      ...townIds.map((id) => ({ id, duty: '属地管理责任' })),
    ];
    const meetingMembers = DEMO_JOINT_MEETING.members.map((k) => ({
      id: deptId(k),
      duty: k === DEMO_JOINT_MEETING.convener ? '牵头单位（联席会议办公室）' : '成员单位',
    }));
    await trx
      .insertInto('unit_members')
      .values([
        ...committeeMembers.map((m) => ({ group_id: committee.id, member_id: m.id, duty: m.duty })),
        ...meetingMembers.map((m) => ({ group_id: meeting.id, member_id: m.id, duty: m.duty })),
      ])
      .execute();

    // the 代字 and 机关标志 of every unit that issues documents (nothing is derived from a unit's name)
    await trx
      .insertInto('document_issuers')
      .values([
        ...DEMO_DEPARTMENTS.map(([key]) => ({ unit_id: deptId(key), ...DEMO_DEPARTMENT_ISSUERS[key] })),
        ...DEMO_TOWNSHIPS.map((t) => ({ unit_id: towns.get(t.code)!.id, ...DEMO_TOWNSHIP_ISSUERS[t.name]! })),
        ...DEMO_TOWNSHIPS.flatMap((t) => t.villages.map((v) => ({ unit_id: villageIds.get(`${t.name}/${v}`)!, ...demoVillageIssuer(t.name, v) }))),
      ])
      .execute();
    // their 机关全称, which documents are signed with (青岚县龙蚕镇人民政府, not 龙蚕镇)
    await trx
      .updateTable('units as u')
      .from('document_issuers as i')
      .set((eb) => ({ full_name: eb.ref('i.mark') }))
      .whereRef('i.unit_id', '=', 'u.id')
      .execute();

    const unitOf = (ref: DemoUnitRef): number => {
      if ('county' in ref) return county.id;
      if ('dept' in ref) return deptId(ref.dept);
      const town = DEMO_TOWNSHIPS.find((t) => t.name === ref.township)!;
      if ('village' in ref) return villageIds.get(`${ref.township}/${ref.village}`)!;
      return towns.get(town.code)!.id;
    };
    const userIds = new Map<string, number>();
    for (const u of DEMO_USERS) {
      const existing = await trx.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
      if (existing) continue; // an admin may have created the same username; keep theirs
      const { id } = await trx
        .insertInto('users')
        .values({ username: u.username, display_name: u.displayName, unit_id: unitOf(u.unit), roles: u.roles, password_hash: passwordHash })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (u.leaderName) userIds.set(u.leaderName, Number(id));
    }

    await trx
      .insertInto('leaders')
      .values(
        DEMO_LEADERS.map((l, i) => ({
          name: l.name,
          title: l.title,
          unit_id: county.id,
          user_id: userIds.get(l.name) ?? null,
          portfolio: l.portfolio,
          oversees_unit_ids: l.oversees.map(deptId),
          sort: i,
        })),
      )
      .execute();

    const summary = {
      townships: towns.size,
      villages: villageCount,
      departments: depts.size,
      groups: groups.size,
      leaders: DEMO_LEADERS.length,
      users: DEMO_USERS.length,
    };
    await trx
      .insertInto('settings')
      .values({ key: DEMO_SEED_KEY, value: JSON.stringify({ version: 1, ...summary }) })
      .execute();
    // petitions arriving online (portal, Open311) are owned by the county's 信访局
    await trx
      .insertInto('settings')
      .values({ key: ONLINE_INTAKE_UNIT_SETTING, value: JSON.stringify(deptId('xfj')) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    await appendAudit(trx, opts.actor, { action: 'seed.demo', entityType: 'unit', entityId: county.id, after: summary });
    return { seeded: true };
  });
}
