import { z } from 'zod';
import { sql } from 'kysely';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { AppError } from '../../../core/errors.ts';
import { id, isoDate, text } from '../../../core/http/input.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { sendXlsx } from '../../../core/http/send-xlsx.ts';
import { exportFileName, exportList } from '../../../core/excel/list-export.ts';
import { DOCX_TYPE } from '../../../core/documents/index.ts';
import { activeMeetingTypes, ATTENDEE_ROLES, mayConvene } from './fields.ts';
import { addDecisionInput, editInput, meetingInput, meetingTypesInput, withdrawInput } from './input.ts';
import { addDecision, createMeeting, editMeeting, withdrawDecision, withdrawTask } from './write.ts';
import { listTypesWithUsage, mayManageTypes, saveTypes } from './types-admin.ts';
import { issueMinutes } from './minutes.ts';
import { decisionMeetingId, getMeeting, itemMeetings, listMeetings, meetingHistory, type MeetingFilter } from './read.ts';
import { fullMeetingSql } from './scope.ts';

const TAGS = ['supervision'];
const nullable = z.string().nullable();
const counts = z.object({
  total: z.number(),
  done: z.number(),
  reported: z.number(),
  late: z.number(),
  inProgress: z.number(),
  notStarted: z.number(),
  withdrawn: z.number(),
});
const listRow = z.object({
  id: z.number(),
  typeCode: z.string(),
  typeName: z.string(),
  name: z.string(),
  heldOn: z.string(),
  startTime: nullable,
  place: z.string(),
  hostName: z.string(),
  convenerName: z.string(),
  minutesNumber: nullable,
  minutesIssuedOn: nullable,
  topics: z.number().describe('议题数（召集单位和参会者可见；只见本单位议定事项的单位为 0）'),
  decisions: z.number().describe('议定事项数（本人可见，不含已撤销）'),
  tasks: z.object({ total: z.number(), done: z.number(), late: z.number(), open: z.number() }).describe('交办的督办事项（本人可见）'),
});
const detail = z.object({
  id: z.number(),
  typeCode: z.string(),
  typeName: z.string(),
  name: z.string(),
  convenerUnitId: z.number(),
  convenerName: z.string(),
  hostName: z.string(),
  heldOn: z.string(),
  startTime: nullable,
  place: z.string(),
  recorderName: z.string(),
  backdateReason: nullable,
  minutes: z.object({ number: z.string(), issuedOn: z.string(), fileName: z.string(), issuedBy: z.string() }).nullable(),
  whole: z.boolean().describe('false：本人只因可查看其督办事项而可见本会议的议定事项，只显示这些议定事项'),
  attendees: z.array(
    z.object({
      id: z.number(),
      role: z.enum(['attend', 'observe']),
      roleName: z.string(),
      userId: z.number().nullable(),
      unitId: z.number().nullable(),
      name: z.string(),
    }),
  ),
  topics: z.array(
    z.object({
      id: z.number(),
      seq: z.number(),
      title: z.string(),
      summary: nullable,
      item: z
        .object({ id: z.number(), refNo: z.string(), title: z.string(), moduleName: z.string(), href: z.string(), stateName: z.string() })
        .nullable()
        .describe('关联事项（本人无权查看的不显示）'),
    }),
  ),
  decisions: z.array(
    z.object({
      id: z.number(),
      seq: z.number(),
      content: z.string(),
      withdrawn: z.object({ on: z.string(), reason: z.string(), by: z.string() }).nullable(),
      counts,
      tasks: z.array(
        z.object({
          id: z.number(),
          refNo: z.string(),
          title: z.string(),
          unitName: z.string(),
          leaderName: nullable,
          dueDate: z.string(),
          statusName: z.string(),
          overdue: z.boolean(),
          href: z.string().nullable().describe('督办事项页面（本人无权打开的为空）'),
          mayWithdraw: z.boolean().describe('召集单位可撤销（未销号、未撤销）'),
        }),
      ),
    }),
  ),
  mayEdit: z.boolean(),
  mayIssue: z.boolean(),
});
const listQuery = z.object({
  typeCode: text(40).optional().describe('会议类型'),
  from: isoDate.optional().describe('会议日期起'),
  to: isoDate.optional().describe('会议日期止'),
  convenerUnitId: id.optional().describe('召集单位'),
});
const meetingParams = z.object({ id });
type MeetingRow = Awaited<ReturnType<typeof listMeetings>>[number];

