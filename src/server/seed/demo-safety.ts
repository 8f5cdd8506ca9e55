import type { Kysely } from 'kysely';
import type { DB } from '../core/db/schema.ts';
import type { SessionUser } from '../core/auth/types.ts';
import { appendAudit, SYSTEM_ACTOR } from '../core/audit/audit-chain.ts';
import { hashPassword } from '../core/auth/password.ts';
import { actorOf, selectUserWithUnit, toSessionUser } from '../core/auth/session-user.ts';
import { shanghaiDate } from '../core/clock/clock.ts';
import type { PersonalDataKeys } from '../core/personal-data/index.ts';
import { asStaff, runAction, type ActingParty } from '../kernel/actions/index.ts';
import { listItem } from '../kernel/supervision/index.ts';
import { createCatalog } from '../kernel/catalog/index.ts';
import { saveEnterprise } from '../modules/safety/register/enterprises.ts';
import { createHazard } from '../modules/safety/hazards/create-hazard.ts';
import { HAZARD_ACTIONS } from '../modules/safety/hazards/actions.ts';
import { HAZARD_MODULE } from '../modules/safety/index.ts';
import { DEMO_PASSWORD } from './demo-county-data.ts';

export const DEMO_SAFETY_KEY = 'seed.demo.safety';
export const DEMO_ENTERPRISE_LOGIN = { username: 'qy_demo01', description: '企业账户（龙蚕镇永兴五金建材店：只能查看本企业，自查自报隐患）' };

/** [name, sector code, township, regulator department (full name) or null, risk grade, legal representative, licence expiring in N days or null] */
type E = [string, string, string, string | null, 'red' | 'orange' | 'yellow' | 'blue', string, number | null];
const YJJ = '青岚县应急管理局';
const ZJJ = '青岚县住房和城乡建设局';
const JTJ = '青岚县交通运输局';
const SCJG = '青岚县市场监督管理局';
const JYJ = '青岚县教育局';
const WJJ = '青岚县卫生健康局';
const MZJ = '青岚县民政局';
const CGJ = '青岚县综合行政执法局（城管局）';
const ENTERPRISES: E[] = [
  ['龙蚕镇永兴五金建材店', 'jxcs', '龙蚕镇', SCJG, 'yellow', '陈永兴', null],
  ['青岚县龙蚕加油站', 'whp_jyz', '龙蚕镇', YJJ, 'orange', '刘德明', 25],
  ['青岚县华丰化工有限公司', 'whp_sc', '银汉镇', YJJ, 'red', '赵华丰', 120],
  ['青岚县银汉石料厂', 'fmks_ks', '银汉镇', YJJ, 'orange', '孙石磊', 300],
  ['青岚县白鹭烟花爆竹批发部', 'yhbz_pf', '白鹭镇', YJJ, 'red', '周红光', 18],
  ['城关街道鸿运烟花零售点', 'yhbz_ls', '城关街道', YJJ, 'yellow', '吴鸿运', 40],
  ['青岚县滨江花园三期工地', 'jzsg_fw', '城关街道', ZJJ, 'orange', '郑建平', null],
  ['青云街道凤鸣路改造工程', 'jzsg_sz', '青云街道', ZJJ, 'yellow', '王路通', null],
  ['青岚县通达客运有限公司', 'dlys_kq', '青云街道', JTJ, 'orange', '冯通达', 200],
  ['青岚县安顺危险货物运输公司', 'dlys_hy', '石桥镇', JTJ, 'red', '蒋安顺', 60],
  ['青岚县汽车客运站', 'dlys_zc', '城关街道', JTJ, 'yellow', '韩站明', null],
  ['青岚县港华燃气有限公司', 'rq_jy', '青云街道', CGJ, 'red', '杨港华', 90],
  ['城关街道老味道火锅店', 'rq_yh', '城关街道', CGJ, 'yellow', '朱老四', null],
  ['青云街道金汤餐馆', 'rq_yh', '青云街道', CGJ, 'blue', '秦金汤', null],
  ['青岚县人民医院', 'yy', '城关街道', WJJ, 'orange', '许仁和', null],
  ['青岚县中医院', 'yy', '青云街道', WJJ, 'yellow', '何本草', null],
  ['青岚县第一中学', 'xx', '城关街道', JYJ, 'yellow', '吕育才', null],
  ['松林镇中心小学', 'xx', '松林镇', JYJ, 'blue', '施春苗', null],
  ['青岚县福寿园养老院', 'yljg', '石桥镇', MZJ, 'orange', '张福寿', 150],
  ['碧溪乡敬老院', 'yljg', '碧溪乡', MZJ, 'yellow', '孔敬德', null],
  ['青岚县万家福购物广场', 'rymj_sc', '城关街道', SCJG, 'orange', '曹万家', null],
  ['青云街道星光KTV', 'rymj_yl', '青云街道', SCJG, 'orange', '严星光', 30],
  ['青岚县锦江宾馆', 'rymj_bg', '青云街道', SCJG, 'yellow', '华锦江', 75],
  ['龙蚕镇丝绸织造厂（三合一）', 'shy', '龙蚕镇', SCJG, 'orange', '金丝雨', null],
  ['金甲乡农贸市场', 'jxcs', '金甲乡', SCJG, 'yellow', '魏农丰', null],
  ['桃源乡花果山农家乐', 'jxcs', '桃源乡', SCJG, 'blue', '陶花果', null],
  ['青岚县鑫达机械制造有限公司', 'tzsb', '石桥镇', SCJG, 'yellow', '姜鑫达', 45],
  ['青岚县永固木业有限公司', 'gm_fc', '松林镇', YJJ, 'orange', '谢永固', null],
  ['青岚县冰泉冷链物流公司', 'gm_yj', '红岩乡', YJJ, 'orange', '邹冰泉', 210],
  ['云雾乡茶叶加工厂', 'gm_yx', '云雾乡', YJJ, 'blue', '喻云雾', null],
];

