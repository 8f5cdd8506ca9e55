import { sql, type Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { appendAudit } from '../core/audit/audit-chain.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { addDaysIso, shanghaiDate } from '../core/clock/clock.ts';
import { createCatalog } from '../kernel/catalog/index.ts';
import { recordAccountability } from '../kernel/supervision/index.ts';
import { computePeriod, confirmRead, DEFAULT_INDICATORS, issueNotice, periodOf, publishPeriod, setExcludedUnits } from '../modules/assessment/index.ts';
import { MODULES } from '../modules/registry.ts';

export const DEMO_ASSESSMENT_KEY = 'seed.demo.assessment';

/** Shanghai wall-clock time on a day → the instant */
const at = (day: string, hm: string) => new Date(`${day}T${hm}:00+08:00`);

/**
 * The demo county's 考核 by the 督查室 (dcb01): the indicator set for 乡镇（街道） and 县直部门 (each group's weights add
 * to 100) over the modules' own statistics; last month's period computed, published and its 通报 issued (some units
 * have confirmed reading it, the others reminded); two 问责 decisions (约谈, 通报批评) over overdue demo items; and the
 * current month computed but not published. Every scripted instant lies between the start of this month and now, so
 * the demo is true at any hour — even minutes after midnight on the first of a month.
 */
export async function seedDemoAssessment(opts: { db: Kysely<DB>; now: Date }): Promise<{ seeded: boolean }> {
  if (await opts.db.selectFrom('settings').select('key').where('key', '=', DEMO_ASSESSMENT_KEY).executeTakeFirst()) return { seeded: false };
  let recordedAt = opts.now;
  const db = withAuditTime(opts.db, () => recordedAt);
  const userOf = async (username: string): Promise<SessionUser | null> => {
    const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
    return row ? toSessionUser(row) : null;
  };
  const dcb = await userOf('dcb01');
  if (!dcb) return { seeded: false };
  if (!(await db.selectFrom('document_issuers').select('unit_id').where('unit_id', '=', dcb.unitId).executeTakeFirst())) return { seeded: false };
  const modules = createCatalog(MODULES);
  const actor = actorOf(dcb, null);

  const today = shanghaiDate(opts.now);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const monthStart = at(`${today.slice(0, 7)}-01`, '00:00');
  // the office's working day for last month: the 3rd of this month at 09:00 when that has passed, else squeezed into
  // the time since midnight on the 1st (each step at a fraction of it, all before now)
  const span = opts.now.getTime() - monthStart.getTime();
  const normal = at(addDaysIso(`${today.slice(0, 7)}-01`, 2), '09:00').getTime() + 8 * 3_600_000 < opts.now.getTime();
  const step = (k: number) =>
    normal ? new Date(at(addDaysIso(`${today.slice(0, 7)}-01`, 2), '09:00').getTime() + k * 3_600_000) : new Date(monthStart.getTime() + (span * k) / 8);

  // 1. the indicator set (as of the start of the year's 考核 — recorded at the first step)
  recordedAt = new Date(monthStart.getTime() - 20 * 86_400_000);
  await db.transaction().execute(async (trx) => {
    for (const [sort, ind] of DEFAULT_INDICATORS.entries()) {
      const { id } = await trx
        .insertInto('assessment_indicators')
        .values({
          name: ind.name,
          source: ind.source,
          module: ind.module,
          measure: ind.measure,
          dimension: ind.dimension,
          applies_to: ind.appliesTo,
          weight: ind.weight,
          formula: JSON.stringify(ind.formula),
          note: ind.note,
          sort: (sort + 1) * 10,
          active: true,
          updated_at: recordedAt,
          updated_by: dcb.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actor, {
        action: 'assessment.indicator_create',
        entityType: 'assessment_indicator',
        entityId: Number(id),
        before: null,
        after: { name: ind.name, weight: ind.weight, formula: ind.formula, active: true, appliesTo: ind.appliesTo },
      });
    }
  });

  // the office organising the 考核 does not rank itself among the 县直部门 (a setting with its reason)
  await setExcludedUnits({ db, actor, userId: dcb.id, now: recordedAt, units: [{ unitId: dcb.unitId, reason: '考核组织单位，不参加本级考核排名' }] });

  const createPeriod = async (kind: 'month', year: number, n: number, when: Date) => {
    const p = periodOf(kind, year, n);
    recordedAt = when;
    return db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('assessment_periods')
        .values({ kind, label: p.label, from_on: p.from, to_on: p.to, created_by: dcb.id, created_at: when })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actor, {
        action: 'assessment.period_create',
        entityType: 'assessment_period',
        entityId: Number(id),
        before: null,
        after: { label: p.label, kind: '月度', from: p.from, to: p.to },
      });
      return Number(id);
    });
  };

  // 2. last month: computed, published, 通报 issued; four units read it, the others reminded
  const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const last = await createPeriod('month', ly, lm, step(0));
  recordedAt = step(1);
  await computePeriod({ db, modules, actor, periodId: last, today: shanghaiDate(recordedAt), now: recordedAt });
  recordedAt = step(2);
  await publishPeriod({ db, actor, userId: dcb.id, periodId: last, now: recordedAt });
  recordedAt = step(3);
  const notice = await issueNotice({ db, user: dcb, actor, periodId: last, today: shanghaiDate(recordedAt), now: recordedAt });
  const readers = ['town_bx01', 'street_cg01', 'liaison_zj', 'xfj01'];
  for (const [k, username] of readers.entries()) {
    const u = await userOf(username);
    if (!u) continue;
    recordedAt = new Date(step(4).getTime() + ((step(5).getTime() - step(4).getTime()) * k) / readers.length);
    await confirmRead({ db, user: u, actor: actorOf(u, null), noticeId: notice.id, now: recordedAt });
  }
  recordedAt = step(6);
  const unread = await db.selectFrom('assessment_notice_reads').select('unit_id').where('notice_id', '=', notice.id).where('read_at', 'is', null).execute();
  if (unread.length) {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('assessment_notice_reads')
        .set((eb) => ({ reminded_at: recordedAt, reminders: eb('reminders', '+', 1) }))
        .where('notice_id', '=', notice.id)
        .where('read_at', 'is', null)
        .execute();
      await appendAudit(trx, actor, {
        action: 'assessment.notice_remind',
        entityType: 'assessment_notice',
        entityId: notice.id,
        before: null,
        after: { units: unread.map((r) => Number(r.unit_id)) },
      });
    });
  }

  // 3. two 问责 decisions today over overdue demo items: a 督办事项 past its 完成时限, and an overdue item of another module
  //    (recorded minutes ago, or within today when today began less than minutes ago)
  const todayStart = at(today, '00:00').getTime();
  recordedAt = new Date(Math.max(opts.now.getTime() - 120_000, todayStart + (opts.now.getTime() - todayStart) * 0.9));
  const assessed = await db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('kind', 'in', ['township', 'street', 'department'])
    .where('disabled', '=', false)
    .execute();
  const unitOf = (path: string) => assessed.filter((u) => path.startsWith(u.path)).sort((a, b) => b.path.length - a.path.length)[0];
  const overdue = await db
    .selectFrom('deadlines as d')
    .innerJoin('work_items as wi', 'wi.id', 'd.work_item_id')
    .select(['wi.id', 'wi.module', 'wi.ref_no', 'wi.title', 'wi.owner_unit_path', 'd.label', 'd.due_date'])
    .where('d.due_date', '<', today)
    .where('d.stopped_at', 'is', null)
    .where('wi.open', '=', true)
    .orderBy(sql`case wi.module when 'supervision' then 0 when 'hazard' then 1 when 'petition' then 2 else 3 end`)
    .orderBy('d.due_date')
    .orderBy('wi.id')
    .execute();
  const picked: (typeof overdue)[number][] = [];
  for (const o of overdue) {
    if (picked.some((p) => p.id === o.id || p.module === o.module) || !unitOf(o.owner_unit_path)) continue;
    picked.push(o);
    if (picked.length === 2) break;
  }
  const DECISIONS = [
    { measure: 'talk' as const, text: '督办事项逾期未完成、未说明原因，经县委县政府督查室研究，约谈该单位分管负责同志，责令3日内书面说明并限期整改到位。' },
    { measure: 'criticism' as const, text: '事项超过办理期限仍未办结，经催办仍无进展，予以通报批评，纳入本月考核扣分。' },
  ];
  for (const [k, item] of picked.entries()) {
    const unit = unitOf(item.owner_unit_path)!;
    await recordAccountability({
      db,
      modules,
      user: dcb,
      actor,
      today,
      now: recordedAt,
      input: { measure: DECISIONS[k]!.measure, decidedOn: today, responsibleUnitId: Number(unit.id), itemIds: [Number(item.id)], text: DECISIONS[k]!.text },
    });
  }

  // 4. this month: computed as of today (with the 问责 deductions), not yet published
  const current = await createPeriod('month', y, m, recordedAt);
  await computePeriod({ db, modules, actor, periodId: current, today, now: recordedAt });

  recordedAt = opts.now;
  await db
    .insertInto('settings')
    .values({ key: DEMO_ASSESSMENT_KEY, value: JSON.stringify({ version: 1, notice: notice.number, accountability: picked.map((p) => p.ref_no) }) })
    .execute();
  return { seeded: true };
}
