import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { appendAudit, SYSTEM_ACTOR } from '../core/audit/audit-chain.ts';
import { hashPassword } from '../core/auth/password.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { addDaysIso, shanghaiDate } from '../core/clock/clock.ts';
import { asStaff, runAction } from '../kernel/actions/index.ts';
import { ACCIDENT_ACTIONS, reportAccident } from '../modules/safety/accidents/index.ts';
import { createPeriod, generateUnitRoster, recordHandover, recordSpotCheck } from '../modules/safety/duty/index.ts';
import { createPlan, createTraining, recordDrill } from '../modules/safety/plans/index.ts';

export const DEMO_ACCIDENTS_KEY = 'seed.demo.accidents';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Beijing wall time `hh:mm` on the day `daysAgo` before now. */
const at = (now: Date, daysAgo: number, hhmm: string) => new Date(`${shanghaiDate(new Date(now.getTime() - daysAgo * DAY))}T${hhmm}:00+08:00`);

/** The 24-hour 值班 staff of the county's 应急值班室 beside safety01 (no demo login: they only appear on the roster). */
const DUTY_STAFF = [
  ['yjj_duty01', '周立新'],
  ['yjj_duty02', '郑海燕'],
  ['yjj_duty03', '何文斌'],
] as const;

/**
 * 安全生产's accidents, duty and plans in the demo county, entered through the modules' own use cases on the days
 * they happened (so clocks, grades and audit events are as in real use): a recent road accident still inside its
 * 7-day casualty window, a construction accident investigated and closed, a fire under investigation, last year's
 * accident for 同比; the 应急管理局's roster for this month with its holidays and a sensitive period, handovers and spot
 * checks; emergency plans (one due for review soon) and training sessions. Idempotent on a settings marker.
 */
