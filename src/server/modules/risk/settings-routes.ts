import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { App, AppDeps } from '../../app.ts';
import type { DB } from '../../core/db/schema.ts';
import { requireAnyRole, requireUser } from '../../core/access/guards.ts';
import { actorOf } from '../../core/auth/session-user.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { text } from '../../core/http/input.ts';
import { loadRiskConfig } from './config.ts';

const TAGS = ['risk'];
/** 维稳办 owns the procedure; the administrator may set it up. */
const EDITORS = ['wwb_staff', 'sys_admin'] as const;
const GATES = ['dimensions', 'level', 'decision', 'followUp'] as const;
const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '代码应为小写字母开头的字母、数字或下划线');

const stepSchema = z.object({
  code: code.optional().describe('步骤代码（新增时可不填，自动生成）'),
  name: text(40).describe('步骤名称'),
  gate: z.enum(GATES).nullable().describe('办结条件'),
  evidence: text(100).nullable().describe('须附的佐证材料'),
  minRules: z.array(z.string().max(60)).max(5).describe('最短期限规则'),
});
const archiveSchema = z.object({ code: code.optional(), name: text(60).describe('档案资料名称') });
const targetSchema = z.object({
  month: z.number().int().min(1).max(12).describe('完成时限（月）'),
  day: z.number().int().min(1).max(31).describe('完成时限（日）'),
  countedKinds: z
    .array(z.enum(['project', 'decision', 'event']))
    .max(3)
    .optional()
    .describe('默认纳入上级考核的事项类别（登记时预选，可逐项调整）'),
});
const changed = z.object({ at: z.string().nullable(), by: z.string().nullable() });

function refuse(detail: string, field?: string): never {
  throw new AppError('RISK_SETTINGS_REJECTED', { detail }, field ? { field } : undefined);
}

const sourceOf = (rows: readonly { key: string; value: unknown }[], key: string): string | null => {
  const v = rows.find((r) => r.key === key)?.value as { source?: unknown } | undefined;
  return typeof v?.source === 'string' ? v.source : null;
};

/** The saved value's 依据 (source), kept when the items change. */
async function keptSource(db: Pick<Transaction<DB>, 'selectFrom'>, key: string): Promise<{ source?: string }> {
  const old = await db.selectFrom('settings').select(['key', 'value']).where('key', '=', key).executeTakeFirst();
  const source = old ? sourceOf([old], key) : null;
  return source ? { source } : {};
}

/** The position of the first item whose key repeats an earlier one's, or -1. */
function repeatAt<T>(items: readonly T[], key: (t: T) => string): number {
  const seen = new Set<string>();
  for (const [i, t] of items.entries()) {
    if (seen.has(key(t))) return i;
    seen.add(key(t));
  }
  return -1;
}

/** New items get a code from their position; codes already in use stay (assessments copied them). */
function withCodes<T extends { code?: string | undefined }>(items: readonly T[], prefix: string): (T & { code: string })[] {
  const used = new Set(items.map((i) => i.code).filter(Boolean));
  let n = 1;
  return items.map((i) => {
    if (i.code) return { ...i, code: i.code };
    while (used.has(`${prefix}${n}`)) n++;
    used.add(`${prefix}${n}`);
    return { ...i, code: `${prefix}${n}` };
  });
}

async function save(trx: Transaction<DB>, key: string, value: Record<string, unknown>, actor: Actor, by: string): Promise<void> {
  const before = await trx.selectFrom('settings').select('value').where('key', '=', key).forUpdate().executeTakeFirst();
  await trx
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: new Date(), updated_by: by })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date(), updated_by: by }))
    .execute();
  await appendAudit(trx, actor, { action: 'setting.update', entityType: 'setting', entityId: key, before: before?.value ?? null, after: value });
}

