import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { AppError } from '../../../core/errors.ts';
import { id, text } from '../../../core/http/input.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { DOCX_TYPE } from '../../../core/documents/index.ts';
import { CAMPAIGN_METHODS, OBJECTION_DECISIONS, isCampaignOffice } from './fields.ts';
import { planCampaign, planInput } from './plan.ts';
import { addRecord, addResponse, decideObjection, decisionInput, recordInput, responseInput } from './findings.ts';
import { issueBulletin } from './bulletin.ts';
import { getCampaign, listCampaigns } from './read.ts';
import { visibleTargets } from './scope.ts';

const TAGS = ['supervision'];
const stage = z.enum(['planned', 'running', 'reporting', 'issued']);
const listRow = z.object({
  id: z.number(),
  name: z.string(),
  methodName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  organiserName: z.string(),
  bulletinNumber: z.string().nullable(),
  bulletinIssuedOn: z.string().nullable(),
  stage,
  stageName: z.string(),
  targets: z.number().describe('被督查单位数（本人可见范围）'),
  problems: z.number().describe('发现问题数（本人可见范围）'),
});
const nullable = z.string().nullable();
const detail = z.object({
  id: z.number(),
  name: z.string(),
  method: z.string(),
  methodName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  basis: nullable,
  checklist: z.array(z.string()),
  organiserName: z.string(),
  stage,
  stageName: z.string(),
  bulletin: z.object({ number: z.string(), issuedOn: z.string(), fileName: z.string(), summary: nullable }).nullable(),
  objection: z.object({
    ruleName: z.string(),
    period: z.string(),
    source: z.string(),
    answerPeriod: z.string(),
    dueDate: nullable,
    open: z.boolean(),
    explanation: nullable,
  }),
  groups: z.array(z.object({ id: z.number(), name: z.string(), leaderName: z.string(), members: z.array(z.string()) })),
  targets: z.array(
    z.object({
      id: z.number(),
      unitId: z.number(),
      unitName: z.string(),
      groupId: z.number(),
      groupName: z.string(),
      records: z.array(
        z.object({
          id: z.number(),
          inspectedOn: z.string(),
          heard: nullable,
          checked: nullable,
          seen: nullable,
          goodPractices: nullable,
          backdateReason: nullable,
          recordedBy: z.string(),
        }),
      ),
      problems: z.array(
        z.object({
          id: z.number(),
          description: z.string(),
          requirement: z.string(),
          dueOn: z.string(),
          taskId: z.number().nullable(),
          taskHref: nullable,
          taskStatusName: z.string(),
          overdue: z.boolean(),
        }),
      ),
      responses: z.array(
        z.object({
          id: z.number(),
          kind: z.enum(['answer', 'objection']),
          kindName: z.string(),
          content: z.string(),
          submittedOn: z.string(),
          submittedBy: z.string(),
          decisionName: nullable,
          decisionNote: nullable,
          decidedOn: nullable,
          decidedBy: nullable,
        }),
      ),
      mayRespond: z.boolean(),
    }),
  ),
  mayRecord: z.boolean(),
  mayIssue: z.boolean(),
  mayDecide: z.boolean(),
});
const campaignParams = z.object({ id });
const targetParams = z.object({ id, targetId: id });

