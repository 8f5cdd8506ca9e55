import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireCan } from '../../../core/access/guards.ts';
import { verifyAuditChain } from '../../../core/audit/audit-chain.ts';
import { auditKeysOf } from '../../../core/audit/audit-key.ts';
import { checkpointFileName, readCheckpoint, takeCheckpoint } from '../../../core/audit/checkpoint.ts';
import { AppError } from '../../../core/errors.ts';
import { sendDownload } from '../../../core/http/send-download.ts';
import { actionName, allActionLabels, ENTITY_LABELS } from './action-labels.ts';
import { listAuditEvents } from './list-audit-events.ts';
import { isoDateOrDateTime, safeString, page } from '../../../core/http/input.ts';

const bound = isoDateOrDateTime;

const changeSchema = z.enum(['added', 'removed', 'changed', 'same']);

const eventSchema = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  actorUnitId: z.number().nullable(),
  actorUnitName: z.string().nullable().describe('操作人所在单位名称'),
  ip: z.string().nullable(),
  action: z.string(),
  actionName: z.string().describe('操作的中文名称（未登记的操作显示其代码）'),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  unitNames: z.record(z.string(), z.string()).describe('本事件涉及的单位：单位编号 → 名称（操作人单位、单位对象、各 unitId 字段）'),
  entityName: z.string().nullable().describe('对象的名称：事项为案件编号，单位、用户为名称，期限为案件编号与期限名称'),
  detail: z.string().describe('经过的文字说明：编号换成名称，不含字段代码'),
  fields: z
    .array(z.object({ path: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable(), change: changeSchema }))
    .describe('记录的各字段：中文名称，值为可读文字（编号换成名称，时间按北京时间）'),
  technical: z
    .array(z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable(), change: changeSchema }))
    .describe('没有中文名称或可读形式的字段（原样，供技术核查）'),
});

/** 审计日志: read the hash-chained trail and verify it (system administrators and auditors). */
export async function auditRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/audit/events',
    {
      schema: {
        tags: ['audit'],
        summary: '查询审计日志（系统管理员、审计员），按时间倒序',
        querystring: z.object({
          action: safeString().max(100).optional().describe('操作代码；以 .* 结尾表示前缀，如 auth.*'),
          entityType: safeString().max(100).optional(),
          entityId: safeString().max(100).optional(),
          actorId: z.coerce.number().int().positive().optional(),
          actor: safeString().max(100).optional().describe('操作人姓名（部分匹配）'),
          from: bound.optional(),
          to: bound.optional(),
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ items: z.array(eventSchema), total: z.number() }) },
      },
    },
    async (request) => {
      requireCan(request, 'audit.read');
      return listAuditEvents({ db, modules: deps.modules, query: request.query });
    },
  );

  app.get(
    '/audit/vocabulary',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志的操作与对象类型名称（用于筛选）',
        response: {
          200: z.object({
            actions: z.array(z.object({ code: z.string(), name: z.string() })),
            entityTypes: z.array(z.object({ code: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (request) => {
      requireCan(request, 'audit.read');
      const pairs = (m: Readonly<Record<string, string>>) => Object.entries(m).map(([code, name]) => ({ code, name }));
      return { actions: pairs(allActionLabels(deps.modules)), entityTypes: pairs(ENTITY_LABELS) };
    },
  );

  const nameOf = (action: string) => actionName(deps.modules, action);

  app.post(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: '校验审计链（系统管理员、审计员）；可附上此前导出的检查点，链须仍经过其链头；只读，不写审计事件',
        body: z
          .object({
            checkpoints: z.array(z.unknown()).max(100).optional().describe('此前导出的审计检查点（文件内容原样提交）；签名不符时答 400'),
          })
          .nullish(),
        response: {
          200: z.object({
            ok: z.boolean(),
            count: z.number(),
            checkpoints: z.number().describe('核对过的检查点个数'),
            brokenSeq: z.number().optional(),
            reason: z.string().optional(),
            action: z.string().nullable().optional().describe('首个问题事件的操作代码（事件已被删除时为空）'),
            actionName: z.string().nullable().optional().describe('首个问题事件的操作名称'),
          }),
        },
      },
    },
    async (request) => {
      requireCan(request, 'audit.read');
      const keys = auditKeysOf(db);
      const checkpoints = (request.body?.checkpoints ?? []).map((c) => readCheckpoint(keys, c));
      const result = await verifyAuditChain(db, { checkpoints, actionName: nameOf });
      return result.ok
        ? { ok: true, count: result.count, checkpoints: checkpoints.length }
        : {
            ok: false,
            count: result.count,
            checkpoints: checkpoints.length,
            brokenSeq: result.brokenSeq,
            reason: result.reason,
            action: result.action,
            actionName: result.action === null ? null : nameOf(result.action),
          };
    },
  );

  app.get(
    '/audit/checkpoint',
    {
      schema: {
        tags: ['audit'],
        summary: '导出审计检查点（系统管理员、审计员）：校验整条链后，对当前链头签名，下载 JSON 文件；请保存在服务器之外',
        description:
          '日后用 `anwen audit verify --checkpoint 文件`（或在审计日志页附上该文件校验）核对：链尾被删除、链头被移回或此前事件被改写时校验失败。链已被破坏时答 409，不导出。',
      },
    },
    async (request, reply) => {
      requireCan(request, 'audit.read');
      const taken = await takeCheckpoint(db, { now: deps.clock.now(), actionName: nameOf });
      if (!taken.ok) throw new AppError('AUDIT_CHAIN_BROKEN', { detail: taken.result.reason }, { brokenSeq: taken.result.brokenSeq });
      const name = checkpointFileName(taken.checkpoint);
      return sendDownload(reply, {
        bytes: Buffer.from(`${JSON.stringify(taken.checkpoint, null, 2)}\n`),
        type: 'application/json; charset=utf-8',
        fileName: name,
        asciiName: name,
      });
    },
  );
}
