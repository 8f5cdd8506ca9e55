import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { Role, SessionUser } from '../core/auth/types.ts';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../core/audit/audit-chain.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { shanghaiDate } from '../core/clock/clock.ts';
import type { PersonalDataKeys } from '../core/personal-data/index.ts';
import { intakeBody } from '../modules/petitions/intake-schema.ts';
import { registerPetition } from '../modules/petitions/register-petition.ts';
import { performPetitionAction } from '../modules/petitions/actions/perform-action.ts';
import { DEMO_PETITIONS, type DemoPetition, type DemoRefs, type DemoStep } from './demo-petitions-data.ts';

export const DEMO_PETITIONS_KEY = 'seed.demo.petitions';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * The instant of the k-th event of the script `daysAgo` days before `now`: that day at 09:00
 * (Asia/Shanghai) plus k minutes, so events of one day keep their order; never later than `now`.
 */
export function instant(now: Date, daysAgo: number, k: number): Date {
  const day = shanghaiDate(new Date(now.getTime() - daysAgo * DAY));
  const t = new Date(`${day}T09:00:00+08:00`).getTime() + k * MINUTE;
  return new Date(Math.min(t, now.getTime() - (200 - Math.min(k, 199)) * 1000));
}

/**
 * Registers the demo county's petitions through the 信访 module's own use cases — intake, then
 * 交办/受理/办理/答复/送达/评价/复查… by the demo accounts on the days of the script — so every case
 * has its record, encrypted petitioners, clocks and audit trail exactly as in real use. Idempotent on
 * a settings marker claimed first (a crash midway leaves a partial demo, never a duplicate);
 * skipped until the demo county and the legal clock exist.
 */
