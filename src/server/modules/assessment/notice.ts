import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { buildOfficialDocx } from '../../core/documents/index.ts';
import { AppError } from '../../core/errors.ts';
import { nextDocumentNumber, requireIssuer } from '../../kernel/documents/index.ts';
import type { PeriodIndicator } from './indicators.ts';
import { GROUP_NAMES, groupOfKind, type UnitGroup } from './compute.ts';
import { isManager, loadPeriod } from './read-period.ts';

const HEADINGS = ['一', '二', '三', '四', '五'];
const fmt = (n: number) => String(Math.round(n * 100) / 100);

/**
 * The period's 考核通报: a GB/T 9704 document numbered under the issuing office's 代字 (督查办 or 考核办, the user's
 * unit), with the indicators and their definitions and each group's ranking, sent to every unit ranked — each gets a
 * notification and a read receipt to give. Only for a published period, once.
 */
export async function issueNotice(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; periodId: number; today: string; now: Date }) {
  const { db, user } = opts;
  const p = await loadPeriod(db, user, opts.periodId);
  if (p.state !== 'published') throw new AppError('ASSESSMENT_INVALID', { detail: '考核结果发布后才能印发通报' });
  const totals = await db
    .selectFrom('assessment_totals as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.unit_id', 't.total', 't.rank', 'u.name', 'u.kind'])
    .where('t.period_id', '=', p.id)
    .orderBy('t.rank')
    .orderBy('u.sort')
    .execute();
  const indicators = p.indicators as PeriodIndicator[];
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('assessment_notices').select('number').where('period_id', '=', p.id).executeTakeFirst();
    if (existing) throw new AppError('ASSESSMENT_NOTICE_EXISTS', { label: p.label, number: existing.number });
    const issuer = await requireIssuer(trx, user.unitId);
    const { number } = await nextDocumentNumber(trx, { unitId: user.unitId, prefix: issuer.prefix, year: Number(opts.today.slice(0, 4)) });
    const title = `关于${p.label}乡镇（街道）和县直部门考核情况的通报`;
    const body: string[] = [`根据考核工作安排，现将${p.label}（${p.from_on} 至 ${p.to_on}）各乡镇（街道）和县直部门考核情况通报如下。`];
    let h = 0;
    body.push(`${HEADINGS[h++]}、考核指标`);
    indicators.forEach((i, n) => body.push(`${n + 1}．${i.name}（${i.weight}分）。${i.definition}。计分：${i.formulaText}。`));
    for (const g of ['township', 'department'] as UnitGroup[]) {
      const rows = totals.filter((t) => groupOfKind(t.kind) === g);
      if (rows.length === 0) continue;
      body.push(`${HEADINGS[h++]}、${GROUP_NAMES[g]}得分排名`);
      for (const r of rows) body.push(`第${r.rank}名\u3000${r.name}\u3000${fmt(Number(r.total))}分`);
    }
    body.push(`${HEADINGS[h++]}、有关要求`);
    body.push('各单位要对照考核结果查找差距，对失分事项逐项分析原因、落实整改。收到本通报后，请登录系统确认已阅。');
    const bytes = await buildOfficialDocx({
      issuerMark: issuer.mark,
      number,
      title,
      addressee: '各乡镇（街道），县直各部门',
      body,
      signature: issuer.unitName,
      date: opts.today,
      printedBy: { unit: issuer.unitName, date: opts.today },
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const row = await trx
      .insertInto('assessment_notices')
      .values({
        period_id: p.id,
        issuer_unit_id: user.unitId,
        number,
        title,
        file_name: `${title}.docx`,
        sha256,
        bytes: Buffer.from(bytes),
        created_by: user.id,
        created_at: opts.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const noticeId = Number(row.id);
    const unitIds = totals.map((t) => Number(t.unit_id));
    if (unitIds.length) {
      await trx
        .insertInto('assessment_notice_reads')
        .values(unitIds.map((unit_id) => ({ notice_id: noticeId, unit_id })))
        .execute();
      await trx
        .insertInto('notifications')
        .values(
          unitIds.map((unit_id) => ({
            unit_id,
            kind: 'assessment.notice',
            title: `【考核通报】${title}`,
            body: `${number}已印发，请在“考核通报”中阅读并确认已阅。`,
            work_item_id: null,
            deadline_id: null,
            created_at: opts.now,
          })),
        )
        .execute();
    }
    await appendAudit(trx, opts.actor, {
      action: 'assessment.notice',
      entityType: 'assessment_period',
      entityId: p.id,
      before: null,
      after: { noticeId, number, title, sha256, units: unitIds.length },
    });
    return { id: noticeId, number, title };
  });
}

/** The addressed unit a user answers for: their own unit, or the nearest addressed unit above it. */
async function readerUnit(db: Kysely<DB>, user: SessionUser, noticeId: number) {
  const rows = await db
    .selectFrom('assessment_notice_reads as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.unit_id', 'u.path', 'r.read_at'])
    .where('r.notice_id', '=', noticeId)
    .execute();
  return rows.filter((r) => user.unitPath.startsWith(r.path)).sort((a, b) => b.path.length - a.path.length)[0] ?? null;
}

