import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { requireUser } from '../../../core/access/guards.ts';
import { actorOf } from '../../../core/auth/session-user.ts';
import { sessionUserSchema } from '../../../core/auth/user-schema.ts';
import { ROLE_CODES, ROLES } from '../../../core/access/roles.ts';
import { UNIT_KINDS } from './unit-kinds.ts';
import { createUnit, getUnit, listUnits, setGroupMembers, updateUnit } from './units.ts';
import { createUser, getUser, listUsers, resetPassword, unlockUser, updateUser } from './users.ts';
import { createLeader, listLeaders, updateLeader } from './leaders.ts';
import { safeString, searchText, int32, page } from '../../../core/http/input.ts';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const name = safeString().trim().min(1).max(100);
const code = safeString().trim().min(1).max(40);

const unitSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  fullName: z.string().nullable().describe('机关全称（文书落款），如 青岚县龙蚕镇人民政府；空则用单位名称'),
  kind: z.string(),
  kindName: z.string(),
  path: z.string(),
  level: z.number(),
  sort: z.number(),
  disabled: z.boolean(),
});
const unitDetailSchema = unitSchema.extend({
  members: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string(), duty: z.string().nullable() })),
  memberOf: z.array(z.object({ id: z.number(), name: z.string(), duty: z.string().nullable() })),
});
const adminUserSchema = sessionUserSchema.extend({
  disabled: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
});
const leaderSchema = z.object({
  id: z.number(),
  name: z.string(),
  title: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  userId: z.number().nullable(),
  portfolio: z.array(z.string()),
  overseesUnitIds: z.array(z.number()),
  sort: z.number(),
  disabled: z.boolean(),
});
const leaderBody = z.object({
  name,
  title: name,
  unitId: z.number().int().positive(),
  userId: z.number().int().positive().nullable().optional(),
  portfolio: z.array(safeString().trim().min(1).max(50)).max(30).optional(),
  overseesUnitIds: z.array(z.number().int().positive()).max(500).optional(),
  sort: int32(-2_147_483_648).optional(),
  disabled: z.boolean().optional(),
});