export async function seedDemoAccidentsAndDuty(opts: { db: Kysely<DB>; now: Date }): Promise<{ seeded: boolean }> {
  const { db, now } = opts;
  if (await db.selectFrom('settings').select('key').where('key', '=', DEMO_ACCIDENTS_KEY).executeTakeFirst()) return { seeded: false };
  const rules = await db
    .selectFrom('legal_rules')
    .select('key')
    .where('key', 'in', ['acc.unit', 'acc.casualty_update.road_fire', 'plan.review.notice'])
    .execute();
  if (rules.length < 3) return { seeded: false };
  const row = await selectUserWithUnit(db).where('users.username', '=', 'safety01').executeTakeFirst();
  if (!row) return { seeded: false };
  await db
    .insertInto('settings')
    .values({ key: DEMO_ACCIDENTS_KEY, value: JSON.stringify({ version: 1 }) })
    .execute();
  const safety = toSessionUser(row);
  const actor = actorOf(safety, null);
  const township = async (name: string) =>
    Number((await db.selectFrom('units').select('id').where('name', '=', name).where('kind', 'in', ['township', 'street']).executeTakeFirstOrThrow()).id);
  /** an enterprise of the demo register (demo-safety.ts): an accident that happened there is linked to it */
  const registered = async (name: string) => {
    const e = await db.selectFrom('safety_enterprises').select(['id', 'name', 'address']).where('name', '=', name).executeTakeFirstOrThrow();
    return { enterpriseId: Number(e.id), unitName: e.name, unitAddress: e.address ?? '' };
  };
  const act = (user: SessionUser, id: number, action: string, input: object, when: Date) =>
    db.transaction().execute((trx) => runAction(trx, ACCIDENT_ACTIONS, { id, action, input, party: asStaff(user), actor: actorOf(user, null), now: when }));

  // ── accidents ──
  const road = await reportAccident({
    db,
    user: safety,
    actor,
    now: at(now, 3, '17:05'),
    input: {
      unitName: '青岚县顺达货运有限公司',
      unitAddress: '青岚县龙蚕镇工业园区8号',
      enterpriseId: null,
      townshipUnitId: await township('龙蚕镇'),
      accidentType: 'road_traffic',
      place: 'S212省道K37+200处',
      summary: '该公司一辆重型半挂货车在弯道处与一辆农用三轮车相撞，三轮车驾驶人当场死亡，乘车二人重伤送县人民医院救治。',
      occurredAt: at(now, 3, '16:10').toISOString(),
      reportedAt: at(now, 3, '16:45').toISOString(),
      deaths: 1,
      seriousInjuries: 2,
      minorInjuries: 0,
      directLossWan: 18,
    },
  });
  await act(safety, road.id, 'escalate', { reportedUpAt: at(now, 3, '17:50').toISOString(), reportedTo: '市应急管理局' }, at(now, 3, '17:55'));

  const building = await reportAccident({
    db,
    user: safety,
    actor,
    now: at(now, 98, '10:20'),
    input: {
      // the registered construction site (住建局 regulates it): its page lists this accident
      ...(await registered('青岚县滨江花园三期工地')),
      townshipUnitId: await township('城关街道'),
      accidentType: 'construction',
      place: '城关街道滨江花园三期3号楼施工现场',
      summary: '一名作业人员在三层外脚手架拆除作业时未系安全带，坠落至地面，经抢救无效死亡。',
      occurredAt: at(now, 98, '09:05').toISOString(),
      reportedAt: at(now, 98, '09:40').toISOString(),
      deaths: 1,
      seriousInjuries: 0,
      minorInjuries: 0,
      directLossWan: 120,
    },
  });
  await act(safety, building.id, 'escalate', { reportedUpAt: at(now, 98, '10:30').toISOString(), reportedTo: '市应急管理局' }, at(now, 98, '10:35'));
  await act(safety, building.id, 'investigate', { leadBody: '县应急管理局' }, at(now, 96, '09:00'));
  await act(safety, building.id, 'submit_report', { reportTitle: '滨江花园三期工地“高处坠落”一般事故调查报告' }, at(now, 45, '15:00'));
  await act(safety, building.id, 'approve', { approvalText: '青府函〔2026〕52号，同意调查报告及处理建议' }, at(now, 36, '11:00'));

  const fire = await reportAccident({
    db,
    user: safety,
    actor,
    now: at(now, 20, '03:10'),
    input: {
      unitName: '碧溪乡鑫源农资店',
      unitAddress: '碧溪乡场镇老街21号',
      enterpriseId: null,
      townshipUnitId: await township('碧溪乡'),
      accidentType: 'fire',
      place: '碧溪乡场镇老街',
      summary: '凌晨店铺电气线路故障引发火灾，过火面积约80平方米，无人员伤亡。',
      occurredAt: at(now, 20, '01:40').toISOString(),
      reportedAt: at(now, 20, '02:15').toISOString(),
      deaths: 0,
      seriousInjuries: 0,
      minorInjuries: 1,
      directLossWan: 46,
    },
  });
  await act(safety, fire.id, 'escalate', { reportedUpAt: at(now, 20, '03:30').toISOString(), reportedTo: '市应急管理局' }, at(now, 20, '03:35'));
  await act(safety, fire.id, 'investigate', { leadBody: '县消防救援大队' }, at(now, 19, '09:00'));

  // last year's accident of the same month, for 同比
  const lastYear = await reportAccident({
    db,
    user: safety,
    actor,
    now: at(now, 368, '15:00'),
    input: {
      ...(await registered('青岚县鑫达机械制造有限公司')),
      townshipUnitId: await township('石桥镇'),
      accidentType: 'industrial_trade',
      place: '石桥镇鑫达机械制造有限公司装配车间',
      summary: '桥式起重机吊运钢构件时钢丝绳断裂，构件坠落砸伤一名工人。',
      occurredAt: at(now, 368, '14:00').toISOString(),
      reportedAt: at(now, 368, '14:30').toISOString(),
      deaths: 0,
      seriousInjuries: 1,
      minorInjuries: 0,
      directLossWan: 9,
    },
  });
  await act(safety, lastYear.id, 'escalate', { reportedUpAt: at(now, 368, '15:10').toISOString(), reportedTo: '市应急管理局' }, at(now, 368, '15:20'));
  await act(safety, lastYear.id, 'investigate', { leadBody: '县应急管理局' }, at(now, 367, '09:00'));
  await act(safety, lastYear.id, 'submit_report', { reportTitle: '鑫达机械“起重伤害”一般事故调查报告' }, at(now, 320, '10:00'));
  await act(safety, lastYear.id, 'approve', { approvalText: '青府函〔2025〕61号，同意调查报告' }, at(now, 310, '10:00'));

  // ── duty: the county's 应急值班室 ──
  const staffIds = [safety.id];
  for (const [username, name] of DUTY_STAFF) {
    const hash = await hashPassword(randomBytes(24).toString('base64url'));
    const { id } = await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('users')
        .values({ username, display_name: name, unit_id: safety.unitId, roles: ['safety_staff'], password_hash: hash })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, SYSTEM_ACTOR, {
        action: 'user.create',
        entityType: 'user',
        entityId: created.id,
        after: { username, unitId: safety.unitId, roles: ['safety_staff'] },
      });
      return created;
    });
    staffIds.push(Number(id));
  }
  const leaderIds = (await db.selectFrom('leaders').select('id').where('disabled', '=', false).orderBy('sort').orderBy('id').execute()).map((l) =>
    Number(l.id),
  );
  const today = shanghaiDate(now);
  const monthStart = `${today.slice(0, 7)}-01`;
  const monthEnd = addDaysIso(
    `${Number(today.slice(5, 7)) === 12 ? `${Number(today.slice(0, 4)) + 1}-01` : `${today.slice(0, 5)}${String(Number(today.slice(5, 7)) + 1).padStart(2, '0')}`}-01`,
    -1,
  );
  await createPeriod({
    db,
    user: safety,
    actor,
    input: {
      name: '岁末年初安全生产加强值班',
      startsOn: addDaysIso(monthEnd, -9),
      endsOn: monthEnd,
      staffPerDay: 3,
      note: '落实领导带班和24小时值班，每日零报告',
    },
  });
  await generateUnitRoster({
    db,
    user: safety,
    actor,
    now,
    input: { from: monthStart, to: monthEnd, leaderIds, staffIds, phone: '0838-6212110', overwrite: false },
  });
  const rosterDay = async (date: string) =>
    (
      await db.selectFrom('safety_duty_days').select('staff_ids').where('unit_id', '=', safety.unitId).where('duty_date', '=', date).executeTakeFirst()
    )?.staff_ids.map(Number) ?? [];
  for (const back of [3, 2, 1]) {
    const date = addDaysIso(today, -back);
    if (date < monthStart) continue;
    const [from] = await rosterDay(date);
    const [to] = await rosterDay(addDaysIso(date, 1));
    if (!from || !to || from === to) continue;
    // the duty of `date` is handed over at 08:30 the next morning: not yet, when the demo is seeded before then
    const handedAt = at(now, back - 1, '08:30');
    if (handedAt > now) continue;
    await recordHandover({
      db,
      user: safety,
      actor,
      now,
      input: {
        dutyDate: date,
        handedAt: handedAt.toISOString(),
        fromUserId: from,
        toUserId: to,
        summary:
          back === 3 ? '值班期间接报道路交通事故一起（S212省道），已按程序报告市应急管理局和县政府值班室。' : '值班期间各乡镇零报告，未接报生产安全事故。',
        pending: back === 3 ? '跟踪事故伤者救治情况，7日内伤亡人数如有变化及时补报。' : '',
      },
    });
  }
  const [onPost] = await rosterDay(addDaysIso(today, -1));
  if (onPost && addDaysIso(today, -1) >= monthStart)
    await recordSpotCheck({
      db,
      user: safety,
      actor,
      now,
      input: {
        checkedAt: at(now, 1, '21:30').toISOString(),
        checkedUserId: onPost,
        method: 'phone',
        result: 'on_post',
        note: '值班电话一次接通，值班记录完整',
      },
    });

  // ── plans and training ──
  const plans = [
    {
      name: '青岚县生产安全事故应急预案',
      level: 'overall',
      compiledBy: '青岚县应急管理局',
      version: '2023年修订版',
      approvedOn: addDaysIso(today, -1075),
      reviewDueOn: addDaysIso(today, 20),
    },
    {
      name: '青岚县危险化学品事故专项应急预案',
      level: 'special',
      compiledBy: '青岚县应急管理局',
      version: '2024版',
      approvedOn: addDaysIso(today, -420),
      reviewDueOn: addDaysIso(today, 675),
    },
    {
      name: '青岚县道路交通事故应急预案',
      level: 'department',
      compiledBy: '青岚县交通运输局',
      version: '2025版',
      approvedOn: addDaysIso(today, -200),
      reviewDueOn: addDaysIso(today, 895),
    },
    {
      name: '青岚县森林火灾应急预案',
      level: 'special',
      compiledBy: '青岚县林业局',
      version: '2022版',
      approvedOn: addDaysIso(today, -1120),
      reviewDueOn: addDaysIso(today, -25),
    },
  ] as const;
  for (const [i, p] of plans.entries()) {
    const { id } = await createPlan({ db, user: safety, actor, now, input: { ...p, note: '' } });
    if (i === 0)
      await recordDrill({
        db,
        user: safety,
        actor,
        today,
        planId: id,
        input: { drilledOn: addDaysIso(today, -60), form: 'tabletop', participants: 35, summary: '模拟化工园区泄漏事故的信息报告与先期处置桌面推演' },
      });
    if (i === 2)
      await recordDrill({
        db,
        user: safety,
        actor,
        today,
        planId: id,
        input: { drilledOn: addDaysIso(today, -30), form: 'full_scale', participants: 80, summary: '高速公路多车相撞事故救援综合演练' },
      });
  }
  const trainings = [
    [-50, '全县危险化学品经营单位主要负责人', '危险化学品储存与经营安全', 46, 4],
    [-35, '各乡镇安全生产监管员', '事故信息报告与统计（国务院令第493号）', 32, 3],
    [-21, '建筑施工企业项目负责人', '高处作业与脚手架安全', 58, 3.5],
    [-12, '九小场所经营者（龙蚕镇）', '消防安全“四个能力”', 120, 2],
    [-5, '道路运输企业安全管理人员', '重点车辆动态监控与驾驶人管理', 40, 3],
  ] as const;
  for (const [d, unit, topic, attendees, hours] of trainings) {
    await createTraining({
      db,
      user: safety,
      actor,
      today,
      input: { heldOn: addDaysIso(today, d), trainedUnit: unit, topic, attendees, hours, teacher: '县应急管理局' },
    });
  }
  return { seeded: true };
}
