import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../../../app.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { splitCaseNo } from '../../../kernel/numbering/index.ts';
import { PETITION_MODULE } from '../descriptor.ts';
import { findRule } from '../../../core/clock/legal-rules.ts';
import { purgeExpiredUploads } from '../../../core/files/uploads.ts';
import { receiveUpload } from '../../../core/files/receive-upload.ts';
import { loadOnlineIntakeOwner } from '../register-online.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { DOCX_TYPE } from '../../../core/documents/index.ts';
import { createCaptcha } from './captcha.ts';
import { issueTrackToken, loadCitizenCase, loadCitizenDocument, matchTrack, resolveTrackToken, PETITIONER_ACTIONS } from './citizen-case.ts';
import { performAsPetitioner } from './petitioner-actions.ts';
import { portalGuidance } from './guidance.ts';
import { bucketOf, check, count, hit, loadLimits, purgeOldCounters } from './rate-limit.ts';
import { submitPetition } from './submit-petition.ts';
import { createPortalIntake } from './portal-intake.ts';
import { actionBodies, citizenCaseSchema, guidanceBody, idempotencyKey, submitBody, submitResponse, trackBody } from './schemas.ts';
import { MATTER_TYPE_INFO, NOTICE_VERSION, PORTAL_LIMITS, PORTAL_PLACE_KINDS, PRIVACY_NOTICE } from './portal-texts.ts';

const TAGS = ['portal'];
const tree = z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), children: z.array(z.object({ id: z.number(), name: z.string() })) })) });

function keyHeader(request: FastifyRequest): string {
  const parsed = idempotencyKey.safeParse(request.headers['idempotency-key']);
  if (!parsed.success) throw new AppError('PORTAL_IDEMPOTENCY_KEY_REQUIRED', {}, { field: 'Idempotency-Key' });
  return parsed.data;
}
const trackToken = (request: FastifyRequest) => {
  const h = request.headers['x-track-token'];
  return typeof h === 'string' ? h : undefined;
};
const retryAfter = (reply: FastifyReply) => (seconds: number) => void reply.header('Retry-After', String(seconds));
const citizen = (request: FastifyRequest): Actor => ({ userId: null, name: '信访人（网上）', unitId: null, ip: request.ip });

/**
 * 网上信访 for citizens, under /api/v1/portal: no staff session and no cookie (the console's CSRF rule
 * does not apply to a request without a session). Citizens are identified per case by the track token
 * that case number + 查询码 (+ phone tail) buy. Every answer is JSON; the web escapes what it shows.
 */
