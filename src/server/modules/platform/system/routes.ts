import { z } from 'zod';
import type { App, AppDeps } from '../../../app.ts';
import { schemaVersion } from '../../../core/db/migrate.ts';

/** Public facts about this installation (no login needed): what the login page shows. */
export async function systemRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/system/info',
    {
      schema: {
        tags: ['system'],
        summary: '系统信息（无需登录）',
        response: { 200: z.object({ name: z.string(), database: z.enum(['pglite', 'postgres']), schemaVersion: z.string().nullable() }) },
      },
    },
    async () => ({ name: '安稳', database: deps.database.kind, schemaVersion: await schemaVersion(deps.database.db) }),
  );
}