interface DemoHazard {
  enterprise: number;
  by: 'safety' | 'town' | 'ent' | 'zj';
  source?: 'inspection' | 'report' | 'supervision';
  grade: 'general' | 'major';
  category: string;
  description: string;
  location: string;
  basis?: string;
  measures: string;
  foundDaysAgo: number;
  dueInDays: number;
  /** steps after registration: [action, who, input] */
  steps: [string, 'safety' | 'town' | 'ent' | 'zj', Record<string, unknown>][];
  list?: string;
}

const PLAN = {
  goals: '彻底消除罐区可燃气体报警失效和防雷接地不合格的重大隐患，恢复安全生产条件',
  methods: '更换全部可燃气体探测器并接入中控室；委托有资质机构重做防雷防静电接地检测；完善罐区巡检制度',
  funds: '企业自筹整改资金 18 万元，已列入本月支出计划；探测器 12 套已订货',
  organisation: '总经理赵华丰任组长，安全科科长具体负责，设备科、生产科配合',
  timeline: '停产整顿期间完成全部整改，整改完成后书面申请复产审查',
  safety: '罐区停止收发作业并设置警戒；现场配置推车式灭火器 4 具；修订泄漏应急处置方案并组织全员学习',
};

const HAZARDS: DemoHazard[] = [
  {
    enterprise: 0,
    by: 'ent',
    grade: 'general',
    category: '电气安全',
    description: '门市后仓照明线路私拉乱接，插线板串联使用且无漏电保护',
    location: '后仓库',
    measures: '重新敷设照明线路，拆除串联插线板，加装漏电保护器',
    foundDaysAgo: 3,
    dueInDays: 7,
    steps: [],
  },
  {
    enterprise: 0,
    by: 'town',
    source: 'inspection',
    grade: 'general',
    category: '消防安全',
    description: '二楼库房安全出口被成捆钢管堵塞，疏散指示标志不亮',
    location: '二楼库房',
    basis: '《中华人民共和国消防法》第二十八条',
    measures: '清理安全出口堆放物，更换疏散指示标志',
    foundDaysAgo: 12,
    dueInDays: -2,
    steps: [['start', 'ent', { measures: '清理堆放物，联系电工更换标志灯' }]],
  },
  {
    enterprise: 1,
    by: 'safety',
    source: 'inspection',
    grade: 'general',
    category: '危险化学品',
    description: '卸油区静电接地报警仪损坏，卸油作业时未连接静电接地',
    location: '卸油区',
    basis: 'GB 50156《汽车加油加气加氢站技术标准》',
    measures: '更换静电接地报警仪，卸油作业严格执行接地操作规程',
    foundDaysAgo: 9,
    dueInDays: 5,
    steps: [
      ['start', 'safety', {}],
      ['submit', 'town', { rectification: '已更换静电接地报警仪并现场测试正常，操作规程已张贴上墙' }],
    ],
  },
  {
    enterprise: 2,
    by: 'safety',
    source: 'inspection',
    grade: 'major',
    category: '危险化学品',
    description: '甲类储罐区可燃气体报警器 5 个探头失效，罐区防雷接地检测不合格且无人值守',
    location: '甲类储罐区',
    basis: '《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准（试行）》',
    measures: '按治理方案实施整改，整改期间罐区停止作业',
    foundDaysAgo: 20,
    dueInDays: 25,
    steps: [
      ['start', 'safety', {}],
      ['plan', 'safety', PLAN],
      ['suspend', 'safety', { docNo: '青应急责改〔2026〕7号', content: '责令甲类储罐区停止使用，停产停业整顿至隐患消除' }],
    ],
    list: '重大事故隐患，涉及甲类储罐区，县安委办挂牌督办',
  },
  {
    enterprise: 0,
    by: 'safety',
    source: 'supervision',
    grade: 'general',
    category: '消防安全',
    description: '店内货架间疏散通道宽度不足 1 米，两具灭火器压力指针处于红区',
    location: '一楼营业厅',
    measures: '调整货架布局保证通道宽度，更换失效灭火器',
    foundDaysAgo: 15,
    dueInDays: 5,
    steps: [
      ['start', 'ent', {}],
      ['submit', 'ent', { rectification: '货架已后移，通道宽度1.4米；灭火器已送检更换' }],
      ['verify', 'safety', { conclusion: '复查合格，同意销号' }],
    ],
  },
  {
    enterprise: 6,
    by: 'safety',
    source: 'report',
    grade: 'general',
    category: '高处作业',
    description: '7号楼 12 层临边防护栏杆缺失，作业人员未系安全带',
    location: '7号楼12层',
    basis: 'JGJ 80《建筑施工高处作业安全技术规范》',
    measures: '恢复临边防护栏杆并挂设安全网，加强作业人员安全带使用检查',
    foundDaysAgo: 6,
    dueInDays: 3,
    steps: [
      ['start', 'safety', {}],
      ['submit', 'safety', { rectification: '防护栏杆已恢复' }],
      ['reject', 'zj', { reason: '安全网未挂设，部分栏杆高度不足1.2米', dueOn: '+4' }],
    ],
  },
  {
    enterprise: 12,
    by: 'safety',
    source: 'inspection',
    grade: 'general',
    category: '燃气安全',
    description: '后厨液化气钢瓶与灶具距离不足，连接软管老化开裂且未安装燃气泄漏报警器',
    location: '后厨',
    measures: '更换金属波纹管，钢瓶移至独立气瓶间，安装可燃气体报警器',
    foundDaysAgo: 40,
    dueInDays: -25,
    steps: [],
  },
  {
    enterprise: 18,
    by: 'safety',
    source: 'inspection',
    grade: 'general',
    category: '消防安全',
    description: '老人居室使用电热毯且电动轮椅在走廊内充电，走廊堆放杂物',
    location: '二楼走廊',
    measures: '规范充电区域，清理走廊杂物，加强夜间巡查',
    foundDaysAgo: 2,
    dueInDays: 10,
    steps: [],
  },
  {
    enterprise: 23,
    by: 'town',
    source: 'inspection',
    grade: 'general',
    category: '消防安全',
    description: '生产车间与员工住宿在同一建筑内，住宿区与车间之间未设防火分隔',
    location: '一楼车间、三楼宿舍',
    basis: 'GB 55037《建筑防火通用规范》',
    measures: '员工搬离住宿区，或按规范设置防火分隔和独立疏散通道',
    foundDaysAgo: 25,
    dueInDays: 20,
    steps: [['start', 'town', { measures: '员工已临时安排至镇上出租房，车间与宿舍之间加砌防火墙' }]],
  },
];

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo county's 安全生产: ~30 enterprises and places across sectors and townships (fictional; texts in the
 * style of county self-reports, written for the demo), an enterprise account qy_demo01, and hazards in every state,
 * a 重大 one with its 治理方案, 停产整顿 and 挂牌督办. Idempotent on a settings marker.
 */