/** 稳评的设置: the procedure's steps with their evidence, the archive checklist and the year's completion target. */
export async function riskSettingsRoutes(app: App, deps: AppDeps): Promise<void> {
  const db = deps.database.db;

  app.get(
    '/risk/settings',
    {
      schema: {
        tags: TAGS,
        summary: '稳评设置：评估步骤及佐证材料、档案资料目录、年度完成时限（含最后修改人和时间）',
        response: {
          200: z.object({
            steps: z.array(stepSchema.extend({ code: z.string() })),
            archive: z.array(archiveSchema.extend({ code: z.string() })),
            target: targetSchema.extend({ source: z.string().nullable().describe('完成时限的依据') }),
            minimumRules: z.array(z.object({ key: z.string(), name: z.string(), text: z.string(), source: z.string() })).describe('可选的最短期限规则及其依据'),
            sources: z.object({ steps: z.string().nullable(), archive: z.string().nullable() }).describe('评估步骤、档案资料目录的依据'),
            changed: z.object({ steps: changed, archive: changed, target: changed }),
            mayEdit: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const [config, rows, rules] = await Promise.all([
        loadRiskConfig(db),
        db
          .selectFrom('settings')
          .select(['key', 'value', 'updated_at', 'updated_by'])
          .where('key', 'in', ['risk.steps', 'risk.archive', 'risk.target'])
          .execute(),
        db
          .selectFrom('legal_rules')
          .select(['key', 'name', 'amount', 'unit', 'source'])
          .where('kind', '=', 'minimum')
          .where('province', '=', '')
          .orderBy('key')
          .execute(),
      ]);
      const who = (key: string) => {
        const r = rows.find((x) => x.key === key);
        return { at: r ? new Date(r.updated_at).toISOString() : null, by: r?.updated_by ?? null };
      };
      return {
        ...config,
        minimumRules: rules.map((r) => ({
          key: r.key,
          name: r.name,
          text: `${r.name}：不少于${r.amount}${r.unit === 'working_days' ? '个工作日' : '日'}`,
          source: r.source,
        })),
        sources: { steps: sourceOf(rows, 'risk.steps'), archive: sourceOf(rows, 'risk.archive') },
        changed: { steps: who('risk.steps'), archive: who('risk.archive'), target: who('risk.target') },
        mayEdit: user.roles.some((r) => (EDITORS as readonly string[]).includes(r)),
      };
    },
  );

  app.put(
    '/risk/settings/steps',
    {
      schema: {
        tags: TAGS,
        summary: '修改稳评评估步骤（县维稳办、系统管理员；只影响此后登记的事项）',
        body: z.object({ steps: z.array(stepSchema).min(1).max(20) }),
      },
    },
    async (request) => {
      const user = requireAnyRole(request, [...EDITORS]);
      const steps = withCodes(request.body.steps, 'step');
      const codeAt = repeatAt(steps, (s) => s.code);
      if (codeAt >= 0) refuse('步骤代码重复', `steps.${codeAt}.code`);
      const nameAt = repeatAt(steps, (s) => s.name);
      if (nameAt >= 0) refuse(`步骤名称“${steps[nameAt]!.name}”重复`, `steps.${nameAt}.name`);
      const gateAt = repeatAt(
        steps.map((s, i) => s.gate ?? `none${i}`),
        (g) => g,
      );
      if (gateAt >= 0) refuse('同一办结条件只能用于一个步骤', `steps.${gateAt}.gate`);
      const decision = steps.findIndex((s) => s.gate === 'decision');
      if (decision < 0) refuse('须有一个以“作出审定决策”办结的步骤（集体研究审定）');
      const after = steps.findIndex((s, i) => i > decision && s.gate !== 'followUp');
      if (after >= 0) refuse('审定决策之后只能是跟踪化解步骤', `steps.${after}.gate`);
      const rules = new Set((await db.selectFrom('legal_rules').select('key').where('kind', '=', 'minimum').execute()).map((r) => r.key));
      const unknownAt = steps.findIndex((s) => s.minRules.some((k) => !rules.has(k)));
      if (unknownAt >= 0) refuse('所选最短期限规则不存在或不是最短期限', `steps.${unknownAt}.minRules`);
      await db
        .transaction()
        .execute(async (trx) =>
          save(trx, 'risk.steps', { steps, ...(await keptSource(trx, 'risk.steps')) }, actorOf(user, request.ip), `${user.displayName}（${user.unitName}）`),
        );
      return { ok: true };
    },
  );

  app.put(
    '/risk/settings/archive',
    {
      schema: {
        tags: TAGS,
        summary: '修改稳评档案资料目录（县维稳办、系统管理员；只影响此后登记的事项）',
        body: z.object({ items: z.array(archiveSchema).min(1).max(40) }),
      },
    },
    async (request) => {
      const user = requireAnyRole(request, [...EDITORS]);
      const items = withCodes(request.body.items, 'doc');
      const codeAt = repeatAt(items, (s) => s.code);
      if (codeAt >= 0) refuse('档案资料代码重复', `items.${codeAt}.code`);
      const nameAt = repeatAt(items, (s) => s.name);
      if (nameAt >= 0) refuse(`档案资料“${items[nameAt]!.name}”重复`, `items.${nameAt}.name`);
      await db
        .transaction()
        .execute(async (trx) =>
          save(
            trx,
            'risk.archive',
            { items, ...(await keptSource(trx, 'risk.archive')) },
            actorOf(user, request.ip),
            `${user.displayName}（${user.unitName}）`,
          ),
        );
      return { ok: true };
    },
  );

  app.put('/risk/settings/target', { schema: { tags: TAGS, summary: '修改稳评年度完成时限（县维稳办、系统管理员）', body: targetSchema } }, async (request) => {
    const user = requireAnyRole(request, [...EDITORS]);
    const { month, day, countedKinds } = request.body;
    // any year: 2月 has at most 29 days (2月29日 would not exist in most years, so it is refused)
    const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
    if (day > days) refuse(`${month}月没有${day}日`, 'day');
    const old = await db.selectFrom('settings').select('value').where('key', '=', 'risk.target').executeTakeFirst();
    const source = (old?.value as { source?: string } | undefined)?.source;
    await db
      .transaction()
      .execute((trx) =>
        save(
          trx,
          'risk.target',
          { month, day, ...(countedKinds ? { countedKinds: [...new Set(countedKinds)] } : {}), ...(source ? { source } : {}) },
          actorOf(user, request.ip),
          `${user.displayName}（${user.unitName}）`,
        ),
      );
    return { ok: true };
  });
}