export async function seedDemoPetitions(opts: { db: Kysely<DB>; keys: () => PersonalDataKeys; now: Date }): Promise<{ seeded: boolean; petitions: number }> {
  const { now } = opts;
  // each scripted event is recorded at its own instant (its day), as if entered then: only real 补录 reads as such
  let recordedAt = now;
  const db = withAuditTime(opts.db, () => recordedAt);
  const none = { seeded: false, petitions: 0 };
  if (await db.selectFrom('settings').select('key').where('key', '=', DEMO_PETITIONS_KEY).executeTakeFirst()) return none;
  const rules = await db.selectFrom('legal_rules').select('key').where('key', 'in', ['xf.dept.route', 'xf.handle']).where('province', '=', '').execute();
  if (rules.length < 2) return none;
  if (!(await db.selectFrom('users').select('id').where('username', '=', 'xfj01').executeTakeFirst())) return none;

  const claimed = await db.transaction().execute(async (trx) => {
    await trx.selectFrom('audit_head').select('id').where('id', '=', 1).forUpdate().execute();
    if (await trx.selectFrom('settings').select('key').where('key', '=', DEMO_PETITIONS_KEY).executeTakeFirst()) return false;
    await trx
      .insertInto('settings')
      .values({ key: DEMO_PETITIONS_KEY, value: JSON.stringify({ version: 1, status: 'seeding' }) })
      .execute();
    return true;
  });
  if (!claimed) return none;
  // loaded only now: a start without demo petitions to seed never touches the key file
  const keys = opts.keys();

  const users = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'users.unit_id', 'units.name as unit_name', 'units.path'])
    .execute();
  const units = await db.selectFrom('units').select(['id', 'name']).orderBy('id').execute();
  const leaders = await db.selectFrom('leaders').select(['id', 'name']).execute();
  const categories = await db
    .selectFrom('petition_categories as c')
    .leftJoin('petition_categories as p', 'p.id', 'c.parent_id')
    .select(['c.id', 'c.name', 'p.name as parent'])
    .execute();

  const find = <T>(list: T[], pick: (t: T) => boolean, what: string): T => {
    const hit = list.find(pick);
    if (!hit) throw new Error(`演示信访数据引用了不存在的${what}`);
    return hit;
  };
  const refs: DemoRefs = {
    unit: (name) => Number(find(units, (u) => u.name === name, `单位“${name}”`).id),
    user: (username) => Number(find(users, (u) => u.username === username, `账号“${username}”`).id),
    leader: (name) => Number(find(leaders, (l) => l.name === name, `县领导“${name}”`).id),
  };
  const session = (username: string): { user: SessionUser; actor: Actor } => {
    const u = find(users, (x) => x.username === username, `账号“${username}”`);
    const user: SessionUser = {
      id: Number(u.id),
      username: u.username,
      displayName: u.display_name,
      unitId: Number(u.unit_id),
      unitName: u.unit_name,
      unitPath: u.path,
      roles: u.roles as Role[],
      mustChangePassword: false,
    };
    return { user, actor: { userId: user.id, name: user.displayName, unitId: user.unitId, ip: null } };
  };
  const setAssignee = async (workItemId: number, username: string, createdAt: Date | null, actor: Actor, at: Date) =>
    db.transaction().execute(async (trx) => {
      const assigneeId = refs.user(username);
      await trx
        .updateTable('work_items')
        .set({ assignee_id: assigneeId, ...(createdAt ? { created_at: createdAt } : {}) })
        .where('id', '=', workItemId)
        .execute();
      await appendAudit(trx, actor, {
        action: 'work_item.assignee',
        entityType: 'work_item',
        entityId: workItemId,
        before: { assigneeId: null },
        // dated like the step it follows, so the timeline shows it on that day
        after: { assigneeId, username, occurredOn: shanghaiDate(at) },
      });
    });

  // every registration and step of the script in the order of its day (stable: a case's own
  // events keep their order), so case numbers — 复查 cases included — follow the dates
  type Event = { p: DemoPetition; daysAgo: number; step?: DemoStep };
  const events: Event[] = DEMO_PETITIONS.flatMap((p) => [{ p, daysAgo: p.daysAgo }, ...p.steps.map((step) => ({ p, daysAgo: step.daysAgo, step }))]).sort(
    (a, b) => b.daysAgo - a.daysAgo,
  );
  const ids = new Map<DemoPetition, number>();
  let k = 0;
  let count = 0;
  for (const { p, daysAgo, step } of events) {
    const at = instant(now, daysAgo, k++);
    recordedAt = at;
    if (step) {
      const id = ids.get(p)!;
      const who = session(step.by);
      await performPetitionAction({ db, user: who.user, actor: who.actor, id, action: step.action, input: step.input?.(refs) ?? {}, now: at, keys });
      if (step.action === 'apply_review' && p.reviewAssignee) {
        const review = await db.selectFrom('petitions').select('id').where('review_of', '=', id).executeTakeFirstOrThrow();
        await setAssignee(Number(review.id), p.reviewAssignee, null, who.actor, at);
        count++;
      }
      continue;
    }
    const clerk = session(p.by);
    const [parent, child] = p.category;
    const body = intakeBody.parse({
      channel: p.channel,
      matterType: p.matterType,
      categoryId: Number(find(categories, (c) => c.name === child && c.parent === parent, `问题类别“${parent}/${child}”`).id),
      placeUnitId: refs.unit(p.place),
      ...(p.accused ? { accusedUnitId: refs.unit(p.accused) } : {}),
      title: p.title,
      content: p.content,
      anonymous: p.anonymous ?? false,
      petitioners: p.petitioners.map(({ name, idNumber, phone, address }) => ({ name, idNumber, phone, address })),
      ...(p.visit ? { visit: p.visit } : {}),
      ...(p.upper ? { upper: { level: p.upper.level, refNo: p.upper.refNo, dueDate: shanghaiDate(new Date(at.getTime() + p.upper.dueInDays * DAY)) } } : {}),
      urgency: p.urgency ?? 'normal',
      receivedAt: at.toISOString(),
      skippedLevel: p.skippedLevel ?? false,
      lawRelated: p.lawRelated ?? false,
    });
    const { id } = await registerPetition({ db, keys, user: clerk.user, actor: clerk.actor, now: at, body, acknowledge: false });
    ids.set(p, id);
    count++;
    if (p.assignee) await setAssignee(id, p.assignee, at, clerk.actor, at);
  }

  recordedAt = now;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('settings')
      .set({ value: JSON.stringify({ version: 1, status: 'done', petitions: count }) })
      .where('key', '=', DEMO_PETITIONS_KEY)
      .execute();
    await appendAudit(trx, SYSTEM_ACTOR, { action: 'seed.demo.petitions', entityType: 'work_item', after: { petitions: count } });
  });
  return { seeded: true, petitions: count };
}