/** A notice as a user may open it: the office (managers, county-wide) sees every unit's read status; a unit its own. */
export async function readNotice(db: Kysely<DB>, user: SessionUser, noticeId: number) {
  const n = await db
    .selectFrom('assessment_notices as n')
    .innerJoin('assessment_periods as p', 'p.id', 'n.period_id')
    .innerJoin('units as iu', 'iu.id', 'n.issuer_unit_id')
    .select(['n.id', 'n.period_id', 'n.number', 'n.title', 'n.created_at', 'p.label', 'iu.name as issuer_name'])
    .where('n.id', '=', noticeId)
    .executeTakeFirst();
  if (!n) throw new AppError('NOT_FOUND');
  const mine = await readerUnit(db, user, noticeId);
  const office = isManager(user);
  if (!office && !mine && !user.roles.includes('county_leader')) throw new AppError('NOT_FOUND');
  const reads =
    office || user.roles.includes('county_leader')
      ? await db
          .selectFrom('assessment_notice_reads as r')
          .innerJoin('units as u', 'u.id', 'r.unit_id')
          .leftJoin('users as ru', 'ru.id', 'r.read_by')
          .select(['r.unit_id', 'u.name', 'r.read_at', 'ru.display_name as reader', 'r.reminded_at', 'r.reminders'])
          .where('r.notice_id', '=', noticeId)
          .orderBy('u.sort')
          .orderBy('u.id')
          .execute()
      : [];
  return {
    id: Number(n.id),
    periodId: Number(n.period_id),
    periodLabel: n.label,
    number: n.number,
    title: n.title,
    issuerName: n.issuer_name,
    issuedAt: new Date(n.created_at).toISOString(),
    myUnit: mine ? { unitId: Number(mine.unit_id), readAt: mine.read_at ? new Date(mine.read_at).toISOString() : null } : null,
    reads: reads.map((r) => ({
      unitId: Number(r.unit_id),
      unitName: r.name,
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      readerName: r.reader,
      remindedAt: r.reminded_at ? new Date(r.reminded_at).toISOString() : null,
      reminders: r.reminders,
    })),
    readCount: reads.filter((r) => r.read_at).length,
    unitCount: reads.length,
  };
}

/** The file, for the office, county leaders and the addressed units. */
export async function noticeFile(db: Kysely<DB>, user: SessionUser, noticeId: number) {
  await readNotice(db, user, noticeId);
  return db.selectFrom('assessment_notices').select(['file_name', 'bytes']).where('id', '=', noticeId).executeTakeFirstOrThrow();
}

/** 确认已阅: the user's addressed unit confirms it read the notice (the first confirmation stands; audited). */
export async function confirmRead(opts: { db: Kysely<DB>; user: SessionUser; actor: Actor; noticeId: number; now: Date }) {
  const { db, user } = opts;
  const mine = await readerUnit(db, user, opts.noticeId);
  if (!mine) throw new AppError('ASSESSMENT_INVALID', { detail: '本单位不在该通报的主送范围内，无需确认' });
  if (mine.read_at) return { readAt: new Date(mine.read_at).toISOString() };
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('assessment_notice_reads')
      .set({ read_at: opts.now, read_by: user.id })
      .where('notice_id', '=', opts.noticeId)
      .where('unit_id', '=', Number(mine.unit_id))
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return;
    await appendAudit(trx, opts.actor, {
      action: 'assessment.notice_read',
      entityType: 'assessment_notice',
      entityId: opts.noticeId,
      before: null,
      after: { unitId: Number(mine.unit_id) },
    });
  });
  return { readAt: opts.now.toISOString() };
}

/** 提醒未阅单位: a notification to every addressed unit that has not confirmed yet (audited); returns how many. */
export async function remindUnread(opts: { db: Kysely<DB>; actor: Actor; noticeId: number; now: Date }) {
  return opts.db.transaction().execute(async (trx) => {
    const n = await trx.selectFrom('assessment_notices').select(['number', 'title']).where('id', '=', opts.noticeId).executeTakeFirst();
    if (!n) throw new AppError('NOT_FOUND');
    const unread = await trx
      .updateTable('assessment_notice_reads')
      .set((eb) => ({ reminded_at: opts.now, reminders: eb('reminders', '+', 1) }))
      .where('notice_id', '=', opts.noticeId)
      .where('read_at', 'is', null)
      .returning('unit_id')
      .execute();
    if (unread.length)
      await trx
        .insertInto('notifications')
        .values(
          unread.map((r) => ({
            unit_id: Number(r.unit_id),
            kind: 'assessment.remind',
            title: `【提醒】请阅读考核通报${n.number}`,
            body: `《${n.title}》（${n.number}）尚未确认已阅，请阅读后在系统中确认。`,
            work_item_id: null,
            deadline_id: null,
            created_at: opts.now,
          })),
        )
        .execute();
    await appendAudit(trx, opts.actor, {
      action: 'assessment.notice_remind',
      entityType: 'assessment_notice',
      entityId: opts.noticeId,
      before: null,
      after: { units: unread.map((r) => Number(r.unit_id)) },
    });
    return unread.length;
  });
}
