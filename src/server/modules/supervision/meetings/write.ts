import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { checkBusinessDate, loadBackdateWindow } from '../../../kernel/actions/index.ts';
import { findVisibleByRef } from '../../../kernel/links/index.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { createSupervisionTasks, withdrawSourceTask, withdrawSourceTasks } from '../tasks/index.ts';
import { activeMeetingTypes, ATTENDEE_ROLES, MEETING_SOURCE, mayConvene } from './fields.ts';
import type { AddDecisionInput, EditInput, MeetingInput } from './input.ts';

type Q = Kysely<DB> | Transaction<DB>;
type Decision = MeetingInput['decisions'][number];
type Attendee = MeetingInput['attendees'][number];

interface Who {
  user: SessionUser;
  actor: Actor;
  now: Date;
  today: string;
}

const invalid = (detail: string, field?: string) => new AppError('SV_MEETING_INVALID', { detail }, field ? { field } : undefined);
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Attendees: each user or unit existing and active, none twice; returns how each reads (张三（信访局）出席). */
async function checkAttendees(db: Q, attendees: readonly Attendee[]): Promise<string[]> {
  const userIds = attendees.flatMap((a) => (a.userId ? [a.userId] : []));
  const unitIds = attendees.flatMap((a) => (a.unitId ? [a.unitId] : []));
  const [users, units] = await Promise.all([
    userIds.length
      ? db
          .selectFrom('users as u')
          .innerJoin('units as un', 'un.id', 'u.unit_id')
          .select(['u.id', 'u.display_name', 'un.name as unit_name'])
          .where('u.id', 'in', userIds)
          .where('u.disabled', '=', false)
          .execute()
      : Promise.resolve([]),
    unitIds.length ? db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).where('disabled', '=', false).execute() : Promise.resolve([]),
  ]);
  const seen = new Set<string>();
  return attendees.map((a, i) => {
    const key = a.userId ? `u${a.userId}` : `n${a.unitId}`;
    const field = `attendees.${i}`;
    if (seen.has(key)) throw invalid(`第 ${i + 1} 位参会者重复填写了`, field);
    seen.add(key);
    if (a.userId) {
      const u = users.find((x) => Number(x.id) === a.userId);
      if (!u) throw invalid(`第 ${i + 1} 位参会人员不存在或已停用`, `${field}.userId`);
      return `${u.display_name}（${u.unit_name}）${ATTENDEE_ROLES[a.role]}`;
    }
    const n = units.find((x) => Number(x.id) === a.unitId);
    if (!n) throw invalid(`第 ${i + 1} 个参会单位不存在或已停用`, `${field}.unitId`);
    return `${n.name}${ATTENDEE_ROLES[a.role]}`;
  });
}

/**
 * Each 议题's case number → the item, among the items the user may see (kernel links' look-up under the catalog's one
 * visibility rule): an unknown number and an item out of the user's sight read alike, so nothing tells it exists.
 */
async function resolveTopics(db: Q, modules: ModuleCatalog, user: SessionUser, topics: MeetingInput['topics']): Promise<(number | null)[]> {
  const out: (number | null)[] = [];
  for (const [i, t] of topics.entries()) {
    if (!t.refNo) {
      out.push(null);
      continue;
    }
    try {
      out.push(await findVisibleByRef(db, modules, user, { refNo: t.refNo, module: t.module || undefined }));
    } catch (e) {
      if (e instanceof AppError && e.code === 'LINK_TARGET_NOT_FOUND')
        throw invalid(`第 ${i + 1} 项议题关联的事项编号 ${t.refNo} 未找到，或您无权查看`, `topics.${i}.refNo`);
      if (e instanceof AppError && e.code === 'LINK_TARGET_AMBIGUOUS') throw invalid(`第 ${i + 1} 项议题：${e.message}`, `topics.${i}.module`);
      throw e;
    }
  }
  if (new Set(out.filter((x) => x !== null)).size !== out.filter((x) => x !== null).length) throw invalid('同一事项在两项议题中重复关联', 'topics');
  return out;
}

