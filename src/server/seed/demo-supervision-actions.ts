import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { shanghaiDate } from '../core/clock/clock.ts';
import { asStaff, runAction } from '../kernel/actions/index.ts';
import { createCatalog } from '../kernel/catalog/index.ts';
import { loadCalendar } from '../kernel/deadlines/index.ts';
import { MODULES } from '../modules/registry.ts';
import { addActionDispatch, addActionItems, createAction, dispatchSlots, setActionStatus, SUPERVISION_TASK_ACTIONS } from '../modules/supervision/index.ts';

export const DEMO_SV_ACTIONS_KEY = 'seed.demo.supervision_actions';
const DAY = 86_400_000;

type Step = [daysAgo: number, by: 'unit' | 'office', action: 'start' | 'report' | 'verify', input: Record<string, unknown>];

/**
 * The demo 信访局's running "信访积案化解年" 专项行动 (fictional): its plan, 领导小组 (王志强 as 组长, who signs in as
 * leader01), 工作专班, a 问题清单 of 8 rows across four townships with their 包案领导 (two 销号, one 待核查, one overdue;
 * two listed two days ago for open petitions, linked to them as 积案 when the demo has such), and weekly 调度 records with one week left 未调度. Every event
 * on a past day at 10:00 Shanghai time, so the demo holds at any hour.
 */
