import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { appendAudit } from '../core/audit/audit-chain.ts';
import { withAuditTime } from '../core/audit/audit-time.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { shanghaiDate } from '../core/clock/clock.ts';
import type { PersonalDataKeys } from '../core/personal-data/index.ts';
import { asStaff, runAction } from '../kernel/actions/index.ts';
import { createCatalog } from '../kernel/catalog/index.ts';
import { createDispute, DISPUTE_ACTIONS, DISPUTE_MODULE, type DisputeInput } from '../modules/disputes/index.ts';

export const DEMO_DISPUTES_KEY = 'seed.demo.disputes';

type Who = 'mediator' | 'village' | 'town' | 'community' | 'townBx';
interface Step {
  daysAgo: number;
  action: string;
  input: Record<string, unknown>;
}
interface DemoDispute {
  by: Who;
  daysAgo: number;
  type: string;
  source: DisputeInput['source'];
  place: string;
  /** the unit that mediates (default: the place) */
  owner?: string;
  inCampaign?: boolean;
  facts: string;
  peopleCount: number;
  amount?: number;
  parties: DisputeInput['parties'];
  risk?: { kind: 'domestic_violence'; note: string; to: string[] };
  steps: Step[];
}

const accept = (daysAgo: number, mediatorName: string, committee: string): Step => ({
  daysAgo,
  action: 'accept',
  input: { consent: true, mediationKind: 'people', mediatorName, committee },
});

/**
 * The demo county's disputes (fictional people and places, written for the demo): one in every stage of the
 * mediation chain — 待受理, 调解中 near its 调结 limit, an urgent family case routed to the police, a written
 * agreement in performance with its 司法确认 window open, one closed at village level after its 回访, a failed one
 * with the routes told — and a 集中排查 in 龙蚕镇 where one village made a 零报告 and others have not reported.
 */
