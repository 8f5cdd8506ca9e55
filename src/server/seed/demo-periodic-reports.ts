import { sql, type Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import { appendAudit, SYSTEM_ACTOR } from '../core/audit/audit-chain.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { addDaysIso, shanghaiDate } from '../core/clock/clock.ts';

export const DEMO_PERIODIC_REPORTS_KEY = 'seed.demo.periodic_reports';
const NAME = '安全生产日报告';
const FIELDS = [
  { key: 'f1', name: '排查隐患', kind: 'number', measure: '处', required: true, options: [] },
  { key: 'f2', name: '整改隐患', kind: 'number', measure: '处', required: true, options: [] },
  { key: 'f3', name: '发生生产安全事故', kind: 'number', measure: '起', required: true, options: [] },
  { key: 'f4', name: '重点情况', kind: 'text', measure: null, required: false, options: [] },
];
/** Shanghai wall-clock time on a day → the instant */
const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);

/**
 * The demo's 安全生产日报告 of the 安委办 (issued by 县应急管理局) in a special period declared around today, every day
 * including the weekend, due 17:00, 零报告 required of every township: the two days before yesterday fully reported
 * (some 零报告), yesterday one township late (补报 at 18:20) and one missing although reminded, today a few townships
 * reported in the morning — only when the morning has come, so the demo is true at any hour of the day.
 */
export async function seedDemoPeriodicReports(opts: { db: Kysely<DB>; now: Date }): Promise<{ seeded: boolean }> {
  if (await opts.db.selectFrom('settings').select('key').where('key', '=', DEMO_PERIODIC_REPORTS_KEY).executeTakeFirst()) return { seeded: false };
  let recordedAt = opts.now;
  const db = withAuditTime(opts.db, () => recordedAt);
  const row = await selectUserWithUnit(db).where('users.username', '=', 'safety01').executeTakeFirst();
  if (!row) return { seeded: false };
  const issuer = toSessionUser(row);
  const towns = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('kind', 'in', ['township', 'street'])
    .where('disabled', '=', false)
    .orderBy('sort')
    .orderBy('path')
    .execute();
  if (towns.length < 4) return { seeded: false };
  const townUsers = new Map(
    (
      await db
        .selectFrom('users')
        .select(['id', 'unit_id'])
        .where(sql<boolean>`roles @> array['township_staff']::text[]`)
        .orderBy('id')
        .execute()
    ).map((u) => [Number(u.unit_id), Number(u.id)]),
  );
  const today = shanghaiDate(opts.now);
  const from = addDaysIso(today, -3);
  recordedAt = at(addDaysIso(today, -4), '10:00');
  const defId = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('periodic_report_defs')
      .values({
        name: NAME,
        issuer_unit_id: issuer.unitId,
        fields: JSON.stringify(FIELDS),
        zero_policy: 'required',
        scope_kind: 'townships',
        frequency: 'daily',
        due_time: '17:00',
        workdays_only: false,
        active_from: from,
        active_to: addDaysIso(today, 4),
        period_name: '岁末年初安全生产特别防护期',
        instructions: '特别防护期内各乡镇（街道）每日17时前报送当日隐患排查整治和事故情况（含周末）；无情况的报零报告，不得迟报、漏报。',
        created_by: issuer.id,
        created_at: recordedAt,
        updated_at: recordedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('periodic_report_units')
      .values(towns.map((t) => ({ def_id: Number(id), unit_id: Number(t.id) })))
      .execute();
    await appendAudit(trx, actorOf(issuer, null), {
      action: 'periodic_report.define',
      entityType: 'periodic_report',
      entityId: Number(id),
      after: { name: NAME, frequency: '每日', dueTime: '17:00', from, to: addDaysIso(today, 4), units: towns.length },
    });
    return Number(id);
  });

  const submit = async (day: string, unit: { id: number; name: string }, hm: string, i: number) => {
    const zero = i % 3 === 1;
    const values = zero ? {} : { f1: (i % 4) + 1, f2: i % 3, f3: 0, ...(i % 5 === 0 ? { f4: '对辖区加油站、烟花爆竹经营点开展节前检查' } : {}) };
    recordedAt = at(day, hm);
    const late = hm > '17:00';
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('periodic_report_submissions')
        .values({
          def_id: defId,
          unit_id: unit.id,
          period_start: day,
          due_at: at(day, '17:00'),
          zero,
          values: JSON.stringify(values),
          note: null,
          submitted_at: recordedAt,
          submitted_by: townUsers.get(unit.id) ?? null,
        })
        .execute();
      await appendAudit(
        trx,
        { userId: townUsers.get(unit.id) ?? null, name: unit.name, unitId: unit.id, ip: null },
        {
          action: late ? 'periodic_report.late' : 'periodic_report.submit',
          entityType: 'periodic_report',
          entityId: defId,
          after: { name: NAME, unit: unit.name, period: day, zero, values },
        },
      );
    });
  };
  const units = towns.map((t) => ({ id: Number(t.id), name: t.name }));
  const hm = (i: number) => `${String(9 + (i % 7)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`;
  for (const back of [3, 2]) {
    const day = addDaysIso(today, -back);
    for (const [i, u] of units.entries()) await submit(day, u, hm(i + back), i + back);
  }
  // yesterday: the second-to-last township late at 18:20, the last one missing although reminded at 16:30
  const yesterday = addDaysIso(today, -1);
  const lateUnit = units.at(-2)!;
  const missingUnit = units.at(-1)!;
  for (const [i, u] of units.slice(0, -2).entries()) await submit(yesterday, u, hm(i + 1), i + 1);
  recordedAt = at(yesterday, '16:30');
  await db.transaction().execute(async (trx) => {
    for (const u of [lateUnit, missingUnit]) {
      await trx
        .insertInto('periodic_report_reminders')
        .values({ def_id: defId, unit_id: u.id, period_start: yesterday, automatic: true, sent_at: recordedAt, sent_by: null })
        .execute();
      await trx
        .insertInto('notifications')
        .values({
          unit_id: u.id,
          kind: 'periodic_report.remind',
          title: `【报送提醒】${NAME}（${Number(yesterday.slice(5, 7))}月${Number(yesterday.slice(8, 10))}日）`,
          body: `${NAME}请于 ${yesterday} 17:00 前报送，无情况的如实作零报告。发起单位：${row.unit_name ?? '县应急管理局'}。`,
          created_at: recordedAt,
        })
        .execute();
    }
    await appendAudit(trx, SYSTEM_ACTOR, {
      action: 'periodic_report.remind.auto',
      entityType: 'periodic_report',
      entityId: defId,
      after: { name: NAME, period: yesterday, units: 2 },
    });
  });
  await submit(yesterday, lateUnit, '18:20', 2);
  // today: the first townships reported in the morning — only once that morning has come
  for (const [i, u] of units.slice(0, 4).entries()) {
    const time = `09:${String(i * 10).padStart(2, '0')}`;
    if (at(today, time).getTime() <= opts.now.getTime()) await submit(today, u, time, i);
  }
  recordedAt = opts.now;
  await opts.db
    .insertInto('settings')
    .values({ key: DEMO_PERIODIC_REPORTS_KEY, value: JSON.stringify({ version: 1, units: units.length }) })
    .execute();
  return { seeded: true };
}
