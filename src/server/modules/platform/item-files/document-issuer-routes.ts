import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../../app.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { requireAnyRole, requireUser } from '../../../core/access/guards.ts';
import { getIssuer, setIssuer } from '../../../kernel/documents/index.ts';
import { safeString } from '../../../core/http/input.ts';

const TAGS = ['documents'];
const idParam = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const issuerSchema = z.object({
  unitId: z.number(),
  prefix: z.string().describe('发文代字；未设置时为空'),
  mark: z.string().describe('机关标志；未设置时为单位全称（仅作填写参考）'),
  configured: z.boolean().describe('已设置代字和机关标志；未设置的单位不能出具文书'),
});

const actorOf = (request: FastifyRequest): Actor => {
  const u = requireUser(request);
  return { userId: u.id, name: u.displayName, unitId: u.unitId, ip: request.ip };
};

/** Each issuing unit's 发文代字 and 机关标志, set by a system administrator; a unit without them cannot issue documents. */
export async function documentIssuerRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/units/:id/document-issuer',
    {
      schema: {
        tags: TAGS,
        summary: '单位的发文代字与机关标志（未设置时该单位不能制作文书）',
        params: z.object({ id: idParam }),
        response: { 200: issuerSchema },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return getIssuer(db, request.params.id);
    },
  );

  app.put(
    '/units/:id/document-issuer',
    {
      schema: {
        tags: TAGS,
        summary: '设置单位的发文代字（如 青信）与机关标志（发文机关全称；系统管理员；记入审计）',
        params: z.object({ id: idParam }),
        body: z.object({
          prefix: z
            .string()
            .trim()
            .min(1, '请填写发文代字')
            .max(10)
            .regex(/^[^\s〔〕[\]0-9]+$/, '发文代字不能含空格、方括号或数字'),
          mark: safeString().trim().min(2, '机关标志至少 2 个字').max(40),
        }),
        response: { 200: issuerSchema },
      },
    },
    async (request) => {
      requireAnyRole(request, ['sys_admin']);
      return setIssuer({ db, actor: actorOf(request), unitId: request.params.id, prefix: request.body.prefix, mark: request.body.mark });
    },
  );
}
