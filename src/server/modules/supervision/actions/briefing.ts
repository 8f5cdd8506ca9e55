import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { BriefingFigures, DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { buildOfficialDocx, formatChineseDate } from '../../../core/documents/index.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { loadCalendar } from '../../../kernel/deadlines/index.ts';
import { DISPATCH_FORMS, isActionOffice } from './fields.ts';
import { actionItems, type ActionItemView } from './read.ts';
import { dispatchSlots } from './schedule.ts';
import { seesWholeActionSql } from './scope.ts';

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (i: number) => CN[i] ?? String(i + 1);
const end = (s: string) => s.trim().replace(/[。；;，,]$/, '');
const pct = (n: number, d: number) => (d === 0 ? '0' : (Math.round((n * 1000) / d) / 10).toString());

/** The 问题清单's figures exactly as the action page counts them (the same rows, the same statuses). */
export function briefingFigures(items: readonly ActionItemView[]): BriefingFigures & { reported: number; notStarted: string[] } {
  const units = new Map<string, { unitName: string; total: number; closed: number; overdue: number; notStarted: number }>();
  for (const i of items) {
    const u = units.get(i.unitName) ?? { unitName: i.unitName, total: 0, closed: 0, overdue: 0, notStarted: 0 };
    u.total++;
    if (i.status === 'done') u.closed++;
    if (i.status === 'late') u.overdue++;
    if (i.status === 'notStarted') u.notStarted++;
    units.set(i.unitName, u);
  }
  const list = [...units.values()];
  return {
    total: items.length,
    closed: items.filter((i) => i.status === 'done').length,
    overdue: items.filter((i) => i.status === 'late').length,
    reported: items.filter((i) => i.status === 'reported').length,
    units: list.map(({ unitName, total, closed, overdue }) => ({ unitName, total, closed, overdue })),
    notStarted: list.filter((u) => u.notStarted > 0).map((u) => u.unitName),
  };
}

/** The county's 督查室: the unit its 督查办 staff belong to (else the action's 牵头单位), by its full name. */
async function countyOffice(db: Kysely<DB>, leadUnitId: number): Promise<string> {
  const office = await db
    .selectFrom('users as u')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['n.name', 'n.full_name'])
    .where(sql<boolean>`'dcb_staff' = any(u.roles)`)
    .where('u.disabled', '=', false)
    .where('n.disabled', '=', false)
    .orderBy('u.id')
    .executeTakeFirst();
  if (office) return office.full_name || office.name;
  const lead = await db.selectFrom('units').select(['name', 'full_name']).where('id', '=', leadUnitId).executeTakeFirstOrThrow();
  return lead.full_name || lead.name;
}

/**
 * 印发工作简报: 第N期 of this action (N taken under the action's row lock — no gap, no repeat), the 督查室 as issuer, the
 * 问题清单's figures as they stand today (total / 已销号 / 逾期未反馈, per 责任单位 — the action page's own count), the
 * latest 调度, the 未调度 periods and the units that have not yet signed for their rows; the GB/T 9704 DOCX kept with
 * its hash and the figures it printed; audited.
 */