const DISPUTES: DemoDispute[] = [
  {
    by: 'mediator',
    daysAgo: 28,
    type: 'neighbour',
    source: 'screening',
    place: '龙蚕村',
    inCampaign: true,
    facts: '龙蚕村三组两户相邻宅基地，一户翻修院坝时填埋了共用排水沟，另一户院内雨天积水，双方多次争吵。',
    peopleCount: 6,
    parties: [
      { role: 'applicant', name: '邹德明', phone: '13990010011' },
      { role: 'respondent', name: '龚桂芳' },
    ],
    steps: [
      accept(27, '曹德福', '龙蚕村人民调解委员会'),
      {
        daysAgo: 20,
        action: 'session',
        input: {
          place: '龙蚕村便民服务中心',
          mediators: '曹德福、蒋大勇',
          record: '双方到场陈述。龚家同意恢复排水，但要求邹家分担材料费，邹家暂不同意，约定下周现场查看后再议。',
        },
      },
    ],
  },
  {
    by: 'town',
    daysAgo: 10,
    type: 'land',
    source: 'visit',
    place: '桑园村',
    inCampaign: true,
    facts: '桑园村五组12户村民反映，承包其土地种植桑苗的合作社拖欠2025年度土地流转租金共计约4.8万元。',
    peopleCount: 13,
    amount: 48000,
    parties: [
      { role: 'applicant', name: '桑园村五组村民代表罗建国' },
      { role: 'respondent', name: '青岚县丝源蚕桑专业合作社' },
    ],
    steps: [],
  },
  {
    by: 'village',
    daysAgo: 3,
    type: 'family',
    source: 'grid',
    place: '龙蚕村',
    inCampaign: true,
    facts: '网格员走访发现，龙蚕村一组一对夫妻因家庭琐事长期争吵，女方称近期多次被丈夫推搡殴打，要求离婚。',
    peopleCount: 2,
    parties: [
      { role: 'applicant', name: '廖小琴' },
      { role: 'respondent', name: '何永福' },
    ],
    risk: { kind: 'domestic_violence', note: '女方称近一个月内两次被殴打，手臂有淤青；男方酗酒。', to: ['青岚县公安局', '青岚县民政局'] },
    steps: [],
  },
  {
    by: 'town',
    daysAgo: 30,
    type: 'labour',
    source: 'hotline',
    place: '龙蚕镇',
    facts: '12345热线转来：龙蚕镇场镇改造工程9名务工人员反映包工头拖欠2026年8月至10月工资共计6.3万元。',
    peopleCount: 10,
    amount: 63000,
    parties: [
      { role: 'applicant', name: '务工人员代表杜长江', phone: '13890020022' },
      { role: 'respondent', name: '包工头钟显贵' },
      { role: 'third', name: '青岚县龙城建筑工程有限公司' },
    ],
    steps: [
      accept(29, '唐红梅', '龙蚕镇人民调解委员会'),
      {
        daysAgo: 22,
        action: 'session',
        input: {
          place: '龙蚕镇综治中心',
          mediators: '唐红梅、镇劳动保障所吕平',
          record: '核对考勤和工资表，确认欠薪6.3万元；总承包单位同意从应付工程款中先行垫付，包工头同意分两期支付。',
        },
      },
      {
        daysAgo: 14,
        action: 'agree',
        input: {
          form: 'written',
          points: '欠薪数额，以及由谁、何时支付',
          responsibility: '包工头钟显贵未按约定支付工资，负全部责任；总承包单位对分包管理不到位，承担先行垫付义务。',
          terms: '一、钟显贵于协议签订之日起二十日内支付所欠工资6.3万元；二、逾期未付的，由青岚县龙城建筑工程有限公司从应付工程款中垫付。',
          performMethod: '银行转账至各务工人员本人账户，镇劳动保障所见证',
          performDueOnDays: 6,
        },
      },
      { daysAgo: 12, action: 'sign', input: { partiesSigned: true, mediatorSigned: true, sealed: true } },
    ],
  },
  {
    by: 'townBx',
    daysAgo: 75,
    type: 'land',
    source: 'screening',
    place: '翠竹村',
    facts: '翠竹村两户村民对一片竹林的界址有争议，一方砍伐了另一方认为属于自己的竹子约两百根。',
    peopleCount: 4,
    amount: 2400,
    parties: [
      { role: 'applicant', name: '苟正伟' },
      { role: 'respondent', name: '苟正荣' },
    ],
    steps: [
      accept(74, '邓小川', '翠竹村人民调解委员会'),
      {
        daysAgo: 66,
        action: 'agree',
        input: {
          form: 'written',
          points: '竹林界址在何处，砍伐的竹子如何赔偿',
          responsibility: '苟正荣越界砍伐，负主要责任。',
          terms: '一、以老田坎和两棵柏树连线为界，双方各自管护；二、苟正荣赔偿苟正伟竹子损失1200元。',
          performMethod: '现金当面支付，村调委会见证',
          performDueOnDays: -55,
        },
      },
      { daysAgo: 65, action: 'sign', input: { partiesSigned: true, mediatorSigned: true, sealed: true } },
      { daysAgo: 62, action: 'confirmApply', input: { court: '青岚县人民法院', jointly: true } },
      { daysAgo: 59, action: 'confirmResult', input: { confirmed: true, note: '人民法院裁定调解协议有效' } },
      { daysAgo: 58, action: 'perform', input: { note: '苟正荣已当面支付1200元，双方在界址处共同埋设界桩。' } },
      { daysAgo: 40, action: 'revisit', input: { note: '回访双方，界桩完好，两家已恢复往来。' } },
    ],
  },
  {
    by: 'community',
    daysAgo: 45,
    type: 'property',
    source: 'visit',
    place: '文庙社区',
    facts: '文庙社区锦华小区部分业主以电梯长期故障为由拒交物业费，物业公司拟停止保洁服务，双方对立。',
    peopleCount: 36,
    amount: 52000,
    parties: [
      { role: 'applicant', name: '锦华小区物业服务有限公司' },
      { role: 'respondent', name: '锦华小区业主代表方志红' },
    ],
    steps: [
      accept(44, '韩梅', '文庙社区人民调解委员会'),
      { daysAgo: 37, action: 'session', input: { mediators: '韩梅、街道司法所冯雪', record: '双方就电梯维修费用分摊和物业费减免各执一词，未能达成一致。' } },
      {
        daysAgo: 30,
        action: 'fail',
        input: { reason: '双方对电梯维修责任分歧较大，均表示通过诉讼解决。', toldRoutes: ['litigation', 'admin_handling'], told: true },
      },
    ],
  },
  {
    by: 'mediator',
    daysAgo: 6,
    type: 'contract',
    source: 'visit',
    place: '龙蚕村',
    facts: '龙蚕村村民向邻村农户购买的两头仔猪三天后病死一头，要求退款，卖方不同意。',
    peopleCount: 2,
    amount: 1600,
    parties: [
      { role: 'applicant', name: '黎光荣' },
      { role: 'respondent', name: '董秀兰' },
    ],
    steps: [
      accept(6, '曹德福', '龙蚕村人民调解委员会'),
      { daysAgo: 5, action: 'agree', input: { form: 'oral', terms: '董秀兰退还病死仔猪价款的一半即400元，双方不再追究。', performedOnSpot: true } },
    ],
  },
];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** 10:00 in the county on `day` */
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

