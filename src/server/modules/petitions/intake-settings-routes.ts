import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { requireAnyRole, requireUser } from '../../core/access/guards.ts';
import { loadIntakeSettings, saveIntakeSettings } from './intake-settings.ts';
import { safeString } from '../../core/http/input.ts';

const rule = z.object({ max: z.number().int().min(1, '代表人数上限至少为 1').max(50), source: safeString().trim().min(2, '请填写依据').max(200) });
const intakeSettings = z.object({
  collectiveMinPersons: z.number().int().min(2, '集体访人数至少为 2').max(1000),
  representatives: rule.extend({ byProvince: z.record(safeString().regex(/^\d{2}$/, '省级代码应为两位数字'), rule).default({}) }),
});

/** 信访登记设置 (admin): 集体访人数阈值, 集体访代表人数上限 with its source, per province. */
export async function petitionIntakeSettingsRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  app.get(
    '/settings/petition-intake',
    { schema: { tags: ['settings'], summary: '信访登记设置：集体访人数阈值、集体访代表人数上限及依据（含分省规定）', response: { 200: intakeSettings } } },
    async (request) => {
      requireUser(request);
      return loadIntakeSettings(db);
    },
  );
  app.put(
    '/settings/petition-intake',
    { schema: { tags: ['settings'], summary: '修改信访登记设置（系统管理员；记入审计）', body: intakeSettings, response: { 200: intakeSettings } } },
    async (request) => {
      const user = requireAnyRole(request, ['sys_admin']);
      const actor = { userId: user.id, name: user.displayName, unitId: user.unitId, ip: request.ip };
      return db.transaction().execute((trx) => saveIntakeSettings(trx, { input: request.body, actor }));
    },
  );
}