/** A decision and its 督办事项 (source: the decision) in the caller's transaction, audited. */
async function insertDecision(
  trx: Transaction<DB>,
  w: Who,
  m: { id: number; name: string; heldOn: string; backdateReason: string | null },
  seq: number,
  d: Decision,
  assignedOn: string,
  reason?: string,
): Promise<number> {
  const row = await trx
    .insertInto('sv_meeting_decisions')
    .values({ meeting_id: m.id, seq, content: d.content, created_by: w.user.id, created_at: w.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const decisionId = Number(row.id);
  let taskIds: number[] = [];
  if (d.tasks.length) {
    const dup = d.tasks.find((t, i) => d.tasks.findIndex((x) => x.unitId === t.unitId) !== i);
    if (dup) throw invalid(`第 ${seq} 项议定事项把同一单位交办了两次`, `decisions.${seq - 1}.tasks`);
    try {
      taskIds = await createSupervisionTasks(trx, {
        user: w.user,
        actor: w.actor,
        now: w.now,
        source: { kind: MEETING_SOURCE, id: decisionId, label: `${m.name}（${m.heldOn}）第${seq}项议定事项` },
        tasks: d.tasks.map((t) => ({
          unitId: t.unitId,
          title: t.title || `会议议定：${short(d.content, 60)}`,
          detail: d.content,
          dueDate: t.dueDate,
          leaderId: t.leaderId ?? null,
        })),
        occurredOn: assignedOn,
        backdateReason: assignedOn === w.today ? undefined : (m.backdateReason ?? undefined),
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'SUPERVISION_TASK_INVALID')
        throw invalid(`第 ${seq} 项议定事项：${String(e.params.detail ?? e.message)}`, `decisions.${seq - 1}.tasks`);
      throw e;
    }
  }
  await appendAudit(trx, w.actor, {
    action: 'supervision.meeting.decision',
    entityType: 'sv_meeting',
    entityId: m.id,
    after: { 议定事项: `第${seq}项`, 内容: d.content, 交办督办事项: taskIds.length },
    reason,
  });
  return decisionId;
}

/** Loads a meeting for a write by its convening unit (404 for anyone else: the write paths reveal nothing either). */
async function loadForWrite(trx: Transaction<DB>, user: SessionUser, id: number) {
  const m = await trx
    .selectFrom('sv_meetings')
    .select(['id', 'name', 'type_code', 'type_name', 'held_on', 'backdate_reason', 'convener_unit_id', 'minutes_number', 'minutes_issued_on'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!m || Number(m.convener_unit_id) !== user.unitId) throw new AppError('NOT_FOUND');
  if (!mayConvene(user)) throw new AppError('FORBIDDEN');
  return m;
}

/**
 * Records a meeting of the user's unit (召集单位): its type from the configured list, the business date (补录 with a
 * reason past the window), attendees, 议题 (each optionally about an item the user may see) and decisions with their
 * 督办事项 — all or nothing, audited.
 */
export async function createMeeting(db: Kysely<DB>, w: Who & { modules: ModuleCatalog; input: MeetingInput }): Promise<{ id: number }> {
  const { user, input } = w;
  if (!mayConvene(user)) throw new AppError('FORBIDDEN');
  const type = (await activeMeetingTypes(db)).find((t) => t.code === input.typeCode);
  if (!type) throw invalid('请从列表中选择会议类型', 'typeCode');
  const heldOn = checkBusinessDate({
    occurredOn: input.heldOn,
    backdateReason: input.backdateReason,
    today: w.today,
    lastEventOn: null,
    windowDays: await loadBackdateWindow(db),
  });
  const attendees = await checkAttendees(db, input.attendees);
  const itemIds = await resolveTopics(db, w.modules, user, input.topics);
  return db.transaction().execute(async (trx) => {
    const m = await trx
      .insertInto('sv_meetings')
      .values({
        type_code: type.code,
        type_name: type.name,
        name: input.name,
        convener_unit_id: user.unitId,
        host_name: input.hostName,
        held_on: heldOn,
        start_time: input.startTime ?? null,
        place: input.place,
        recorder_name: input.recorderName,
        backdate_reason: input.backdateReason ?? null,
        created_by: user.id,
        created_at: w.now,
        updated_at: w.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(m.id);
    await trx
      .insertInto('sv_meeting_attendees')
      .values(input.attendees.map((a) => ({ meeting_id: id, user_id: a.userId ?? null, unit_id: a.unitId ?? null, role: a.role })))
      .execute();
    await trx
      .insertInto('sv_meeting_topics')
      .values(input.topics.map((t, i) => ({ meeting_id: id, seq: i + 1, title: t.title, summary: t.summary || null, work_item_id: itemIds[i] ?? null })))
      .execute();
    await appendAudit(trx, w.actor, {
      action: 'supervision.meeting.create',
      entityType: 'sv_meeting',
      entityId: id,
      after: {
        会议类型: type.name,
        会议名称: input.name,
        会议日期: heldOn,
        开始时间: input.startTime ?? null,
        会议地点: input.place,
        主持人: input.hostName,
        记录人: input.recorderName,
        参会: attendees,
        议题: input.topics.map((t, i) => `${i + 1}.${t.title}${t.refNo ? `（${t.refNo}）` : ''}`),
      },
      reason: input.backdateReason ? `补录：${input.backdateReason}` : undefined,
    });
    const meeting = { id, name: input.name, heldOn, backdateReason: input.backdateReason ?? null };
    for (const [i, d] of input.decisions.entries()) await insertDecision(trx, w, meeting, i + 1, d, heldOn);
    return { id };
  });
}

/** How the meeting's attendees read now (张三（信访局）出席), for the edit's before/after. */
async function describeAttendees(db: Q, meetingId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('sv_meeting_attendees as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .leftJoin('units as uu', 'uu.id', 'u.unit_id')
    .leftJoin('units as n', 'n.id', 'a.unit_id')
    .select(['a.role', 'a.user_id', 'u.display_name', 'uu.name as user_unit', 'n.name as unit_name'])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.id')
    .execute();
  return rows.map((a) => `${a.user_id !== null ? `${a.display_name ?? ''}（${a.user_unit ?? ''}）` : (a.unit_name ?? '')}${ATTENDEE_ROLES[a.role]}`);
}

/** A meeting's tasks carry "name（date）第n项议定事项" as their source: kept true when the name or the date is corrected. */
async function relabelTasks(trx: Transaction<DB>, meetingId: number, name: string, heldOn: string): Promise<void> {
  const decisions = await trx.selectFrom('sv_meeting_decisions').select(['id', 'seq']).where('meeting_id', '=', meetingId).execute();
  for (const d of decisions)
    await trx
      .updateTable('supervision_tasks')
      .set({ source_label: `${name}（${heldOn}）第${d.seq}项议定事项` })
      .where('source_kind', '=', MEETING_SOURCE)
      .where('source_id', '=', Number(d.id))
      .execute();
}

/**
 * Edits the meeting's header (type, name, date, time, place, 主持人, 记录人, 召集单位) and attendees; once the 纪要 is
 * issued only with a reason, audited with what changed. The date keeps the business-date rule (补录 with a reason past
 * the window) and may not fall after a decision's tasks were assigned; the 召集单位 issues the 纪要 under its 代字 and
 * verifies the tasks (督办单位), so it changes only before the 纪要 is issued and while no task stands. A type 停用 since
 * may stay but not be chosen anew.
 */
export async function editMeeting(db: Kysely<DB>, w: Who & { meetingId: number; input: EditInput }): Promise<void> {
  const { input } = w;
  const attendees = await checkAttendees(db, input.attendees);
  const [types, windowDays] = await Promise.all([activeMeetingTypes(db), loadBackdateWindow(db)]);
  await db.transaction().execute(async (trx) => {
    const m = await loadForWrite(trx, w.user, w.meetingId);
    const id = Number(m.id);
    if (m.minutes_issued_on && !input.reason) throw new AppError('SV_MEETING_REASON_REQUIRED', { name: m.name }, { field: 'reason' });
    const before = await trx
      .selectFrom('sv_meetings as m')
      .innerJoin('units as c', 'c.id', 'm.convener_unit_id')
      .select(['m.name', 'm.host_name', 'm.start_time', 'm.place', 'm.recorder_name', 'c.name as convener_name'])
      .where('m.id', '=', id)
      .executeTakeFirstOrThrow();
    const beforeAttendees = await describeAttendees(trx, id);

    let type = { code: m.type_code, name: m.type_name };
    if (input.typeCode !== undefined && input.typeCode !== m.type_code) {
      const t = types.find((x) => x.code === input.typeCode);
      if (!t) throw invalid('请从列表中选择会议类型（已停用的类型不能再选）', 'typeCode');
      type = { code: t.code, name: t.name };
    }

    let heldOn = m.held_on;
    if (input.heldOn !== undefined && input.heldOn !== m.held_on) {
      heldOn = checkBusinessDate({ occurredOn: input.heldOn, backdateReason: input.backdateReason, today: w.today, lastEventOn: null, windowDays });
      const first = await trx
        .selectFrom('supervision_tasks as t')
        .innerJoin('sv_meeting_decisions as d', 'd.id', 't.source_id')
        .select((eb) => eb.fn.min('t.assigned_on').as('on'))
        .where('t.source_kind', '=', MEETING_SOURCE)
        .where('d.meeting_id', '=', id)
        .executeTakeFirst();
      if (first?.on && heldOn > String(first.on)) throw invalid(`会议日期不能晚于议定事项的交办日期 ${String(first.on)}（督办事项按会议交办）`, 'heldOn');
    }

    let convener = { id: Number(m.convener_unit_id), name: before.convener_name };
    if (input.convenerUnitId !== undefined && input.convenerUnitId !== convener.id) {
      if (m.minutes_issued_on) throw invalid(`会议纪要已按召集单位代字印发（${m.minutes_number ?? ''}），不能更改召集单位`, 'convenerUnitId');
      const standing = await trx
        .selectFrom('supervision_tasks as t')
        .innerJoin('work_items as wi', 'wi.id', 't.id')
        .innerJoin('sv_meeting_decisions as d', 'd.id', 't.source_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('t.source_kind', '=', MEETING_SOURCE)
        .where('d.meeting_id', '=', id)
        .where('wi.state', '<>', 'withdrawn')
        .executeTakeFirstOrThrow();
      if (Number(standing.n) > 0)
        throw invalid('本会议已交办督办事项，召集单位是这些督办事项的督办单位，不能更改；如确需更改，请先撤销议定事项', 'convenerUnitId');
      const unit = await trx.selectFrom('units').select(['id', 'name']).where('id', '=', input.convenerUnitId).where('disabled', '=', false).executeTakeFirst();
      if (!unit) throw invalid('召集单位不存在或已停用', 'convenerUnitId');
      convener = { id: Number(unit.id), name: unit.name };
    }

    await trx
      .updateTable('sv_meetings')
      .set({
        type_code: type.code,
        type_name: type.name,
        name: input.name,
        held_on: heldOn,
        backdate_reason: heldOn !== m.held_on ? (input.backdateReason ?? null) : m.backdate_reason,
        convener_unit_id: convener.id,
        host_name: input.hostName,
        start_time: input.startTime ?? null,
        place: input.place,
        recorder_name: input.recorderName,
        updated_at: w.now,
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('sv_meeting_attendees').where('meeting_id', '=', id).execute();
    await trx
      .insertInto('sv_meeting_attendees')
      .values(input.attendees.map((a) => ({ meeting_id: id, user_id: a.userId ?? null, unit_id: a.unitId ?? null, role: a.role })))
      .execute();
    if (input.name !== m.name || heldOn !== m.held_on) await relabelTasks(trx, id, input.name, heldOn);
    await appendAudit(trx, w.actor, {
      action: 'supervision.meeting.edit',
      entityType: 'sv_meeting',
      entityId: id,
      before: {
        会议类型: m.type_name,
        会议名称: before.name,
        会议日期: m.held_on,
        召集单位: before.convener_name,
        主持人: before.host_name,
        开始时间: before.start_time,
        会议地点: before.place,
        记录人: before.recorder_name,
        参会: beforeAttendees,
      },
      after: {
        会议类型: type.name,
        会议名称: input.name,
        会议日期: heldOn,
        召集单位: convener.name,
        主持人: input.hostName,
        开始时间: input.startTime ?? null,
        会议地点: input.place,
        记录人: input.recorderName,
        参会: attendees,
      },
      reason: input.reason ?? (heldOn !== m.held_on && input.backdateReason ? `补录：${input.backdateReason}` : undefined),
    });
  });
}

/** Adds a decision (with its 督办事项, assigned today); once the 纪要 is issued only with a reason. */
export async function addDecision(db: Kysely<DB>, w: Who & { meetingId: number; input: AddDecisionInput }): Promise<{ id: number }> {
  return db.transaction().execute(async (trx) => {
    const m = await loadForWrite(trx, w.user, w.meetingId);
    if (m.minutes_issued_on && !w.input.reason) throw new AppError('SV_MEETING_REASON_REQUIRED', { name: m.name }, { field: 'reason' });
    const last = await trx
      .selectFrom('sv_meeting_decisions')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('meeting_id', '=', m.id)
      .executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const id = await insertDecision(
      trx,
      w,
      { id: Number(m.id), name: m.name, heldOn: m.held_on, backdateReason: m.backdate_reason },
      seq,
      w.input,
      w.today,
      w.input.reason,
    );
    return { id };
  });
}

/** A refusal of the tasks' own withdrawal rule, told as the meeting's (不能撤销：…), 409. */
const refused = (e: unknown): never => {
  if (e instanceof AppError && e.code === 'SUPERVISION_TASK_INVALID')
    throw new AppError('SV_MEETING_WITHDRAW_REFUSED', { detail: String(e.params.detail ?? '') });
  throw e;
};

/**
 * Withdraws a decision with a reason: every 督办事项 it gave is withdrawn with it (已撤销, the reason in each task's
 * 办理记录), also one a unit has signed for or reported on — refused when one was already 核查销号 (the decision was
 * carried out there; withdraw the other tasks one by one), audited.
 */
export async function withdrawDecision(
  db: Kysely<DB>,
  w: Who & { meetingId: number; decisionId: number; reason: string },
): Promise<{ withdrawnTasks: number }> {
  return db.transaction().execute(async (trx) => {
    const m = await loadForWrite(trx, w.user, w.meetingId);
    const d = await trx
      .selectFrom('sv_meeting_decisions')
      .select(['id', 'seq', 'content', 'withdrawn_at'])
      .where('id', '=', w.decisionId)
      .where('meeting_id', '=', m.id)
      .forUpdate()
      .executeTakeFirst();
    if (!d) throw new AppError('NOT_FOUND');
    if (d.withdrawn_at) throw new AppError('SV_MEETING_DECISION_WITHDRAWN', { on: new Date(d.withdrawn_at).toISOString().slice(0, 10) });
    const n = await withdrawSourceTasks(trx, {
      source: { kind: MEETING_SOURCE, id: Number(d.id) },
      reason: w.reason,
      actor: w.actor,
      now: w.now,
      acted: 'withdraw',
    }).catch(refused);
    await trx
      .updateTable('sv_meeting_decisions')
      .set({ withdrawn_at: w.now, withdrawn_by: w.user.id, withdrawn_reason: w.reason })
      .where('id', '=', d.id)
      .execute();
    await appendAudit(trx, w.actor, {
      action: 'supervision.meeting.decision.withdraw',
      entityType: 'sv_meeting',
      entityId: Number(m.id),
      before: { 议定事项: `第${d.seq}项`, 内容: d.content },
      after: { 状态: '已撤销', 撤回督办事项: n },
      reason: w.reason,
    });
    return { withdrawnTasks: n };
  });
}

/**
 * Withdraws ONE 督办事项 of a decision (the convening unit calls off what it gave one unit) with a reason, whatever the
 * unit has done so far: the task becomes 已撤销, its clock stops, the reason stands in its 办理记录 and in the meeting's
 * history. Refused (409) when the task was already 核查销号 or withdrawn; 404 outside the convening unit.
 */
export async function withdrawTask(
  db: Kysely<DB>,
  w: Who & { meetingId: number; decisionId: number; taskId: number; reason: string },
): Promise<{ unitName: string }> {
  return db.transaction().execute(async (trx) => {
    const m = await loadForWrite(trx, w.user, w.meetingId);
    const d = await trx
      .selectFrom('sv_meeting_decisions')
      .select(['id', 'seq', 'withdrawn_at'])
      .where('id', '=', w.decisionId)
      .where('meeting_id', '=', m.id)
      .forUpdate()
      .executeTakeFirst();
    if (!d) throw new AppError('NOT_FOUND');
    if (d.withdrawn_at) throw new AppError('SV_MEETING_DECISION_WITHDRAWN', { on: new Date(d.withdrawn_at).toISOString().slice(0, 10) });
    const source = { kind: MEETING_SOURCE, id: Number(d.id) };
    const r = await withdrawSourceTask(trx, { source, taskId: w.taskId, reason: w.reason, actor: w.actor, now: w.now }).catch(refused);
    const ref = await trx.selectFrom('work_items').select('ref_no').where('id', '=', w.taskId).executeTakeFirstOrThrow();
    await appendAudit(trx, w.actor, {
      action: 'supervision.meeting.task.withdraw',
      entityType: 'sv_meeting',
      entityId: Number(m.id),
      before: { 议定事项: `第${d.seq}项`, 督办事项: `${ref.ref_no}（${r.unitName}）`, 撤销前状态: r.from },
      after: { 状态: '已撤销' },
      reason: w.reason,
    });
    return { unitName: r.unitName };
  });
}
