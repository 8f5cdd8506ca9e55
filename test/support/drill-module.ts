import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { SessionUser } from '../../src/server/core/auth/types.ts';
import { AppError } from '../../src/server/core/errors.ts';
import { isCountyWide } from '../../src/server/core/access/scope.ts';
import { defineMachine } from '../../src/server/kernel/machine/index.ts';
import { moduleVisibleSql, type ModuleDescriptor } from '../../src/server/kernel/catalog/index.ts';
import { createItem, staffOnly, type ModuleActions } from '../../src/server/kernel/actions/index.ts';
import { startDeadline, stopDeadline } from '../../src/server/kernel/deadlines/index.ts';

/**
 * A module that exists only in the tests (演练事项, "drill"): a descriptor and a three-state machine, and
 * nothing else — no shared file names it. The kernel's genericity test registers it beside the real ones.
 */
type DrillState = 'open' | 'working' | 'done';
interface DrillCtx {
  id: number;
  state: DrillState;
}
const handles = (u: SessionUser) => !u.roles.includes('auditor') && !u.roles.includes('county_leader');

export const DRILL_MACHINE = defineMachine<DrillState, DrillCtx, 'start' | 'finish'>({
  states: { open: { name: '待演练' }, working: { name: '演练中' }, done: { name: '演练结束', final: true } },
  actions: {
    start: { name: '开始演练', from: ['open'], to: 'working', policy: staffOnly(handles), input: z.object({ note: z.string().max(200).optional() }) },
    finish: {
      name: '结束演练',
      from: ['working'],
      to: 'done',
      policy: staffOnly(handles),
      input: z.object({ summary: z.string().trim().min(1, '不能为空').max(500) }),
    },
  },
});

/** Its own rule: a drill titled 【保密】 is seen only by county-wide roles (on top of the kernel's scope). */
const drillVisibility = (user: Pick<SessionUser, 'roles' | 'unitPath'>, wi: string) =>
  isCountyWide(user) ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(`${wi}.title`)} not like '【保密】%'`;

export const DRILL_MODULE: ModuleDescriptor = {
  kind: 'yanlian',
  name: '演练',
  // case numbers YL-…: the initials of 演练 (yǎn liàn)
  caseNoPrefix: 'YL',
  detailHref: (id) => `/work-items/${id}`,
  states: DRILL_MACHINE.states,
  visibility: drillVisibility,
  wording: {
    actions: { 'yanlian.create': '演练登记', 'yanlian.start': '开始演练', 'yanlian.finish': '结束演练' },
    describe: (action, _before, after) => {
      const a = (after ?? {}) as { input?: { summary?: string }; occurredOn?: string };
      return action === 'yanlian.finish' ? `演练小结：${a.input?.summary ?? ''}` : action === 'yanlian.start' ? `演练于 ${a.occurredOn ?? ''} 开始` : null;
    },
  },
  overdueRuleKeys: ['xf.handle'],
  messages: {},
  linkKinds: [{ code: 'yanlian_rehearses', forward: '演练针对', reverse: '由…演练' }],
  // its statistics, through the kernel's one mechanism: drills by state and by unit, and the share finished
  stats: {
    title: '演练统计',
    counts: {
      drills: { name: '演练次数', where: () => sql<SqlBool>`true` },
      finished: { name: '已结束', where: () => sql<SqlBool>`f.state_key = 'done'` },
    },
    indicators: [{ key: 'finishRate', name: '完成率', numerator: 'finished', denominator: 'drills', formula: '已结束 ÷ 演练次数', source: '演练预案' }],
    dimensions: {
      state: { name: '状态', labels: async (_db, keys) => new Map(keys.map((k) => [k, DRILL_MACHINE.states[k as DrillState]?.name ?? k])) },
      unit: { name: '演练单位' },
    },
    facts: (scope) => sql`(
      select wi.id, wi.created_at as at, wi.state as state_key, wi.owner_unit_id as unit_key
      from work_items wi
      where wi.module = 'yanlian' and ${scope.visibleSql('wi')}
        and wi.created_at >= ${scope.from}::date and wi.created_at < ${scope.to}::date + 1
    )`,
    itemColumns: { at: '登记时间', values: [{ key: 'state', name: '状态' }] },
    items: async (db, ids) => {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('work_items')
        .select(['id', 'ref_no', 'title', 'state', 'created_at'])
        .where('id', 'in', [...ids])
        .execute();
      return rows.map((r) => ({
        id: Number(r.id),
        no: r.ref_no ?? String(r.id),
        title: r.title,
        at: new Date(r.created_at).toISOString(),
        values: { state: DRILL_MACHINE.states[r.state as DrillState]?.name ?? r.state },
      }));
    },
  },
  // an Excel import of a drill plan, through the kernel's import mechanism (template, per-row report, all or nothing)
  imports: [
    {
      kind: 'yanlian_plan',
      name: '演练计划',
      sheetName: '演练计划',
      columns: [{ key: 'title', header: '演练名称', required: true, width: 30, note: '2–100 字' }],
      rules: '全部无误才导入。',
      maxRows: 100,
      auditAction: 'yanlian.import',
      mayImport: handles,
      validate: async (_db, rows) =>
        rows.map(({ row, cells }) => {
          const title = (cells.title ?? '').trim();
          return title.length >= 2 && title.length <= 100
            ? { row, ok: true, errors: [], value: title }
            : { row, ok: false, errors: ['演练名称：应为 2–100 字'] };
        }),
      write: async (trx, title: string, ctx) => {
        const item = await createItem(trx, { module: DRILL_MODULE, title, state: 'open', ownerUnitId: ctx.user.unitId, actor: ctx.actor, now: ctx.now });
        return { id: item.id, no: item.refNo ?? String(item.id) };
      },
    },
  ],
  documentKinds: [
    {
      kind: 'yanlian_report',
      name: '演练情况报告',
      addressedTo: 'unit',
      defaultTemplate: { title: '关于{title}的情况报告', body: '{unitName}：\n\n演练已按预案完成。' },
    },
  ],
};

export const DRILL_ACTIONS: ModuleActions<DrillState, DrillCtx, { id: number }> = {
  kind: 'yanlian',
  machine: DRILL_MACHINE,
  async load(trx, id, party) {
    let q = trx.selectFrom('work_items as wi').select(['wi.id', 'wi.state']).where('wi.id', '=', id).where('wi.module', '=', 'yanlian');
    if (party.kind === 'staff') q = q.where(moduleVisibleSql(DRILL_MODULE, party.user));
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return { row: { id: Number(row.id) }, ctx: { id: Number(row.id), state: row.state as DrillState } };
  },
  effects: {
    async start(s) {
      await startDeadline(s.trx, { workItemId: s.row.id, ruleKey: 'xf.handle', label: '演练办理期限', startedAt: s.on, actor: s.actor });
    },
    async finish(s) {
      const running = await s.trx.selectFrom('deadlines').select('id').where('work_item_id', '=', s.row.id).where('status', '<>', 'stopped').execute();
      for (const d of running) await stopDeadline(s.trx, { deadlineId: Number(d.id), at: s.at, actor: s.actor });
    },
  },
};