export async function seedDemoSafety(opts: { db: Kysely<DB>; keys: PersonalDataKeys; now: Date }): Promise<{ seeded: boolean }> {
  const { db, now } = opts;
  if (await db.selectFrom('settings').select('key').where('key', '=', DEMO_SAFETY_KEY).executeTakeFirst()) return { seeded: false };
  const userOf = async (username: string): Promise<SessionUser | null> => {
    const row = await selectUserWithUnit(db).where('users.username', '=', username).executeTakeFirst();
    return row ? toSessionUser(row) : null;
  };
  const safety = await userOf('safety01');
  const town = await userOf('town_lc01');
  const zj = await userOf('liaison_zj');
  if (!safety || !town || !zj) return { seeded: false };
  const sectors = new Map((await db.selectFrom('safety_sectors').select(['id', 'code']).execute()).map((s) => [s.code, Number(s.id)]));
  const units = await db.selectFrom('units').select(['id', 'name']).execute();
  const unitId = (name: string) => Number(units.find((u) => u.name === name)?.id ?? 0);
  const today = shanghaiDate(now);
  const enterpriseIds: number[] = [];
  await db.transaction().execute(async (trx) => {
    for (const [i, [name, sector, township, regulator, grade, rep, licence]] of ENTERPRISES.entries()) {
      if (!unitId(township)) return;
      const { id } = await saveEnterprise(trx, {
        input: {
          name,
          creditCode: undefined,
          sectorId: sectors.get(sector)!,
          townshipUnitId: unitId(township),
          regulatorUnitId: regulator ? unitId(regulator) || null : null,
          legalRepName: rep,
          legalRepPhone: `139${String(51000000 + i * 7919).slice(0, 8)}`,
          contactName: `${rep[0]}安全员`,
          contactPhone: `0838-${String(6200000 + i * 131)}`,
          address: `${township}${['东街', '工业园区', '新区大道', '滨河路', '中心街'][i % 5]}${10 + i * 3}号`,
          longitude: Math.round((104.3 + (i % 7) * 0.021) * 1e6) / 1e6,
          latitude: Math.round((31.1 + (i % 5) * 0.017) * 1e6) / 1e6,
          riskGrade: grade,
          employees: 6 + ((i * 37) % 240),
          licences: licence === null ? [] : [{ name: '安全生产许可证', number: `（川）WH安许证字〔2024〕${100 + i}`, expiresOn: addDays(today, licence) }],
        },
        user: safety,
        actor: actorOf(safety, null),
        keys: opts.keys,
        now,
      });
      enterpriseIds.push(id);
    }
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const { id } = await trx
      .insertInto('users')
      .values({
        username: DEMO_ENTERPRISE_LOGIN.username,
        display_name: '陈永兴（永兴五金建材店）',
        unit_id: unitId('龙蚕镇'),
        roles: ['enterprise'],
        enterprise_id: enterpriseIds[0]!,
        password_hash: passwordHash,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, SYSTEM_ACTOR, {
      action: 'user.create',
      entityType: 'user',
      entityId: Number(id),
      after: { username: DEMO_ENTERPRISE_LOGIN.username, roles: ['enterprise'] },
    });
  });
  if (enterpriseIds.length !== ENTERPRISES.length) return { seeded: false };
  const ent = (await userOf(DEMO_ENTERPRISE_LOGIN.username))!;
  const who = { safety, town, ent, zj };
  const party = (k: 'safety' | 'town' | 'ent' | 'zj'): ActingParty =>
    k === 'ent' ? { kind: 'enterprise', enterpriseId: enterpriseIds[0]!, name: ent.displayName } : asStaff(who[k]);
  const catalog = createCatalog([HAZARD_MODULE]);
  for (const h of HAZARDS) {
    const foundOn = addDays(today, -h.foundDaysAgo);
    const user = who[h.by];
    const created = await createHazard(db, {
      input: {
        enterpriseId: enterpriseIds[h.enterprise]!,
        source: h.source ?? 'inspection',
        category: h.category,
        grade: h.grade,
        description: h.description,
        location: h.location,
        basis: h.basis,
        measures: h.measures,
        responsibleName: ENTERPRISES[h.enterprise]![5],
        foundOn,
        backdateReason: h.foundDaysAgo > 30 ? '演示数据补录' : undefined,
        dueOn: addDays(foundOn, h.foundDaysAgo + h.dueInDays),
        tempMeasures: h.grade === 'major' ? '罐区停止收发作业，设置警戒区，专人值守' : '设置警示标志，专人巡查',
      },
      user,
      actor: actorOf(user, null),
      now,
    });
    for (const [action, by, input] of h.steps) {
      const i = { ...input };
      if (typeof i.dueOn === 'string' && i.dueOn.startsWith('+')) i.dueOn = addDays(today, Number(i.dueOn.slice(1)));
      await db
        .transaction()
        .execute((trx) => runAction(trx, HAZARD_ACTIONS, { id: created.id, action, input: i, party: party(by), actor: actorOf(who[by], null), now }));
    }
    if (h.list) await listItem({ db, modules: catalog, user: safety, actor: actorOf(safety, null), workItemId: created.id, now, reason: h.list });
  }
  await db
    .insertInto('settings')
    .values({ key: DEMO_SAFETY_KEY, value: JSON.stringify({ version: 1, enterprises: enterpriseIds.length, hazards: HAZARDS.length }) })
    .execute();
  return { seeded: true };
}