/** 督查: plan, records per target, the 通报 (DOCX) with its tasks, the targets' answers and objections. */
export async function campaignRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const today = () => shanghaiDate(deps.clock.now());
  /** who writes, as every write of a campaign takes it: the signed-in user, the audit actor, today in Shanghai */
  const writer = (request: FastifyRequest) => {
    const user = requireUser(request);
    return { user, actor: actorOf(user, request.ip), today: today() };
  };

  app.get(
    '/supervision/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '督查活动（督查办看全部；被督查单位在通报印发后只看到本单位被督查的活动）',
        response: { 200: z.object({ items: z.array(listRow), mayPlan: z.boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await listCampaigns(db, user, today()), mayPlan: isCampaignOffice(user) };
    },
  );

  app.get(
    '/supervision/campaign-options',
    {
      schema: {
        tags: TAGS,
        summary: '督查方式、复核决定的名称',
        response: {
          200: z.object({
            methods: z.array(z.object({ code: z.string(), name: z.string() })),
            decisions: z.array(z.object({ code: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      const list = (m: Record<string, string>) => Object.entries(m).map(([code, name]) => ({ code, name }));
      return { methods: list(CAMPAIGN_METHODS), decisions: list(OBJECTION_DECISIONS) };
    },
  );

  app.post(
    '/supervision/campaigns',
    {
      schema: {
        tags: TAGS,
        summary: '制定督查方案：名称、时段、督查方式、督查内容、检查组（组长、成员）及各组督查的单位',
        body: planInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      const { user, actor } = writer(request);
      return planCampaign(db, { user, actor, input: request.body });
    },
  );

  app.get(
    '/supervision/campaigns/:id',
    {
      schema: {
        tags: TAGS,
        summary: '督查活动详情：检查组、被督查单位、督查记录、存在问题及其整改督办状态、通报、情况说明与异议（被督查单位只看本单位）',
        params: campaignParams,
        response: { 200: detail },
      },
    },
    async (request) => getCampaign(db, requireUser(request), request.params.id, today()),
  );

  app.post(
    '/supervision/campaigns/:id/targets/:targetId/records',
    {
      schema: {
        tags: TAGS,
        summary: '登记督查记录：一听（听取汇报）、二查（查阅资料）、三看（实地查看）、好的做法与存在问题（可补录）',
        params: targetParams,
        body: recordInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      return addRecord(db, { ...writer(request), campaignId: request.params.id, targetId: request.params.targetId, input: request.body });
    },
  );

  app.post(
    '/supervision/campaigns/:id/bulletin',
    {
      schema: {
        tags: TAGS,
        summary: '印发督查通报（按督查办代字编号，生成 DOCX；存在问题转为督办整改事项）',
        params: campaignParams,
        body: z.object({ summary: text(4000, { min: 0 }).optional().describe('总体情况（可不填）') }),
        response: { 200: z.object({ number: z.string() }) },
      },
    },
    async (request) => {
      return issueBulletin(db, { ...writer(request), campaignId: request.params.id, summary: request.body.summary || null, now: deps.clock.now() });
    },
  );

  app.get(
    '/supervision/campaigns/:id/bulletin.docx',
    { schema: { tags: TAGS, summary: '下载督查通报（DOCX，印发时生成的原件）', params: campaignParams } },
    async (request, reply) => {
      const user = requireUser(request);
      const seen = await visibleTargets(db, user).select('t.id').where('t.campaign_id', '=', request.params.id).limit(1).executeTakeFirst();
      const c = await db.selectFrom('sv_campaigns').select(['bulletin_docx', 'bulletin_file_name']).where('id', '=', request.params.id).executeTakeFirst();
      if (!seen || !c?.bulletin_docx) throw new AppError('NOT_FOUND');
      return sendDownload(reply, {
        bytes: c.bulletin_docx,
        type: DOCX_TYPE,
        fileName: c.bulletin_file_name!,
        asciiName: `campaign-${request.params.id}-bulletin.docx`,
      });
    },
  );

  app.post(
    '/supervision/campaigns/:id/targets/:targetId/responses',
    {
      schema: {
        tags: TAGS,
        summary: '被督查单位对本单位督查结论作情况说明，或在法定期限内提出异议（申请复核）',
        params: targetParams,
        body: responseInput,
        response: { 200: z.object({ id: z.number() }) },
      },
    },
    async (request) => {
      return addResponse(db, { ...writer(request), campaignId: request.params.id, targetId: request.params.targetId, input: request.body });
    },
  );

  app.post(
    '/supervision/campaigns/:id/responses/:responseId/decision',
    {
      schema: {
        tags: TAGS,
        summary: '督查办对异议作出复核决定',
        params: z.object({ id, responseId: id }),
        body: decisionInput,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (request) => {
      await decideObjection(db, { ...writer(request), campaignId: request.params.id, responseId: request.params.responseId, input: request.body });
      return { ok: true as const };
    },
  );
}
