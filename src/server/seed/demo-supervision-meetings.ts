import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { shanghaiDate } from '../core/clock/clock.ts';
import { asStaff, runAction } from '../kernel/actions/index.ts';
import { createCatalog } from '../kernel/catalog/index.ts';
import { createMeeting, issueMinutes, SUPERVISION_TASK_ACTIONS } from '../modules/supervision/index.ts';
import { MODULES } from '../modules/registry.ts';

export const DEMO_SV_MEETINGS_KEY = 'seed.demo.supervision_meetings';
const DAY = 86_400_000;

/**
 * The demo meetings (fictional): the 信访局's 信访工作联席会议 on the 15th of last month, discussing two demo petitions,
 * its 纪要 issued the next day, one decision's 督办事项 销号 and the other's running (due three weeks from today); and the
 * 维稳办's 矛盾纠纷会商研判会 three days ago on a demo dispute with a task not yet signed for. Every event at 10:00
 * Shanghai time of a past day, so the demo holds at any hour.
 */
export async function seedDemoSupervisionMeetings(opts: { db: Kysely<DB>; now: Date }): Promise<{ seeded: boolean }> {
  if (await opts.db.selectFrom('settings').select('key').where('key', '=', DEMO_SV_MEETINGS_KEY).executeTakeFirst()) return { seeded: false };
  let at = opts.now;
  const db = withAuditTime(opts.db, () => at);
  const modules = createCatalog(MODULES);
  const userOf = async (username: string): Promise<SessionUser | null> => {
    const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
    return row ? toSessionUser(row) : null;
  };
  const xfj = await userOf('xfj01');
  const wwb = await userOf('wwb01');
  const lc = await userOf('town_lc01');
  const zj = await userOf('liaison_zj');
  const leader = await userOf('leader01');
  if (!xfj || !wwb || !lc || !zj || !leader) return { seeded: false };
  const petitions = await db
    .selectFrom('work_items as wi')
    .select(['wi.ref_no', 'wi.title'])
    .where('wi.module', '=', 'petition')
    .where(modules.visibleSql(xfj))
    .orderBy('wi.id')
    .limit(2)
    .execute();
  const dispute = await db
    .selectFrom('work_items as wi')
    .select(['wi.ref_no', 'wi.title'])
    .where('wi.module', '=', 'dispute')
    .where(modules.visibleSql(wwb))
    .orderBy('wi.id')
    .executeTakeFirst();
  if (petitions.length < 2 || !dispute) return { seeded: false };
  const leaderRow = await db.selectFrom('leaders').select('id').where('user_id', '=', leader.id).executeTakeFirst();

  const today = shanghaiDate(opts.now);
  const at10 = (day: string) => new Date(`${day}T10:00:00+08:00`);
  const plus = (day: string, n: number) => shanghaiDate(new Date(at10(day).getTime() + n * DAY));
  // the 15th of last month: 15 to 46 days ago, whatever today is
  const [y, m] = today.split('-').map(Number) as [number, number];
  const heldOn = m === 1 ? `${y - 1}-12-15` : `${y}-${String(m - 1).padStart(2, '0')}-15`;

  // ── 信访工作联席会议 on the 15th of last month, recorded that day ──
  at = at10(heldOn);
  const joint = await createMeeting(db, {
    user: xfj,
    actor: actorOf(xfj, null),
    now: at,
    today: heldOn,
    modules,
    input: {
      typeCode: 'joint_petition',
      name: `${Number(heldOn.slice(5, 7))}月信访工作联席会议`,
      hostName: '县委常委、政法委书记',
      heldOn,
      startTime: '09:00',
      place: '县行政中心三楼第一会议室',
      recorderName: xfj.displayName,
      attendees: [
        { userId: leader.id, role: 'attend' },
        { unitId: xfj.unitId, role: 'attend' },
        { unitId: wwb.unitId, role: 'attend' },
        { unitId: lc.unitId, role: 'attend' },
        { unitId: zj.unitId, role: 'observe' },
      ],
      topics: [
        { title: `研究${petitions[0]!.title}`, summary: '听取承办单位办理情况汇报，研究化解措施。', refNo: petitions[0]!.ref_no, module: 'petition' },
        { title: `研究${petitions[1]!.title}`, summary: '分析诉求合理性和政策依据，明确责任单位。', refNo: petitions[1]!.ref_no, module: 'petition' },
      ],
      decisions: [
        {
          content: '龙蚕镇牵头，会同有关部门当面答复信访人，讲清政策依据，做好解释疏导工作。',
          tasks: [{ unitId: lc.unitId, dueDate: plus(heldOn, 10), leaderId: leaderRow ? Number(leaderRow.id) : undefined }],
        },
        {
          content: '县住建局对信访人反映的问题开展专项核查，形成核查报告报县信访联席会议办公室。',
          tasks: [{ unitId: zj.unitId, dueDate: plus(today, 21) }],
        },
      ],
    },
  });
  const meetingTasks = await db
    .selectFrom('supervision_tasks as t')
    .innerJoin('sv_meeting_decisions as d', 'd.id', 't.source_id')
    .select(['t.id', 't.unit_id'])
    .where('t.source_kind', '=', 'meeting')
    .where('d.meeting_id', '=', joint.id)
    .orderBy('d.seq')
    .execute();
  const [done, running] = meetingTasks;
  const issuer = await db.selectFrom('document_issuers').select('unit_id').where('unit_id', '=', xfj.unitId).executeTakeFirst();
  if (issuer) {
    at = at10(plus(heldOn, 1));
    await issueMinutes(db, { user: xfj, actor: actorOf(xfj, null), meetingId: joint.id, today: plus(heldOn, 1) });
  }
  const step = async (day: number, user: SessionUser, id: number, action: string, input: Record<string, unknown>) => {
    at = at10(plus(heldOn, day));
    await db
      .transaction()
      .execute((trx) => runAction(trx, SUPERVISION_TASK_ACTIONS, { id, action, input, party: asStaff(user), actor: actorOf(user, null), now: at }));
  };
  if (done && running) {
    await step(1, lc, Number(done.id), 'start', { note: '已安排专人对接信访人' });
    await step(2, zj, Number(running.id), 'start', { note: '已成立核查组，正在调取有关资料' });
    await step(6, lc, Number(done.id), 'report', { reportText: '已会同县住建局、县人社局当面答复信访人，信访人表示理解，签字确认答复意见。' });
    await step(8, xfj, Number(done.id), 'verify', { note: '经电话回访信访人，答复属实，同意销号。' });
  }

  // ── 矛盾纠纷会商研判会 three days ago, on a demo dispute ──
  const reviewDay = shanghaiDate(new Date(at10(today).getTime() - 3 * DAY));
  at = at10(reviewDay);
  await createMeeting(db, {
    user: wwb,
    actor: actorOf(wwb, null),
    now: at,
    today: reviewDay,
    modules,
    input: {
      typeCode: 'dispute_review',
      name: '矛盾纠纷会商研判会',
      hostName: '县委政法委副书记',
      heldOn: reviewDay,
      startTime: '15:00',
      place: '县委政法委会议室',
      recorderName: wwb.displayName,
      attendees: [
        { unitId: wwb.unitId, role: 'attend' },
        { unitId: lc.unitId, role: 'attend' },
        { unitId: xfj.unitId, role: 'observe' },
      ],
      topics: [{ title: `会商${dispute.title}`, summary: '研判纠纷激化风险，明确调处责任和时限。', refNo: dispute.ref_no, module: 'dispute' }],
      decisions: [
        {
          content: '龙蚕镇组织镇村两级调解组织再次调解，必要时申请司法确认。',
          tasks: [{ unitId: lc.unitId, dueDate: plus(today, 12) }],
        },
      ],
    },
  });

  at = opts.now;
  await db
    .insertInto('settings')
    .values({ key: DEMO_SV_MEETINGS_KEY, value: JSON.stringify({ version: 1, meeting: joint.id }) })
    .execute();
  return { seeded: true };
}
