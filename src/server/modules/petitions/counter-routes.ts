import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../../app.ts';
import { requireUser } from '../../core/access/guards.ts';
import { AppError } from '../../core/errors.ts';
import { receiveUpload } from '../../core/files/receive-upload.ts';
import { canRegister } from './policy.ts';

const TAGS = ['petitions'];

/** What the counter accepts as a scanned letter or a visit record (a scanner's PDF is larger than a phone photo). */
export const COUNTER_FILE_LIMITS = { maxFileBytes: 20 * 1024 * 1024, maxImageSide: 10_000, maxImagePixels: 50_000_000 } as const;

/**
 * The counter's (登记) helpers: a file uploaded before the registration (its claim token goes into POST /petitions as
 * `attachments`, which attaches it in the registration's transaction), and the colleagues who may be named 接待人.
 */
export async function counterRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/petitions/receptionists',
    {
      schema: {
        tags: TAGS,
        summary: '可选的接待人：登记单位在岗的工作人员（默认本人）',
        response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), me: z.boolean() })) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (!canRegister(user)) throw new AppError('FORBIDDEN');
      const rows = await db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('unit_id', '=', user.unitId)
        .where('disabled', '=', false)
        .orderBy('display_name')
        .orderBy('id')
        .limit(500)
        .execute();
      return { items: rows.map((r) => ({ id: Number(r.id), name: r.display_name, me: Number(r.id) === user.id })) };
    },
  );

  await app.register(async (scope) => {
    const counter = scope.withTypeProvider<ZodTypeProvider>() as unknown as App;
    await counter.register(multipart, { limits: { fileSize: COUNTER_FILE_LIMITS.maxFileBytes, files: 1, fields: 2, parts: 3 } });
    counter.post(
      '/petitions/uploads',
      {
        schema: {
          tags: TAGS,
          summary: '登记：上传来信扫描件或来访记录（multipart 字段 file；JPG/PNG/PDF，按内容识别；登记时随事项一并保存，24 小时内有效）',
          response: { 200: z.object({ token: z.string(), name: z.string(), size: z.number(), type: z.string() }) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        if (!canRegister(user)) throw new AppError('FORBIDDEN');
        return receiveUpload(request, { db, dataDir: deps.config.dataDir, limits: COUNTER_FILE_LIMITS, now: deps.clock.now() });
      },
    );
  });
}
