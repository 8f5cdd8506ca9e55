import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { shanghaiDate } from '../core/clock/clock.ts';
import { asStaff, runAction } from '../kernel/actions/index.ts';
import { createCatalog } from '../kernel/catalog/index.ts';
import { issueDispatch, SUPERVISION_TASK_ACTIONS } from '../modules/supervision/index.ts';
import { MODULES } from '../modules/registry.ts';

export const DEMO_SUPERVISION_KEY = 'seed.demo.supervision';
const DAY = 86_400_000;

/** The notice's tasks: unit, task, 完成时限 (days after issue), and the unit's steps (days after issue). */
const TASKS: { unit: string; title: string; dueIn: number; steps: [day: number, by: 'dcb' | 'zj' | 'lc', action: string, input: Record<string, unknown>][] }[] =
  [
    {
      unit: '青岚县住房和城乡建设局',
      title: '完成城区在建工地脚手架和临边防护隐患整改',
      dueIn: 5,
      steps: [
        [1, 'zj', 'start', { note: '已安排质安站逐个工地排查' }],
        [4, 'zj', 'report', { reportText: '全县在建工地12处已全部整改到位，更换不合格脚手架钢管1.3吨，补设临边防护栏杆460米。' }],
        [6, 'dcb', 'verify', { note: '现场抽查4处工地，整改属实，同意销号。' }],
      ],
    },
    {
      unit: '龙蚕镇',
      title: '完成辖区农村公路临水临崖路段安全防护栏修复',
      dueIn: 20,
      steps: [
        [2, 'lc', 'start', { note: '已组织交管站核实路段' }],
        [10, 'lc', 'report', { reportText: '修复龙头村至蚕丝村段防护栏1.2公里，增设警示标志8块，整改前后照片已存档。' }],
      ],
    },
    { unit: '碧溪乡', title: '完成集镇燃气管道占压隐患整改', dueIn: 7, steps: [] },
    { unit: '城关街道', title: '完成老旧小区电动自行车集中充电设施建设', dueIn: 25, steps: [] },
  ];

/**
 * The demo 督办通知 of the 督查室 (dcb01), issued 12 days ago to four units, each step on its own day (10:00 Shanghai of
 * that day, always in the past): the 住建局's task verified and 销号, 龙蚕镇's reported and waiting for the office, 碧溪乡's
 * past its 完成时限 without a word, 城关街道's not yet signed for.
 */
export async function seedDemoSupervision(opts: { db: Kysely<DB>; now: Date }): Promise<{ seeded: boolean }> {
  if (await opts.db.selectFrom('settings').select('key').where('key', '=', DEMO_SUPERVISION_KEY).executeTakeFirst()) return { seeded: false };
  let at = opts.now;
  const db = withAuditTime(opts.db, () => at);
  const userOf = async (username: string): Promise<SessionUser | null> => {
    const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
    return row ? toSessionUser(row) : null;
  };
  const who = { dcb: await userOf('dcb01'), zj: await userOf('liaison_zj'), lc: await userOf('town_lc01') };
  if (!who.dcb || !who.zj || !who.lc) return { seeded: false };
  if (!(await db.selectFrom('document_issuers').select('unit_id').where('unit_id', '=', who.dcb.unitId).executeTakeFirst())) return { seeded: false };
  const units = await db.selectFrom('units').select(['id', 'name']).where('disabled', '=', false).execute();
  const unitId = (name: string) => Number(units.find((u) => u.name === name)?.id ?? 0);
  const tasks = TASKS.filter((x) => unitId(x.unit) > 0);
  if (tasks.length < 3) return { seeded: false };
  const ISSUED_AGO = 12;
  const dayAt = (daysAgo: number) => new Date(Date.parse(`${shanghaiDate(new Date(opts.now.getTime() - daysAgo * DAY))}T02:00:00Z`));
  const issuedOn = shanghaiDate(dayAt(ISSUED_AGO));
  const plus = (days: number) => shanghaiDate(new Date(Date.parse(`${issuedOn}T02:00:00Z`) + days * DAY));
  at = dayAt(ISSUED_AGO);
  const dispatch = await issueDispatch(db, createCatalog(MODULES), {
    user: who.dcb,
    actor: actorOf(who.dcb, null),
    now: at,
    input: {
      subject: '关于限期整改安全隐患的督办通知',
      body: '县安委会第三次全体会议部署的安全隐患排查整治工作开展以来，部分单位整改进度滞后。经县政府同意，现将有关事项督办如下，请各承办单位主要负责同志亲自过问，按时限完成整改。',
      feedbackRequired: '整改完成情况报告（加盖单位公章），附整改前后照片或验收记录；逾期未完成的，说明原因和下一步措施。',
      tasks: tasks.map((x) => ({ unitId: unitId(x.unit), title: x.title, dueDate: plus(x.dueIn) })),
      items: [],
    },
  });
  for (const [k, x] of tasks.entries()) {
    for (const [day, by, action, input] of x.steps) {
      at = dayAt(ISSUED_AGO - day);
      if (at > opts.now) break;
      const user = who[by]!;
      await db
        .transaction()
        .execute((trx) =>
          runAction(trx, SUPERVISION_TASK_ACTIONS, { id: dispatch.taskIds[k]!, action, input, party: asStaff(user), actor: actorOf(user, null), now: at }),
        );
    }
  }
  at = opts.now;
  await db
    .insertInto('settings')
    .values({ key: DEMO_SUPERVISION_KEY, value: JSON.stringify({ version: 1, dispatch: dispatch.docNo }) })
    .execute();
  return { seeded: true };
}