export async function seedDemoSupervisionActions(opts: { db: Kysely<DB>; now: Date }): Promise<{ seeded: boolean }> {
  if (await opts.db.selectFrom('settings').select('key').where('key', '=', DEMO_SV_ACTIONS_KEY).executeTakeFirst()) return { seeded: false };
  let at = opts.now;
  const db = withAuditTime(opts.db, () => at);
  const userOf = async (username: string): Promise<SessionUser | null> => {
    const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
    return row ? toSessionUser(row) : null;
  };
  const xfj = await userOf('xfj01');
  const townUsers = { 龙蚕镇: await userOf('town_lc01'), 碧溪乡: await userOf('town_bx01'), 城关街道: await userOf('street_cg01') };
  if (!xfj || Object.values(townUsers).some((u) => !u)) return { seeded: false };
  const units = await db.selectFrom('units').select(['id', 'name']).where('disabled', '=', false).execute();
  const unitId = (name: string) => Number(units.find((u) => u.name === name)?.id ?? 0);
  if (['龙蚕镇', '碧溪乡', '城关街道', '银汉镇'].some((n) => !unitId(n))) return { seeded: false };
  const leaders = await db.selectFrom('leaders').select(['id', 'name']).where('disabled', '=', false).execute();
  const leaderId = (name: string) => Number(leaders.find((l) => l.name === name)?.id ?? 0);
  if (['王志强', '吴刚', '郑伟', '赵立新'].some((n) => !leaderId(n))) return { seeded: false };
  const modules = createCatalog(MODULES);
  const day = (daysAgo: number) => shanghaiDate(new Date(opts.now.getTime() - daysAgo * DAY));
  const dayAt = (daysAgo: number) => new Date(`${day(daysAgo)}T10:00:00+08:00`);
  const actor = actorOf(xfj, null);

  at = dayAt(53);
  const { id } = await createAction(db, {
    user: xfj,
    actor,
    input: {
      name: '“信访积案化解年”专项行动',
      category: 'petition_backlog',
      periodFrom: day(52),
      periodTo: day(-100),
      goals: '全县信访积案化解率达到90%以上，重复信访、越级信访明显下降，群众满意度进一步提升。',
      measures: '县级领导包案、一案一策；依法分类处理诉求；解决实际问题与思想疏导相结合；逐案明确销号标准，化解一件销号一件。',
      steps: '动员部署阶段：全面摸排积案，建立问题清单。\n集中化解阶段：包案领导带案下访，每周调度。\n总结巩固阶段：逐案评估销号，建立防止反弹机制。',
      rhythm: 'weekly',
      leadUnitId: xfj.unitId,
      members: [
        { role: 'head', leaderId: leaderId('王志强'), name: '王志强' },
        { role: 'deputy', leaderId: leaderId('吴刚'), name: '吴刚' },
        { role: 'member', name: '张晓燕', post: '县信访局副局长' },
      ],
      groups: [
        { name: '综合协调组', leadUnitId: xfj.unitId, members: ['张晓燕', '何志明'] },
        { name: '化解督导组', leadUnitId: xfj.unitId, members: ['黄涛'] },
      ],
    },
  });
  at = dayAt(52);
  await setActionStatus(db, { user: xfj, actor, actionId: id, status: 'running' });

  const rows: { unit: keyof typeof townUsers | '银汉镇'; title: string; leader: string; dueIn: number; standard: string; steps: Step[] }[] = [
    {
      unit: '龙蚕镇',
      title: '张某某反映征地补偿标准问题（多年重复信访）',
      leader: '王志强',
      dueIn: -10,
      standard: '补偿款依法兑付到位，当事人签订息诉罢访承诺书',
      steps: [
        [48, 'unit', 'start', { note: '包案领导已接访，制定一案一策' }],
        [25, 'unit', 'report', { reportText: '补偿款差额已核算并兑付，当事人签订息诉罢访承诺书。' }],
        [22, 'office', 'verify', { note: '电话回访当事人，情况属实，同意销号。' }],
      ],
    },
    {
      unit: '龙蚕镇',
      title: '村民反映砂石厂噪声粉尘扰民问题',
      leader: '吴刚',
      dueIn: 30,
      standard: '企业完成降噪防尘整改并经环保部门检测达标，群众无异议',
      steps: [
        [45, 'unit', 'start', { note: '已会同生态环境部门现场核查' }],
        [15, 'unit', 'report', { reportText: '企业加装隔音墙和喷淋设施，检测达标，村民代表签字认可。' }],
        [12, 'office', 'verify', { note: '现场查看整改到位，同意销号。' }],
      ],
    },
    {
      unit: '碧溪乡',
      title: '农民工反映某建筑工地拖欠工资问题',
      leader: '郑伟',
      dueIn: -5,
      standard: '拖欠工资全部支付到位',
      steps: [[40, 'unit', 'start', { note: '已约谈施工企业负责人' }]],
    },
    {
      unit: '城关街道',
      title: '某小区业主反映物业服务和公共收益纠纷',
      leader: '吴刚',
      dueIn: 20,
      standard: '公共收益公开并按业主大会决议使用，双方达成调解协议',
      steps: [
        [30, 'unit', 'start', { note: '街道人民调解委员会已受理' }],
        [3, 'unit', 'report', { reportText: '物业公司公开近三年公共收益，双方签订调解协议。' }],
      ],
    },
    {
      unit: '城关街道',
      title: '老旧小区加装电梯低层住户反对问题',
      leader: '郑伟',
      dueIn: 40,
      standard: '形成加装方案并经相关业主书面同意，或依法作出答复',
      steps: [[10, 'unit', 'start', { note: '已组织高低层住户协商' }]],
    },
    {
      unit: '银汉镇',
      title: '两户村民宅基地边界纠纷反复信访问题',
      leader: '赵立新',
      dueIn: 45,
      standard: '依法确权或调解结案，双方无异议',
      steps: [],
    },
  ];
  // dueIn: days from today (negative: already past)
  const item = (r: (typeof rows)[number]) => ({
    title: r.title,
    unitId: unitId(r.unit),
    leaderId: leaderId(r.leader),
    dueDate: day(-r.dueIn),
    standard: r.standard,
  });
  at = dayAt(50);
  const first = await addActionItems(db, { user: xfj, actor, now: at, modules, actionId: id, input: { items: rows.map(item) } });

  // two old petitions as 积案, linked so the list shows their state (only when the demo has such petitions)
  const LINK_AGO = 2;
  const old = await db
    .selectFrom('work_items as wi')
    .select(['wi.ref_no', 'wi.title'])
    .where('wi.module', '=', 'petition')
    .where('wi.open', '=', true)
    .where('wi.last_event_on', '<=', day(LINK_AGO))
    .where(modules.visibleSql(xfj))
    .orderBy('wi.received_on')
    .limit(2)
    .execute();
  const linkedRows: (typeof rows)[number][] = [
    {
      unit: '龙蚕镇',
      title: '信访积案：群众反映的历史遗留问题（一）',
      leader: '王志强',
      dueIn: 25,
      standard: '诉求合理的解决到位，不合理的依法终结并做好思想疏导',
      steps: [[1, 'unit', 'start', { note: '包案领导带案下访' }]],
    },
    {
      unit: '碧溪乡',
      title: '信访积案：群众反映的历史遗留问题（二）',
      leader: '王志强',
      dueIn: 35,
      standard: '诉求合理的解决到位，不合理的依法终结并做好思想疏导',
      steps: [],
    },
  ];
  at = dayAt(LINK_AGO);
  const second: number[] = [];
  for (const [n, r] of linkedRows.entries()) {
    const p = old[n];
    const input = { items: [{ ...item(r), ...(p ? { title: `信访积案：${p.title}`, linkedRefNo: p.ref_no, linkedModule: 'petition' } : {}) }] };
    let added: { ids: number[] };
    try {
      added = await addActionItems(db, { user: xfj, actor, now: at, modules, actionId: id, input });
    } catch {
      // the petition is out of reach (a rule of its module): the row stands without the link
      added = await addActionItems(db, { user: xfj, actor, now: at, modules, actionId: id, input: { items: [item(r)] } });
    }
    second.push(...added.ids);
  }

  // each row through its steps, in date order
  const itemIds = [...first.ids, ...second];
  const all = [...rows, ...linkedRows];
  const taskOf = new Map(
    (await db.selectFrom('sv_action_items').select(['id', 'task_id']).where('id', 'in', itemIds).execute()).map((r) => [Number(r.id), Number(r.task_id)]),
  );
  const steps = all.flatMap((r, k) => r.steps.map((s) => ({ task: taskOf.get(itemIds[k]!)!, unit: r.unit, s }))).sort((a, b) => b.s[0] - a.s[0]);
  for (const { task, unit, s } of steps) {
    const [daysAgo, by, action, input] = s;
    const user = by === 'office' ? xfj : townUsers[unit as keyof typeof townUsers]!;
    at = dayAt(daysAgo);
    const when = at;
    await db
      .transaction()
      .execute((trx) => runAction(trx, SUPERVISION_TASK_ACTIONS, { id: task, action, input, party: asStaff(user), actor: actorOf(user, null), now: when }));
  }

  // weekly 调度: every finished week but one (shown as 未调度), the current week still to come
  const calendar = await loadCalendar(db);
  const isWorkday = (d: string) => calendar.isWorkday(d).workday;
  const slots = dispatchSlots({ rhythm: 'weekly', periodFrom: day(52), periodTo: day(-100), today: day(0), dispatchedOn: [], isWorkday }).filter(
    (s) => s.state === 'missing',
  );
  const skip = slots.length >= 3 ? slots.length - 3 : -1;
  const ago = (d: string) => Math.round((Date.parse(`${day(0)}T00:00:00Z`) - Date.parse(`${d}T00:00:00Z`)) / DAY);
  const forms = ['meeting', 'written', 'onsite'] as const;
  for (const [n, s] of slots.entries()) {
    if (n === skip) continue;
    let d = s.from;
    while (!isWorkday(d) && d < s.to) d = day(ago(d) - 1);
    const daysAgo = ago(d);
    if (daysAgo < 1) continue;
    at = dayAt(daysAgo);
    await addActionDispatch(db, {
      user: xfj,
      actor,
      actionId: id,
      today: day(daysAgo),
      input: {
        dispatchedOn: day(daysAgo),
        form: forms[n % 3]!,
        reported: n === 0 ? '召开专项行动动员部署会，各乡镇（街道）汇报积案摸排情况，建立问题清单。' : '各责任单位汇报本周积案化解进展，包案领导带案下访情况。',
        problems: n === 0 ? undefined : '个别积案化解进度滞后，责任单位与相关部门协调不够。',
        nextSteps: '对超期未化解的问题由包案领导专题研究，下周调度时报告进展。',
      },
    });
  }

  at = opts.now;
  await db
    .insertInto('settings')
    .values({ key: DEMO_SV_ACTIONS_KEY, value: JSON.stringify({ version: 1, action: id }) })
    .execute();
  return { seeded: true };
}