export async function portalRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const intake = createPortalIntake(db, deps.keys);

  await app.register(
    async (scope) => {
      const portal = scope.withTypeProvider<ZodTypeProvider>() as unknown as App;
      await portal.register(multipart, { limits: { fileSize: PORTAL_LIMITS.maxFileBytes, files: 1, fields: 5, parts: 6 } });

      portal.get(
        '/meta',
        {
          schema: {
            tags: TAGS,
            summary: '网上信访：县名、受理单位、个人信息处理告知、事项类型说明、附件与字数限制、受理/办理/延长/评价/复查申请/复查答复期限（日）',
          },
        },
        async () => {
          const province = deps.config.province;
          const [root, owner, evalRule, reviewRule, acceptRule, handleRule, extendRule, reviewAnswerRule] = await Promise.all([
            db.selectFrom('units').select('name').where('parent_id', 'is', null).where('disabled', '=', false).orderBy('id').executeTakeFirst(),
            loadOnlineIntakeOwner(db),
            findRule(db, 'xf.eval.window', province),
            findRule(db, 'xf.fucha.apply', province),
            findRule(db, 'xf.dept.route', province),
            findRule(db, 'xf.handle', province),
            findRule(db, 'xf.handle.ext', province),
            findRule(db, 'xf.fucha.answer', province),
          ]);
          const intake = await db.selectFrom('units').select('name').where('id', '=', owner.unitId).executeTakeFirstOrThrow();
          return {
            countyName: root?.name ?? '',
            intakeUnitName: intake.name,
            noticeVersion: NOTICE_VERSION,
            notice: PRIVACY_NOTICE,
            matterTypes: MATTER_TYPE_INFO.map((m) => ({ ...m })),
            limits: { ...PORTAL_LIMITS, accept: [...PORTAL_LIMITS.accept] },
            evaluationDays: evalRule.amount,
            reviewApplyDays: reviewRule.amount,
            // the 办事指南's periods, from the same legal rules the deadlines are computed by
            acceptDays: acceptRule.amount,
            handleDays: handleRule.amount,
            handleExtendDays: extendRule.amount,
            reviewAnswerDays: reviewAnswerRule.amount,
          };
        },
      );

      portal.get('/categories', { schema: { tags: TAGS, summary: '网上信访：问题类别（启用的两级类别）', response: { 200: tree } } }, async () => {
        const rows = await db
          .selectFrom('petition_categories')
          .select(['id', 'parent_id', 'name'])
          .where('disabled', '=', false)
          .orderBy('sort')
          .orderBy('id')
          .execute();
        return {
          items: rows
            .filter((r) => r.parent_id === null)
            .map((p) => ({
              id: Number(p.id),
              name: p.name,
              children: rows.filter((c) => Number(c.parent_id) === Number(p.id)).map((c) => ({ id: Number(c.id), name: c.name })),
            })),
        };
      });

      portal.get('/places', { schema: { tags: TAGS, summary: '网上信访：问题发生地（乡镇/街道 → 村/社区）', response: { 200: tree } } }, async () => {
        const rows = await db
          .selectFrom('units')
          .select(['id', 'parent_id', 'name', 'kind'])
          .where('kind', 'in', [...PORTAL_PLACE_KINDS])
          .where('disabled', '=', false)
          .orderBy('sort')
          .orderBy('id')
          .execute();
        const top = rows.filter((r) => r.kind === 'township' || r.kind === 'street');
        return {
          items: top.map((t) => ({
            id: Number(t.id),
            name: t.name,
            children: rows
              .filter((c) => Number(c.parent_id) === Number(t.id) && (c.kind === 'village' || c.kind === 'community'))
              .map((c) => ({ id: Number(c.id), name: c.name })),
          })),
        };
      });

      portal.post(
        '/captcha',
        {
          schema: {
            tags: TAGS,
            summary:
              '网上信访：获取验证码（10 分钟内有效，只能使用一次）：离线生成的数字图片（PNG）与一道工作量证明——找出 nonce，使 SHA-256("<id>:<nonce>") 以 pow.bits 个 0 比特开头。' +
              'accessible=true 为无障碍验证：没有图片、工作量为 4 倍、每个地址每小时限量',
            body: z.object({ accessible: z.boolean().default(false) }).nullish(),
            response: {
              200: z.object({
                id: z.string(),
                image: z.string().nullable(),
                answerLength: z.number(),
                pow: z.object({ bits: z.number() }),
                accessible: z.boolean(),
              }),
            },
          },
        },
        async (request, reply) => {
          const now = deps.clock.now();
          const limits = await loadLimits(db);
          const accessible = request.body?.accessible ?? false;
          await hit(db, { bucket: bucketOf(deps.keys, 'captchaPerIp', request.ip), limit: limits.captchaPerIp, now, setRetryAfter: retryAfter(reply) });
          if (accessible)
            await hit(db, {
              bucket: bucketOf(deps.keys, 'captchaAccessiblePerIp', request.ip),
              limit: limits.captchaAccessiblePerIp,
              now,
              setRetryAfter: retryAfter(reply),
            });
          await purgeOldCounters(db, now);
          return createCaptcha(db, { now, accessible, powBits: deps.config.captchaPowBits, testAnswer: deps.config.captchaTestAnswer });
        },
      );

      portal.post(
        '/attachments',
        {
          schema: {
            tags: TAGS,
            summary: '网上信访：上传一个附件（multipart 字段 file；JPG/PNG/PDF，按内容识别类型；24 小时内提交有效）',
            response: { 200: z.object({ token: z.string(), name: z.string(), size: z.number(), type: z.string() }) },
          },
        },
        async (request, reply) => {
          const now = deps.clock.now();
          const limits = await loadLimits(db);
          await hit(db, { bucket: bucketOf(deps.keys, 'uploadPerIp', request.ip), limit: limits.uploadPerIp, now, setRetryAfter: retryAfter(reply) });
          const upload = await receiveUpload(request, { db, dataDir: deps.config.dataDir, limits: PORTAL_LIMITS, now });
          await purgeExpiredUploads(db, { dataDir: deps.config.dataDir, now }).catch((err: unknown) =>
            request.log.warn({ err }, 'purge of expired uploads failed'),
          );
          return upload;
        },
      );

      portal.post(
        '/guidance',
        {
          schema: {
            tags: TAGS,
            summary: '网上信访：提交前指引（应走诉讼、仲裁、行政复议途径的事项；身份证号与手机号均相符时提示本人未办结的事项）',
            body: guidanceBody,
            response: {
              200: z.object({
                legalRoute: z.object({ kind: z.enum(['litigation', 'arbitration', 'reconsideration']), title: z.string(), text: z.string() }).nullable(),
                openCases: z.array(z.object({ caseNoTail: z.string(), receivedDate: z.string(), stateName: z.string() })),
              }),
            },
          },
        },
        async (request, reply) => {
          const limits = await loadLimits(db);
          // looking up open cases by ID + phone is a lookup of a person: limited like a submission
          if (request.body.idNumber && request.body.phone)
            await hit(db, {
              bucket: bucketOf(deps.keys, 'submitPerIp', request.ip),
              limit: limits.submitPerIp,
              now: deps.clock.now(),
              setRetryAfter: retryAfter(reply),
            });
          return portalGuidance({ db, keys: deps.keys, input: request.body });
        },
      );

      portal.post(
        '/petitions',
        {
          schema: {
            tags: TAGS,
            summary: '网上信访：提交信访事项（须 Idempotency-Key 请求头：同一编号重试只登记一次；按 IP 与手机号限流；须验证码与同意个人信息处理告知）',
            body: submitBody,
            response: { 200: submitResponse },
          },
        },
        async (request, reply) =>
          submitPetition({
            db,
            keys: deps.keys,
            intake,
            body: request.body,
            idempotencyKey: keyHeader(request),
            ip: request.ip,
            now: deps.clock.now(),
            setRetryAfter: retryAfter(reply),
          }),
      );

      portal.post(
        '/track',
        {
          schema: {
            tags: TAGS,
            summary: '网上信访：凭信访件编号、查询码（实名事项另加登记手机号后四位）查询，返回 30 分钟有效的查询凭证',
            body: trackBody,
            response: { 200: z.object({ token: z.string(), case: citizenCaseSchema }) },
          },
        },
        async (request, reply) => {
          const now = deps.clock.now();
          const limits = await loadLimits(db);
          // failures are counted per address and case number (a short wait) and per address (a longer one), never per
          // case alone: someone guessing codes cannot lock the petitioner out; a refusal says in how many minutes to retry
          const failures = [
            {
              bucket: bucketOf(
                deps.keys,
                'trackFailuresPerCase',
                `${request.ip}\u0000${splitCaseNo(request.body.caseNo, [PETITION_MODULE.caseNoPrefix]).rest.toUpperCase()}`,
              ),
              limit: limits.trackFailuresPerCase,
            },
            { bucket: bucketOf(deps.keys, 'trackFailuresPerIp', request.ip), limit: limits.trackFailuresPerIp },
          ];
          for (const f of failures) await check(db, { ...f, now, setRetryAfter: retryAfter(reply) });
          const id = await matchTrack(db, request.body);
          if (id === null) {
            for (const f of failures) await count(db, { ...f, now });
            throw new AppError('PORTAL_TRACK_NOT_FOUND');
          }
          const token = await issueTrackToken(db, { petitionId: id, now });
          return { token, case: await loadCitizenCase(db, { modules: deps.modules, petitionId: id, now }) };
        },
      );

      portal.get(
        '/case',
        { schema: { tags: TAGS, summary: '网上信访：办理进展（X-Track-Token 请求头）', response: { 200: citizenCaseSchema } } },
        async (request) => {
          const now = deps.clock.now();
          const id = await resolveTrackToken(db, { token: trackToken(request), now });
          return loadCitizenCase(db, { modules: deps.modules, petitionId: id, now });
        },
      );

      portal.get(
        '/documents/:id',
        {
          schema: {
            tags: TAGS,
            summary: '网上信访：下载送达信访人的文书（受理告知书、处理意见书等；X-Track-Token 请求头）',
            params: z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }),
          },
        },
        async (request, reply) => {
          const id = await resolveTrackToken(db, { token: trackToken(request), now: deps.clock.now() });
          const doc = await loadCitizenDocument(db, { petitionId: id, documentId: request.params.id });
          return sendDownload(
            reply,
            { bytes: doc.bytes, type: DOCX_TYPE, fileName: doc.fileName, asciiName: `document-${request.params.id}.docx` },
            'no-store',
          );
        },
      );

      portal.post(
        '/case/actions/:code',
        {
          schema: {
            tags: TAGS,
            summary: '网上信访：信访人评价（evaluate）、申请复查/复核（apply_review）、撤回（withdraw）；须 X-Track-Token 与 Idempotency-Key 请求头',
            params: z.object({ code: z.enum(PETITIONER_ACTIONS) }),
            body: z.record(z.string(), z.unknown()).optional(),
            response: { 200: citizenCaseSchema },
          },
        },
        async (request) => {
          const now = deps.clock.now();
          const id = await resolveTrackToken(db, { token: trackToken(request), now });
          const key = keyHeader(request);
          const body = actionBodies[request.params.code].parse(request.body ?? {});
          await performAsPetitioner({
            db,
            keys: deps.keys,
            petitionId: id,
            action: request.params.code,
            body,
            idempotencyKey: key,
            actor: citizen(request),
            now,
          });
          return loadCitizenCase(db, { modules: deps.modules, petitionId: id, now });
        },
      );
    },
    { prefix: '/portal' },
  );
}