export async function issueBriefing(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  opts: { user: SessionUser; actor: Actor; actionId: number; today: string },
): Promise<{ id: number; issueNo: number }> {
  const { user, today } = opts;
  return db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('sv_actions').selectAll().where('id', '=', opts.actionId).forUpdate().executeTakeFirst();
    if (!a) throw new AppError('NOT_FOUND');
    if (!isActionOffice(user, Number(a.lead_unit_id))) throw new AppError('FORBIDDEN');
    if (a.status === 'preparing') throw new AppError('SV_ACTION_INVALID', { detail: '行动尚在筹备，启动实施后再印发工作简报' }, { field: 'status' });
    const last = await trx
      .selectFrom('sv_action_briefings')
      .select(sql<number>`coalesce(max(issue_no), 0)::int`.as('n'))
      .where('action_id', '=', a.id)
      .executeTakeFirstOrThrow();
    const issueNo = Number(last.n) + 1;
    const [items, dispatches, issuerName, calendar] = await Promise.all([
      actionItems(trx, modules, user, Number(a.id), today),
      trx.selectFrom('sv_action_dispatches').selectAll().where('action_id', '=', a.id).orderBy('dispatched_on', 'desc').orderBy('id', 'desc').execute(),
      countyOffice(trx, Number(a.lead_unit_id)),
      loadCalendar(trx),
    ]);
    const f = briefingFigures(items);
    const missing = dispatchSlots({
      rhythm: a.rhythm,
      periodFrom: a.period_from,
      periodTo: a.period_to,
      today,
      dispatchedOn: dispatches.map((d) => d.dispatched_on),
      isWorkday: (d) => calendar.isWorkday(d).workday,
    }).filter((s) => s.state === 'missing');

    const body: string[] = [];
    body.push(
      `${formatChineseDate(a.period_from)}${a.name}启动以来，各责任单位和包案领导按照实施方案逐项推进问题清单化解。截至${formatChineseDate(today)}，问题清单共列入问题${f.total}个，已销号${f.closed}个（销号率${pct(f.closed, f.total)}%），已反馈待核查${f.reported}个，逾期未反馈${f.overdue}个。`,
    );
    body.push('一、各责任单位进展');
    if (f.units.length === 0) body.push('问题清单尚未列入问题。');
    f.units.forEach((u, i) => body.push(`（${cn(i)}）${u.unitName}：列入问题${u.total}个，已销号${u.closed}个，逾期未反馈${u.overdue}个。`));
    body.push('二、最近一次调度情况');
    const d = dispatches[0];
    if (!d) body.push('本行动尚未登记调度。');
    else {
      body.push(`${formatChineseDate(d.dispatched_on)}，以${DISPATCH_FORMS[d.form]}形式进行调度。${end(d.reported)}。`);
      if (d.problems) body.push(`存在问题：${end(d.problems)}。`);
      if (d.next_steps) body.push(`下步安排：${end(d.next_steps)}。`);
    }
    body.push('三、需要关注的问题');
    const attention: string[] = [];
    if (missing.length) attention.push(`以下时段未调度：${missing.map((s) => s.label).join('、')}，请牵头单位及时调度。`);
    const late = items.filter((i) => i.status === 'late');
    if (late.length)
      attention.push(`逾期未反馈的问题${late.length}个：${late.map((i) => `${i.unitName}“${end(i.title)}”（逾期${i.overdueDays}天）`).join('；')}。`);
    if (f.notStarted.length) attention.push(`尚未签收问题的单位：${f.notStarted.join('、')}。`);
    if (attention.length === 0) attention.push('目前没有逾期未反馈的问题，各时段均已调度。');
    body.push(...attention);

    const title = `${a.name}工作简报`;
    const bytes = await buildOfficialDocx({ issuerMark: '工作简报', number: `第${issueNo}期`, title, body, signature: issuerName, date: today });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = `${a.name}工作简报（第${issueNo}期）.docx`;
    const figures: BriefingFigures = { total: f.total, closed: f.closed, overdue: f.overdue, units: f.units };
    const r = await trx
      .insertInto('sv_action_briefings')
      .values({
        action_id: a.id,
        issue_no: issueNo,
        issued_on: today,
        issuer_name: issuerName,
        figures: JSON.stringify(figures),
        file_name: fileName,
        sha256,
        docx: Buffer.from(bytes),
        issued_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.action.briefing',
      entityType: 'sv_action',
      entityId: Number(a.id),
      after: {
        期号: `第${issueNo}期`,
        标题: title,
        印发单位: issuerName,
        日期: today,
        文件摘要: sha256,
        问题总数: f.total,
        已销号: f.closed,
        逾期未反馈: f.overdue,
      },
    });
    return { id: Number(r.id), issueNo };
  });
}

export interface BriefingView {
  id: number;
  issueNo: number;
  issuedOn: string;
  issuerName: string;
  total: number;
  closed: number;
  overdue: number;
  issuedBy: string;
  fileName: string;
}

/** The issued 简报 of an action, newest first — for those who see the whole action only (they name every unit's figures). */
export async function listBriefings(db: Kysely<DB>, user: SessionUser, actionId: number): Promise<BriefingView[]> {
  const rows = await db
    .selectFrom('sv_action_briefings as b')
    .innerJoin('sv_actions as a', 'a.id', 'b.action_id')
    .innerJoin('users as u', 'u.id', 'b.issued_by')
    .select(['b.id', 'b.issue_no', 'b.issued_on', 'b.issuer_name', 'b.figures', 'b.file_name', 'u.display_name'])
    .where('b.action_id', '=', actionId)
    .where(seesWholeActionSql(user))
    .orderBy('b.issue_no', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    issueNo: Number(r.issue_no),
    issuedOn: r.issued_on,
    issuerName: r.issuer_name,
    total: r.figures.total,
    closed: r.figures.closed,
    overdue: r.figures.overdue,
    issuedBy: r.display_name,
    fileName: r.file_name,
  }));
}

/** One issued 简报's DOCX as issued (NOT_FOUND unless the user sees the whole action). */
export async function briefingFile(
  db: Kysely<DB>,
  user: SessionUser,
  actionId: number,
  briefingId: number,
): Promise<{ bytes: Buffer; fileName: string; issueNo: number }> {
  const r = await db
    .selectFrom('sv_action_briefings as b')
    .innerJoin('sv_actions as a', 'a.id', 'b.action_id')
    .select(['b.docx', 'b.file_name', 'b.issue_no'])
    .where('b.id', '=', briefingId)
    .where('b.action_id', '=', actionId)
    .where(seesWholeActionSql(user))
    .executeTakeFirst();
  if (!r) throw new AppError('NOT_FOUND');
  return { bytes: r.docx, fileName: r.file_name, issueNo: Number(r.issue_no) };
}