/** Units, group membership, county leaders, users and the role catalogue (系统管理). */
export async function orgRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const ctx = (request: Parameters<typeof requireUser>[0]) => {
    const user = requireUser(request);
    return { db, user, actor: actorOf(user, request.ip), now: deps.clock.now() };
  };

  app.get(
    '/roles',
    {
      schema: {
        tags: ['org'],
        summary: '角色目录',
        response: {
          200: z.object({
            items: z.array(z.object({ code: z.string(), name: z.string(), description: z.string(), countyWide: z.boolean(), readOnly: z.boolean() })),
          }),
        },
      },
    },
    async (request) => {
      requireUser(request);
      return { items: [...ROLES] };
    },
  );

  // ── units ──
  app.get(
    '/units',
    {
      schema: {
        tags: ['org'],
        summary: '单位列表（按数据范围，树序平铺）',
        querystring: z.object({ includeDisabled: boolQuery.optional() }),
        response: { 200: z.object({ items: z.array(unitSchema) }) },
      },
    },
    async (request) => {
      const { user } = ctx(request);
      return { items: await listUnits({ db, user, includeDisabled: request.query.includeDisabled }) };
    },
  );

  app.get(
    '/units/:id',
    {
      schema: { tags: ['org'], summary: '单位详情（含成员单位）', params: idParams, response: { 200: unitDetailSchema } },
    },
    async (request) => getUnit({ db, user: requireUser(request), id: request.params.id }),
  );

  app.post(
    '/units',
    {
      schema: {
        tags: ['org'],
        summary: '新建单位',
        body: z.object({
          parentId: z.number().int().positive(),
          code,
          name,
          kind: z.enum(UNIT_KINDS),
          shortName: safeString().trim().max(50).nullable().optional(),
          fullName: safeString().trim().max(100).nullable().optional().describe('机关全称（文书落款）'),
          sort: int32(-2_147_483_648).optional(),
        }),
        response: { 201: unitSchema },
      },
    },
    async (request, reply) => {
      const unit = await createUnit({ ...ctx(request), input: request.body });
      return reply.status(201).send(unit);
    },
  );

  app.patch(
    '/units/:id',
    {
      schema: {
        tags: ['org'],
        summary: '修改单位（名称、简称、编码、排序、停用）',
        params: idParams,
        body: z.object({
          name: name.optional(),
          shortName: safeString().trim().max(50).nullable().optional(),
          fullName: safeString().trim().max(100).nullable().optional().describe('机关全称（文书落款）'),
          code: code.optional(),
          sort: int32(-2_147_483_648).optional(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: unitSchema },
      },
    },
    async (request) => updateUnit({ ...ctx(request), id: request.params.id, input: request.body }),
  );

  app.put(
    '/units/:id/members',
    {
      schema: {
        tags: ['org'],
        summary: '设置领导小组/联席会议的成员单位',
        params: idParams,
        body: z.object({
          memberIds: z.array(z.number().int().positive()).max(500),
          duty: safeString().trim().max(200).nullable().optional(),
          duties: z.record(z.string(), safeString().trim().max(200)).optional(),
        }),
        response: { 200: z.object({ members: z.array(z.object({ id: z.number(), name: z.string(), duty: z.string().nullable() })) }) },
      },
    },
    async (request) => ({
      members: await setGroupMembers({
        ...ctx(request),
        id: request.params.id,
        memberIds: request.body.memberIds,
        duty: request.body.duty,
        duties: request.body.duties,
      }),
    }),
  );

  // ── leaders ──
  app.get(
    '/leaders',
    {
      schema: {
        tags: ['org'],
        summary: '县领导及分管领域',
        querystring: z.object({ includeDisabled: boolQuery.optional() }),
        response: { 200: z.object({ items: z.array(leaderSchema) }) },
      },
    },
    async (request) => {
      requireUser(request);
      return { items: await listLeaders({ db, includeDisabled: request.query.includeDisabled }) };
    },
  );

  app.post(
    '/leaders',
    {
      schema: { tags: ['org'], summary: '新增县领导', body: leaderBody, response: { 201: leaderSchema } },
    },
    async (request, reply) => reply.status(201).send(await createLeader({ ...ctx(request), input: request.body })),
  );

  app.patch(
    '/leaders/:id',
    {
      schema: {
        tags: ['org'],
        summary: '修改县领导（职务、分管领域、联系单位、停用）',
        params: idParams,
        body: leaderBody.partial(),
        response: { 200: leaderSchema },
      },
    },
    async (request) => updateLeader({ ...ctx(request), id: request.params.id, input: request.body }),
  );

  // ── users ──
  app.get(
    '/users',
    {
      schema: {
        tags: ['org'],
        summary: '人员列表（按数据范围）',
        querystring: z.object({
          unitId: z.coerce.number().int().positive().optional(),
          q: searchText.optional(),
          role: z.enum(ROLE_CODES).optional(),
          disabled: boolQuery.optional(),
          page,
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ items: z.array(adminUserSchema), total: z.number() }) },
      },
    },
    async (request) => {
      const c = ctx(request);
      return listUsers({ db, user: c.user, now: c.now, query: { ...request.query, q: request.query.q || undefined } });
    },
  );

  app.get(
    '/users/:id',
    {
      schema: { tags: ['org'], summary: '人员详情', params: idParams, response: { 200: adminUserSchema } },
    },
    async (request) => getUser({ ...ctx(request), id: request.params.id }),
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['org'],
        summary: '新建人员账号（不填密码则随机生成并仅返回一次）',
        body: z.object({
          username: safeString().trim().min(3).max(32),
          displayName: name,
          unitId: z.number().int().positive(),
          roles: z.array(z.enum(ROLE_CODES)).min(1).max(ROLE_CODES.length),
          password: safeString().min(1).max(256).optional(),
        }),
        response: { 201: z.object({ user: adminUserSchema, initialPassword: z.string().optional() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser({ ...ctx(request), input: { ...request.body, roles: [...new Set(request.body.roles)] } })),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['org'],
        summary: '修改人员（姓名、单位、角色、停用）',
        params: idParams,
        body: z.object({
          displayName: name.optional(),
          unitId: z.number().int().positive().optional(),
          roles: z.array(z.enum(ROLE_CODES)).min(1).max(ROLE_CODES.length).optional(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: adminUserSchema },
      },
    },
    async (request) =>
      updateUser({
        ...ctx(request),
        id: request.params.id,
        input: { ...request.body, roles: request.body.roles ? [...new Set(request.body.roles)] : undefined },
      }),
  );

  app.post(
    '/users/:id/reset-password',
    {
      schema: { tags: ['org'], summary: '重置密码（返回新的随机密码，仅显示一次）', params: idParams, response: { 200: z.object({ password: z.string() }) } },
    },
    async (request) => resetPassword({ ...ctx(request), id: request.params.id }),
  );

  app.post(
    '/users/:id/unlock',
    {
      schema: { tags: ['org'], summary: '解除登录限制（清除该账号在各地址的登录等待）', params: idParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await unlockUser({ ...ctx(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );
}
