import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { buildOfficialDocx, formatChineseDate } from '../../../core/documents/index.ts';
import { nextDocumentNumber, requireIssuer } from '../../../kernel/documents/index.ts';
import { MEETING_SOURCE, mayConvene } from './fields.ts';

type Q = Kysely<DB> | Transaction<DB>;
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (i: number) => CN[i] ?? String(i + 1);
const end = (s: string) => s.replace(/[。；;，,]$/, '');

/** Everything the 纪要 says: the meeting, its attendees, 议题 and the decisions in force with their tasks. */
export async function minutesFacts(db: Q, meetingId: number) {
  const m = await db
    .selectFrom('sv_meetings as m')
    .innerJoin('units as c', 'c.id', 'm.convener_unit_id')
    .select([
      'm.id',
      'm.name',
      'm.type_name',
      'm.held_on',
      'm.start_time',
      'm.place',
      'm.host_name',
      'm.recorder_name',
      'm.convener_unit_id',
      'c.name as convener_name',
    ])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  if (!m) throw new AppError('NOT_FOUND');
  const [attendees, topics, decisions, tasks] = await Promise.all([
    db
      .selectFrom('sv_meeting_attendees as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .leftJoin('units as uu', 'uu.id', 'u.unit_id')
      .leftJoin('units as n', 'n.id', 'a.unit_id')
      .select(['a.role', 'u.display_name', 'uu.name as user_unit_name', 'n.name as unit_name'])
      .where('a.meeting_id', '=', m.id)
      .orderBy('a.id')
      .execute(),
    db.selectFrom('sv_meeting_topics').select(['seq', 'title', 'summary']).where('meeting_id', '=', m.id).orderBy('seq').execute(),
    db
      .selectFrom('sv_meeting_decisions')
      .select(['id', 'seq', 'content'])
      .where('meeting_id', '=', m.id)
      .where('withdrawn_at', 'is', null)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('supervision_tasks as t')
      .innerJoin('sv_meeting_decisions as d', 'd.id', 't.source_id')
      .innerJoin('work_items as wi', 'wi.id', 't.id')
      .innerJoin('units as u', 'u.id', 't.unit_id')
      .leftJoin('leaders as l', 'l.id', 't.leader_id')
      .select(['t.source_id', 'u.name as unit_name', 'l.name as leader_name', 't.due_date'])
      .where('t.source_kind', '=', MEETING_SOURCE)
      .where('d.meeting_id', '=', m.id)
      .where('wi.state', '<>', 'withdrawn')
      .orderBy('t.id')
      .execute(),
  ]);
  return { meeting: m, attendees, topics, decisions, tasks };
}

/** The 纪要's body paragraphs (GB/T 9704 headings 一、 and （一）). */
export function minutesBody(f: Awaited<ReturnType<typeof minutesFacts>>): string[] {
  const { meeting: m, attendees, topics, decisions, tasks } = f;
  const who = (role: 'attend' | 'observe') =>
    attendees
      .filter((a) => a.role === role)
      .map((a) => (a.display_name ? `${a.display_name}（${a.user_unit_name ?? ''}）` : (a.unit_name ?? '')))
      .join('、');
  const body: string[] = [];
  body.push(
    `${formatChineseDate(m.held_on)}${m.start_time ? m.start_time.replace(/^0?(\d+):(\d+)$/, (_, h: string, mm: string) => `${Number(h)}时${mm === '00' ? '' : `${Number(mm)}分`}`) : ''}，${m.convener_name}在${end(m.place)}召开${m.name}（${m.type_name}），会议由${m.host_name}主持。会议研究了${topics.length}项议题，议定了${decisions.length}项事项。现纪要如下：`,
  );
  body.push('一、参会人员');
  body.push(`出席：${who('attend') || '无'}。`);
  const observers = who('observe');
  if (observers) body.push(`列席：${observers}。`);
  body.push(`记录：${m.recorder_name}。`);
  body.push('二、会议议题');
  topics.forEach((t, i) => body.push(`（${cn(i)}）${end(t.title)}。${t.summary ? `${end(t.summary)}。` : ''}`));
  body.push('三、议定事项');
  if (decisions.length === 0) body.push('本次会议未形成需交办的议定事项。');
  decisions.forEach((d, i) => {
    body.push(`（${cn(i)}）${end(d.content)}。`);
    for (const t of tasks.filter((x) => Number(x.source_id) === Number(d.id)))
      body.push(`责任单位：${t.unit_name}${t.leader_name ? `，责任领导：${t.leader_name}` : ''}，于${formatChineseDate(t.due_date)}前完成并反馈办理情况。`);
  });
  body.push('四、工作要求');
  body.push(`各责任单位要按照会议议定事项抓好落实，在完成时限内将办理情况报送${m.convener_name}；${m.convener_name}将跟踪督办，逾期未完成的按规定督办问责。`);
  return body;
}

/**
 * 印发 the 纪要: numbered with the convening unit's 代字 in this transaction (no gaps), the GB/T 9704 DOCX kept with its
 * hash, audited; the meeting is final from now on (edits need a reason).
 */
export async function issueMinutes(db: Kysely<DB>, opts: { user: SessionUser; actor: Actor; meetingId: number; today: string }): Promise<{ number: string }> {
  return db.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('sv_meetings')
      .select(['id', 'name', 'convener_unit_id', 'minutes_number', 'minutes_issued_on'])
      .where('id', '=', opts.meetingId)
      .forUpdate()
      .executeTakeFirst();
    if (!m || Number(m.convener_unit_id) !== opts.user.unitId) throw new AppError('NOT_FOUND');
    if (!mayConvene(opts.user)) throw new AppError('FORBIDDEN');
    if (m.minutes_issued_on) throw new AppError('SV_MEETING_ISSUED', { name: m.name, number: m.minutes_number });
    const f = await minutesFacts(trx, Number(m.id));
    const issuer = await requireIssuer(trx, Number(m.convener_unit_id));
    const { number } = await nextDocumentNumber(trx, { unitId: issuer.unitId, prefix: issuer.prefix, year: Number(opts.today.slice(0, 4)) });
    const title = `${m.name.replace(/纪要$/, '')}纪要`;
    const bytes = await buildOfficialDocx({
      issuerMark: issuer.mark,
      number,
      title,
      addressee: '各参会单位',
      body: minutesBody(f),
      signature: issuer.unitName,
      date: opts.today,
    });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = `${number}${title}.docx`;
    await trx
      .updateTable('sv_meetings')
      .set({
        minutes_number: number,
        minutes_issued_on: opts.today,
        minutes_file_name: fileName,
        minutes_sha256: sha256,
        minutes_docx: Buffer.from(bytes),
        minutes_issued_by: opts.user.id,
      })
      .where('id', '=', m.id)
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'supervision.meeting.minutes',
      entityType: 'sv_meeting',
      entityId: Number(m.id),
      after: { 发文字号: number, 标题: title, 成文日期: opts.today, 文件摘要: sha256, 参会: f.attendees.length, 议定事项: f.decisions.length },
    });
    return { number };
  });
}
