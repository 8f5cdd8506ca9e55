import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { shanghaiDate } from '../core/clock/clock.ts';
import { addRecord, addResponse, decideObjection, issueBulletin, planCampaign } from '../modules/supervision/index.ts';

export const DEMO_SV_CAMPAIGNS_KEY = 'seed.demo.supervision_campaigns';
const DAY = 86_400_000;

/**
 * The demo 督查办's campaigns (fictional): a finished 一听二查三看 with its 通报, the problems' 督办事项 and an objection
 * decided; and an 暗访 running today (its targets see nothing of it). Every event on a past day at 10:00 Shanghai time
 * (today's only through the running period), so the demo holds at any hour.
 */
export async function seedDemoSupervisionCampaigns(opts: { db: Kysely<DB>; now: Date }): Promise<{ seeded: boolean }> {
  if (await opts.db.selectFrom('settings').select('key').where('key', '=', DEMO_SV_CAMPAIGNS_KEY).executeTakeFirst()) return { seeded: false };
  const rules = await opts.db.selectFrom('legal_rules').select('key').where('key', '=', 'dc.objection').executeTakeFirst();
  if (!rules) return { seeded: false };
  let at = opts.now;
  const db = withAuditTime(opts.db, () => at);
  const userOf = async (username: string): Promise<SessionUser | null> => {
    const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
    return row ? toSessionUser(row) : null;
  };
  const dcb = await userOf('dcb01');
  const town = await userOf('town_lc01');
  if (!dcb || !town) return { seeded: false };
  const issuer = await db.selectFrom('document_issuers').select('unit_id').where('unit_id', '=', dcb.unitId).executeTakeFirst();
  if (!issuer) return { seeded: false };
  const units = await db.selectFrom('units').select(['id', 'name']).where('disabled', '=', false).execute();
  const unitId = (name: string) => Number(units.find((u) => u.name === name)?.id ?? 0);
  const need = ['龙蚕镇', '银汉镇', '青岚县应急管理局', '白鹭镇', '石桥镇', '青岚县信访局'];
  if (need.some((n) => !unitId(n))) return { seeded: false };
  const day = (daysAgo: number) => shanghaiDate(new Date(opts.now.getTime() - daysAgo * DAY));
  const dayAt = (daysAgo: number) => new Date(`${day(daysAgo)}T10:00:00+08:00`);
  const actor = actorOf(dcb, null);

  // ── finished: 一听二查三看, 通报 issued 33 days ago ──
  at = dayAt(45);
  const finished = await planCampaign(db, {
    user: dcb,
    actor,
    input: {
      name: '安全生产和信访稳定工作专项督查',
      method: 'listen_check_see',
      periodFrom: day(40),
      periodTo: day(37),
      basis: '县委县政府本季度督查工作安排',
      checklist: ['安全生产隐患排查整治台账及重大隐患挂牌督办', '信访积案化解和包案领导接访', '矛盾纠纷排查调处和零报告制度落实'],
      groups: [
        { name: '第一检查组', leaderName: '黄涛', members: ['刘洋', '何静'], unitIds: [unitId('龙蚕镇'), unitId('银汉镇')] },
        { name: '第二检查组', leaderName: '周建华', members: ['罗敏'], unitIds: [unitId('青岚县应急管理局')] },
      ],
    },
  });
  const detail = await db
    .selectFrom('sv_campaign_targets as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 'u.name'])
    .where('t.campaign_id', '=', finished.id)
    .execute();
  const target = (name: string) => Number(detail.find((t) => t.name === name)!.id);
  const records: [number, string, Parameters<typeof addRecord>[1]['input']][] = [
    [
      40,
      '龙蚕镇',
      {
        inspectedOn: day(40),
        heard: '听取镇党委关于隐患排查整治和信访积案化解工作的汇报，镇主要负责同志包案积案3件，已化解2件。',
        checked: '查阅隐患排查台账12册、信访积案化解资料3卷，隐患整改销号资料基本齐全。',
        seen: '实地查看龙头村加油站和蚕丝村砖厂，砖厂原料堆场未按要求设置防护围挡。',
        goodPractices: '建立隐患“清单制”管理，每月由镇安办逐条销号；村级矛盾纠纷零报告坚持每周报送。',
        problems: [
          { description: '蚕丝村砖厂原料堆场未设置防护围挡，存在坍塌隐患', requirement: '督促企业设置防护围挡并建立巡查记录', dueOn: day(3) },
          { description: '1件信访积案未按期化解', requirement: '包案领导再次接访，制定化解方案', dueOn: day(-20) },
        ],
      },
    ],
    [
      39,
      '银汉镇',
      {
        inspectedOn: day(39),
        heard: '听取镇政府关于矛盾纠纷排查调处工作的汇报。',
        checked: '查阅矛盾纠纷排查台账和调解卷宗，卷宗要素齐全。',
        seen: '实地查看镇综治中心和星桥村调解室。',
        goodPractices: '“老娘舅”调解队伍覆盖全部村（社区）。',
        problems: [],
      },
    ],
    [
      37,
      '青岚县应急管理局',
      {
        inspectedOn: day(37),
        heard: '听取县应急管理局关于重大事故隐患挂牌督办的汇报。',
        checked: '查阅重大隐患挂牌督办档案，2项重大隐患的治理方案要素不全。',
        goodPractices: '执法检查“四不两直”比例超过一半。',
        problems: [{ description: '2项重大事故隐患治理方案缺少“五落实”中的资金和预案内容', requirement: '补齐治理方案，报县安委办备案', dueOn: day(-10) }],
      },
    ],
  ];
  for (const [daysAgo, name, input] of records) {
    at = dayAt(daysAgo);
    await addRecord(db, { user: dcb, actor, campaignId: finished.id, targetId: target(name), input, today: day(daysAgo) });
  }
  at = dayAt(33);
  await issueBulletin(db, {
    user: dcb,
    actor,
    campaignId: finished.id,
    summary: '各被督查单位总体重视，工作有序推进，但仍存在隐患整改不彻底、积案化解进度不均衡等问题。',
    today: day(33),
    now: at,
  });
  at = dayAt(30);
  const objection = await addResponse(db, {
    user: town,
    actor: actorOf(town, null),
    campaignId: finished.id,
    targetId: target('龙蚕镇'),
    input: { kind: 'objection', content: '蚕丝村砖厂防护围挡已于督查前一日开工搭设，督查时尚未完工，附施工合同和现场照片，请予复核。' },
    today: day(30),
  });
  at = dayAt(26);
  await decideObjection(db, {
    user: dcb,
    actor,
    campaignId: finished.id,
    responseId: objection.id,
    input: { decision: 'partly', note: '围挡确已开工，但督查时未形成有效防护，维持问题认定，整改期限不变。' },
    today: day(26),
  });

  // ── running: an 暗访 from yesterday to two days on; its targets see nothing before the 通报 ──
  at = dayAt(3);
  const running = await planCampaign(db, {
    user: dcb,
    actor,
    input: {
      name: '节前安全生产和信访秩序暗访督查',
      method: 'unannounced',
      periodFrom: day(1),
      periodTo: day(-2),
      checklist: ['节前安全隐患排查', '信访接待场所值班值守'],
      groups: [{ name: '暗访组', leaderName: '黄涛', members: ['刘洋'], unitIds: [unitId('白鹭镇'), unitId('石桥镇'), unitId('青岚县信访局')] }],
    },
  });
  const runningTargets = await db
    .selectFrom('sv_campaign_targets as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.id', 'u.name'])
    .where('t.campaign_id', '=', running.id)
    .execute();
  at = dayAt(1);
  await addRecord(db, {
    user: dcb,
    actor,
    campaignId: running.id,
    targetId: Number(runningTargets.find((t) => t.name === '白鹭镇')!.id),
    input: {
      inspectedOn: day(1),
      seen: '暗访白鹭镇渔港村2家农家乐，灭火器在有效期内，安全通道畅通。',
      problems: [{ description: '渔港村码头救生衣配备不足', requirement: '节前按载客定额配齐救生衣', dueOn: day(-7) }],
    },
    today: day(1),
  });

  at = opts.now;
  await db
    .insertInto('settings')
    .values({ key: DEMO_SV_CAMPAIGNS_KEY, value: JSON.stringify({ version: 1, campaigns: [finished.id, running.id] }) })
    .execute();
  return { seeded: true };
}