/** 会议: list (filters, Excel), record, edit, decisions with their 督办事项, withdraw a decision, 印发 the 纪要 (DOCX), an item's meetings. */
export async function meetingRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());
  const who = (request: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(request);
    return { user, actor: actorOf(user, request.ip), now: deps.clock.now(), today: today() };
  };
  const checkPeriod = (f: MeetingFilter) => {
    if (f.from && f.to && f.to < f.from) throw new AppError('SV_MEETING_INVALID', { detail: '会议日期止不能早于起' }, { field: 'to' });
    return f;
  };

  app.get(
    '/supervision/meetings',
    {
      schema: {
        tags: TAGS,
        summary: '会议列表（召集单位、参会人员和单位可见；承办议定事项的单位只见本单位的议定事项）',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(listRow), mayCreate: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await listMeetings(db, deps.modules, user, checkPeriod(request.query), today()), mayCreate: mayConvene(user) };
    },
  );

  app.get(
    '/supervision/meetings/export.xlsx',
    { schema: { tags: TAGS, summary: '导出会议列表（Excel，筛选条件与列表相同）', querystring: listQuery } },
    async (request, reply) => {
      const user = requireUser(request);
      const rows = await listMeetings(db, deps.modules, user, checkPeriod(request.query), today());
      const stream = await exportList<MeetingRow>({
        sheetName: '会议',
        columns: [
          { header: '会议日期', kind: 'day', width: 12, value: (r) => r.heldOn },
          { header: '会议类型', width: 20, value: (r) => r.typeName },
          { header: '会议名称', width: 36, value: (r) => r.name },
          { header: '召集单位', width: 18, value: (r) => r.convenerName },
          { header: '主持人', width: 10, value: (r) => r.hostName },
          { header: '会议地点', width: 18, value: (r) => r.place },
          { header: '议题数', kind: 'number', width: 8, value: (r) => r.topics },
          { header: '议定事项数', kind: 'number', width: 10, value: (r) => r.decisions },
          { header: '督办事项', kind: 'number', width: 10, value: (r) => r.tasks.total },
          { header: '已销号', kind: 'number', width: 8, value: (r) => r.tasks.done },
          { header: '逾期未反馈', kind: 'number', width: 10, value: (r) => r.tasks.late },
          { header: '纪要文号', width: 18, value: (r) => r.minutesNumber ?? '未印发' },
        ],
        fetchPage: async (page, size) => ({ items: rows.slice((page - 1) * size, page * size), total: rows.length }),
      });
      return sendXlsx(reply, stream, exportFileName('会议', today()), `meetings_${today()}.xlsx`);
    },
  );

  app.get(
    '/supervision/meeting-options',
    {
      schema: {
        tags: TAGS,
        summary: '会议类型、出席/列席，以及可选的参会单位、人员和责任领导',
        response: {
          200: z.object({
            types: z.array(z.object({ code: z.string(), name: z.string() })).describe('可选的会议类型（不含已停用的）'),
            roles: z.array(z.object({ code: z.string(), name: z.string() })),
            units: z.array(z.object({ id: z.number(), name: z.string() })),
            users: z.array(z.object({ id: z.number(), name: z.string(), unitName: z.string() })),
            leaders: z.array(z.object({ id: z.number(), name: z.string(), title: z.string() })),
            modules: z.array(z.object({ kind: z.string(), name: z.string() })).describe('可关联的事项类型（编号重复时用于指明）'),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      const [types, units, users, leaders] = await Promise.all([
        activeMeetingTypes(db),
        db.selectFrom('units').select(['id', 'name']).where('disabled', '=', false).orderBy('path').execute(),
        db
          .selectFrom('users as u')
          .innerJoin('units as n', 'n.id', 'u.unit_id')
          .select(['u.id', 'u.display_name', 'n.name as unit_name'])
          .where('u.disabled', '=', false)
          .where('u.enterprise_id', 'is', null)
          .where(sql<boolean>`not ('enterprise' = any(u.roles))`)
          .orderBy('n.path')
          .orderBy('u.display_name')
          .limit(2000)
          .execute(),
        db.selectFrom('leaders').select(['id', 'name', 'title']).where('disabled', '=', false).orderBy('id').execute(),
      ]);
      return {
        types: types.map((t) => ({ code: t.code, name: t.name })),
        roles: Object.entries(ATTENDEE_ROLES).map(([code, name]) => ({ code, name })),
        units: units.map((u) => ({ id: Number(u.id), name: u.name })),
        users: users.map((u) => ({ id: Number(u.id), name: u.display_name, unitName: u.unit_name })),
        leaders: leaders.map((l) => ({ id: Number(l.id), name: l.name, title: l.title ?? '' })),
        modules: deps.modules.modules.map((m) => ({ kind: m.kind, name: m.name })),
      };
    },
  );

  app.post(
    '/supervision/meetings',
    {
      schema: {
        tags: TAGS,
        summary: '登记会议：类型、名称、日期时间地点（可补录）、主持人、参会（出席/列席）、记录人、议题（可关联事项）、议定事项及交办的督办事项',
        body: meetingInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => createMeeting(db, { ...who(request), modules: deps.modules, input: request.body }),
  );

  app.get(
    '/supervision/meetings/:id',
    {
      schema: {
        tags: TAGS,
        summary: '会议详情：参会、议题及关联事项、议定事项及其督办事项办理状态、会议纪要',
        params: meetingParams,
        response: { 200: detail },
      },
    },
    async (request) => getMeeting(db, deps.modules, requireUser(request), request.params.id, today()),
  );

  app.post(
    '/supervision/meetings/:id/edit',
    {
      schema: {
        tags: TAGS,
        summary: '修改会议信息和参会人员（会议纪要印发后须说明理由）',
        params: meetingParams,
        body: editInput,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await editMeeting(db, { ...who(request), meetingId: request.params.id, input: request.body });
      return { ok: true as const };
    },
  );

  app.post(
    '/supervision/meetings/:id/decisions',
    {
      schema: {
        tags: TAGS,
        summary: '增加议定事项并交办督办事项（会议纪要印发后须说明理由）',
        params: meetingParams,
        body: addDecisionInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => addDecision(db, { ...who(request), meetingId: request.params.id, input: request.body }),
  );

  app.post(
    '/supervision/meetings/:id/decisions/:decisionId/withdraw',
    {
      schema: {
        tags: TAGS,
        summary: '撤销议定事项（须说明理由；尚未签收的督办事项一并撤回）',
        params: z.object({ id, decisionId: id }),
        body: withdrawInput,
        response: { 200: z.object({ withdrawnTasks: z.number() }) },
      },
    },
    async (request) =>
      withdrawDecision(db, { ...who(request), meetingId: request.params.id, decisionId: request.params.decisionId, reason: request.body.reason }),
  );

  app.post(
    '/supervision/meetings/:id/decisions/:decisionId/tasks/:taskId/withdraw',
    {
      schema: {
        tags: TAGS,
        summary: '撤销议定事项交办的一项督办事项（须说明理由；已签收、已反馈的也可撤销，已销号的不能撤销）',
        params: z.object({ id, decisionId: id, taskId: id }),
        body: withdrawInput,
        response: { 200: z.object({ unitName: z.string() }) },
      },
    },
    async (request) =>
      withdrawTask(db, {
        ...who(request),
        meetingId: request.params.id,
        decisionId: request.params.decisionId,
        taskId: request.params.taskId,
        reason: request.body.reason,
      }),
  );

  app.get(
    '/supervision/meetings/:id/history',
    {
      schema: {
        tags: TAGS,
        summary: '会议的修改记录（登记、修改及理由、议定事项、撤销、印发纪要）',
        params: meetingParams,
        response: {
          200: z.object({
            items: z.array(z.object({ at: z.string(), actorName: z.string(), label: z.string(), reason: nullable, lines: z.array(z.string()) })),
          }),
        },
      },
    },
    async (request) => ({ items: await meetingHistory(db, requireUser(request), request.params.id) }),
  );

  const typesAdmin = (request: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(request);
    if (!mayManageTypes(user.roles)) throw new AppError('FORBIDDEN');
    return user;
  };
  const typesBody = z.object({
    items: z.array(z.object({ code: z.string(), name: z.string(), disabled: z.boolean(), meetings: z.number().describe('使用该类型登记的会议数') })),
  });
  app.get(
    '/supervision/meeting-types',
    { schema: { tags: TAGS, summary: '会议类型（系统管理员、督查办维护）', response: { 200: typesBody } } },
    async (request) => {
      typesAdmin(request);
      return { items: await listTypesWithUsage(db) };
    },
  );
  app.put(
    '/supervision/meeting-types',
    {
      schema: {
        tags: TAGS,
        summary: '保存会议类型：新增、改名、停用；未使用的可删除，已有会议使用的只能停用',
        body: meetingTypesInput,
        response: { 200: typesBody },
      },
    },
    async (request) => {
      const user = typesAdmin(request);
      await saveTypes(db, { input: request.body, actor: actorOf(user, request.ip), actorName: user.displayName, now: deps.clock.now() });
      return { items: await listTypesWithUsage(db) };
    },
  );

  app.post(
    '/supervision/meetings/:id/minutes',
    {
      schema: {
        tags: TAGS,
        summary: '印发会议纪要（按召集单位代字编号，生成 DOCX；印发后会议内容定稿，修改须说明理由）',
        params: meetingParams,
        response: { 200: z.object({ number: z.string() }) },
      },
    },
    async (request) => {
      const w = who(request);
      return issueMinutes(db, { user: w.user, actor: w.actor, meetingId: request.params.id, today: w.today });
    },
  );

  app.get(
    '/supervision/meetings/:id/minutes.docx',
    { schema: { tags: TAGS, summary: '下载会议纪要（DOCX，印发时生成的原件；召集单位和参会者可下载）', params: meetingParams } },
    async (request, reply) => {
      const user = requireUser(request);
      const m = await db
        .selectFrom('sv_meetings as m')
        .select(['m.minutes_docx', 'm.minutes_file_name'])
        .where('m.id', '=', request.params.id)
        .where(fullMeetingSql(user))
        .executeTakeFirst();
      if (!m?.minutes_docx) throw new AppError('NOT_FOUND');
      return sendDownload(reply, {
        bytes: m.minutes_docx,
        type: DOCX_TYPE,
        fileName: m.minutes_file_name!,
        asciiName: `meeting-${request.params.id}-minutes.docx`,
      });
    },
  );

  app.get(
    '/supervision/meeting-decisions/:id',
    {
      schema: {
        tags: TAGS,
        summary: '议定事项所属的会议（督办事项的来源链接）',
        params: z.object({ id }),
        response: { 200: z.object({ meetingId: z.number() }) },
      },
    },
    async (request) => ({ meetingId: await decisionMeetingId(db, requireUser(request), request.params.id) }),
  );

  app.get(
    '/work-items/:id/meetings',
    {
      schema: {
        tags: TAGS,
        summary: '研究过该事项的会议（事项本人可见，会议按会议的可见范围）',
        params: z.object({ id }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ meetingId: z.number(), typeName: z.string(), name: z.string(), heldOn: z.string(), topic: z.string(), href: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => ({ items: await itemMeetings(db, deps.modules, requireUser(request), request.params.id) }),
  );
}