/** Seeds the demo disputes and one 集中排查, each step recorded on its own day. Idempotent on a settings marker. */
export async function seedDemoDisputes(opts: { db: Kysely<DB>; keys: PersonalDataKeys; now: Date }): Promise<{ seeded: boolean }> {
  if (await opts.db.selectFrom('settings').select('key').where('key', '=', DEMO_DISPUTES_KEY).executeTakeFirst()) return { seeded: false };
  let recordedAt = opts.now;
  const db = withAuditTime(opts.db, () => recordedAt);
  const userOf = async (username: string): Promise<SessionUser | null> => {
    const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
    return row ? toSessionUser(row) : null;
  };
  const people: Record<Who, SessionUser | null> = {
    mediator: await userOf('mediator01'),
    village: await userOf('village_lc01'),
    town: await userOf('town_lc01'),
    community: await userOf('community_cg01'),
    townBx: await userOf('town_bx01'),
  };
  if (Object.values(people).some((p) => !p)) return { seeded: false };
  // the clocks need the legal rules (ensureLegalClock runs first at start)
  const rules = await db.selectFrom('legal_rules').select('key').where('key', 'in', ['med.settle', 'med.confirm.apply']).where('province', '=', '').execute();
  if (rules.length !== 2) return { seeded: false };
  const who = (k: Who) => people[k]!;
  const units = await db.selectFrom('units').select(['id', 'name', 'path', 'kind']).execute();
  const unit = (name: string) => units.find((u) => u.name === name);
  const types = new Map((await db.selectFrom('dispute_types').select(['id', 'code']).execute()).map((t) => [t.code, Number(t.id)]));
  const today = shanghaiDate(opts.now);
  const town = unit('龙蚕镇');
  if (!town) return { seeded: false };

  // 龙蚕镇's 集中排查 of its villages, started 21 days ago
  const from = addDays(today, -21);
  recordedAt = at(from);
  const villages = units.filter((u) => u.path.startsWith(town.path) && (u.kind === 'village' || u.kind === 'community'));
  const { id: campaignId } = await db
    .insertInto('dispute_campaigns')
    .values({
      kind: 'concentrated',
      name: '龙蚕镇岁末年初矛盾纠纷集中排查',
      period_from: from,
      period_to: addDays(today, 9),
      organiser_unit_id: Number(town.id),
      focus: '欠薪、土地流转、婚姻家庭和邻里纠纷，重点关注有激化苗头的家庭矛盾',
      created_by: who('town').id,
      created_at: recordedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('dispute_campaign_units')
    .values([town, ...villages].map((u) => ({ campaign_id: Number(campaignId), unit_id: Number(u.id) })))
    .execute();
  await db.transaction().execute((trx) =>
    appendAudit(trx, actorOf(who('town'), null), {
      action: 'dispute.campaign.create',
      entityType: 'dispute_campaign',
      entityId: Number(campaignId),
      after: { name: '龙蚕镇岁末年初矛盾纠纷集中排查', kind: 'concentrated', from, to: addDays(today, 9), units: villages.length + 1 },
    }),
  );

  const catalog = createCatalog([DISPUTE_MODULE]);
  for (const d of DISPUTES) {
    const place = unit(d.place);
    if (!place) continue;
    const user = who(d.by);
    const foundOn = addDays(today, -d.daysAgo);
    recordedAt = at(foundOn);
    const { id } = await createDispute(db, {
      input: {
        source: d.source,
        typeId: types.get(d.type)!,
        campaignId: d.inCampaign ? Number(campaignId) : undefined,
        placeUnitId: Number(place.id),
        responsibleUnitId: d.owner ? Number(unit(d.owner)?.id) : undefined,
        facts: d.facts,
        peopleCount: d.peopleCount,
        amount: d.amount,
        foundOn,
        parties: d.parties,
        riskKind: d.risk?.kind,
        riskNote: d.risk?.note,
        urgentUnitIds: d.risk?.to.map((n) => Number(unit(n)?.id)).filter((x) => x > 0),
      },
      user,
      actor: actorOf(user, null),
      now: recordedAt,
      keys: opts.keys,
      modules: catalog,
    });
    for (const s of d.steps) {
      const on = addDays(today, -s.daysAgo);
      recordedAt = at(on);
      const { performDueOnDays, ...input } = s.input as Record<string, unknown> & { performDueOnDays?: number };
      const body = { ...input, ...(performDueOnDays === undefined ? {} : { performDueOn: addDays(today, performDueOnDays) }), occurredOn: on };
      await db.transaction().execute((trx) =>
        runAction(trx, DISPUTE_ACTIONS, {
          id,
          action: s.action,
          input: body,
          party: asStaff(user),
          actor: actorOf(user, null),
          now: recordedAt,
          keys: opts.keys,
        }),
      );
    }
  }

  // the villages' reports: 龙蚕村 and 桑园村 found disputes, 蚕丝村 found none (零报告), the others have not reported
  const reports: [string, boolean, number][] = [
    ['龙蚕村', false, 2],
    ['桑园村', false, 8],
    ['蚕丝村', true, 12],
  ];
  for (const [name, zero, daysAgo] of reports) {
    const u = unit(name);
    if (!u) continue;
    const on = addDays(today, -daysAgo);
    recordedAt = at(on);
    const actor = actorOf(name === '龙蚕村' ? who('village') : who('town'), null);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('dispute_campaign_reports')
        .values({
          campaign_id: Number(campaignId),
          unit_id: Number(u.id),
          reported_on: on,
          zero,
          screened_by: zero ? '蚕丝村调委会、网格员' : `${name}调委会、网格员`,
          note: zero ? '逐户走访，未发现矛盾纠纷' : null,
          reported_by: name === '龙蚕村' ? who('village').id : who('town').id,
          created_at: recordedAt,
        })
        .execute();
      await appendAudit(trx, actor, {
        action: 'dispute.campaign.report',
        entityType: 'dispute_campaign',
        entityId: Number(campaignId),
        after: { unit: name, zero, found: zero ? 0 : 1, occurredOn: on },
      });
    });
  }
  recordedAt = opts.now;
  await db
    .insertInto('settings')
    .values({ key: DEMO_DISPUTES_KEY, value: JSON.stringify({ version: 1, disputes: DISPUTES.length }) })
    .execute();
  return { seeded: true };
}
