import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App, AppDeps } from '../../app.ts';
import { requireUser } from '../../core/access/guards.ts';
import { AppError } from '../../core/errors.ts';
import { recordUpload } from '../../core/files/uploads.ts';
import { cleanFileName, sniffAllowedType, storeAttachment } from '../../core/files/attachment-store.ts';
import { imageSize, imageWithin } from '../../core/files/image-size.ts';
import { canRegister } from './policy.ts';

const TAGS = ['petitions'];

/** What the counter accepts as a scanned letter or a visit record (a scanner's PDF is larger than a phone photo). */
export const COUNTER_FILE_LIMITS = { maxFileBytes: 20 * 1024 * 1024, maxImageSide: 10_000, maxImagePixels: 50_000_000 } as const;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

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
        let bytes: Buffer;
        let clientName: string | undefined;
        try {
          const file = await request.file();
          if (!file || file.fieldname !== 'file') throw new AppError('PORTAL_FILE_MISSING', {}, { field: 'file' });
          clientName = file.filename;
          bytes = await file.toBuffer();
        } catch (err) {
          if (err instanceof AppError) throw err;
          const code = (err as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PORTAL_FILE_TOO_LARGE', { max: mb(COUNTER_FILE_LIMITS.maxFileBytes) }, { field: 'file' });
          if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
            throw new AppError('PORTAL_FILE_MISSING', {}, { field: 'file' });
          throw err;
        }
        if (bytes.length === 0) throw new AppError('PORTAL_FILE_MISSING', {}, { field: 'file' });
        const { type } = await sniffAllowedType(bytes);
        if (!type) throw new AppError('PORTAL_FILE_TYPE', {}, { field: 'file' });
        const pixels = imageSize(bytes, type);
        if (pixels === null) throw new AppError('PORTAL_IMAGE_INVALID', {}, { field: 'file' });
        if (pixels && !imageWithin(pixels, { maxSide: COUNTER_FILE_LIMITS.maxImageSide, maxPixels: COUNTER_FILE_LIMITS.maxImagePixels }))
          throw new AppError(
            'PORTAL_IMAGE_TOO_LARGE',
            { ...pixels, maxSide: COUNTER_FILE_LIMITS.maxImageSide, maxPixels: COUNTER_FILE_LIMITS.maxImagePixels / 10_000 },
            { field: 'file' },
          );
        const stored = await storeAttachment(deps.config.dataDir, bytes);
        const name = cleanFileName(clientName, type);
        const token = await recordUpload(db, { sha256: stored.sha256, size: stored.size, type, name, now: deps.clock.now() });
        return { token, name, size: stored.size, type };
      },
    );
  });
}
