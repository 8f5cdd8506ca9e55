import type { Role } from '../core/auth/types.ts';

/**
 * The fictional demo county 青岚县 (code 519901: province 51 has no prefecture 99, so the code
 * cannot collide with a real county). Place names follow the style of real county documents.
 */
export const DEMO_COUNTY = { code: '519901', name: '青岚县', shortName: '青岚' };

export interface DemoTownship {
  code: string;
  name: string;
  kind: 'township' | 'street';
  /** villages ('村' suffix) become kind village, the rest ('社区') community */
  villages: string[];
}

export const DEMO_TOWNSHIPS: DemoTownship[] = [
  { code: '519901001', name: '城关街道', kind: 'street', villages: ['文庙社区', '南门社区', '北街社区', '滨江社区', '书院社区', '新华社区'] },
  { code: '519901002', name: '青云街道', kind: 'street', villages: ['青云社区', '凤鸣社区', '望江社区', '锦绣社区', '华兴社区', '东湖村'] },
  { code: '519901101', name: '龙蚕镇', kind: 'township', villages: ['龙蚕村', '桑园村', '蚕丝村', '龙头村', '青石村', '龙蚕社区'] },
  { code: '519901102', name: '银汉镇', kind: 'township', villages: ['银汉村', '星桥村', '天河村', '牛郎村', '鹊桥村', '银汉社区'] },
  { code: '519901103', name: '白鹭镇', kind: 'township', villages: ['白鹭村', '鹭鸣村', '芦苇村', '湿地村', '渔港村', '白鹭社区'] },
  { code: '519901104', name: '石桥镇', kind: 'township', villages: ['石桥村', '古渡村', '拱桥村', '石门村', '河湾村', '石桥社区'] },
  { code: '519901105', name: '松林镇', kind: 'township', villages: ['松林村', '柏树村', '茶坪村', '竹园村', '林场村', '松林社区'] },
  { code: '519901201', name: '碧溪乡', kind: 'township', villages: ['碧溪村', '清泉村', '溪口村', '翠竹村', '水磨村', '鱼塘村'] },
  { code: '519901202', name: '金甲乡', kind: 'township', villages: ['金甲村', '铁甲村', '金山村', '金沙村', '黄金村', '甲子村'] },
  { code: '519901203', name: '桃源乡', kind: 'township', villages: ['桃源村', '桃花村', '杏林村', '梨园村', '花果村', '武陵村'] },
  { code: '519901204', name: '云雾乡', kind: 'township', villages: ['云雾村', '高山村', '雾岭村', '茶园村', '云顶村', '岩脚村'] },
  { code: '519901205', name: '红岩乡', kind: 'township', villages: ['红岩村', '红旗村', '新红村', '岩口村', '红星村', '丹霞村'] },
];

/** 县直部门: key (used below), full name, short name. */
export const DEMO_DEPARTMENTS = [
  ['xfj', '青岚县信访局', '县信访局'],
  ['yjj', '青岚县应急管理局', '县应急管理局'],
  ['gaj', '青岚县公安局', '县公安局'],
  ['zjj', '青岚县住房和城乡建设局', '县住建局'],
  ['zrzy', '青岚县自然资源局', '县自然资源局'],
  ['rsj', '青岚县人力资源和社会保障局', '县人社局'],
  ['mzj', '青岚县民政局', '县民政局'],
  ['sfj', '青岚县司法局', '县司法局'],
  ['wjj', '青岚县卫生健康局', '县卫健局'],
  ['jyj', '青岚县教育局', '县教育局'],
  ['jtj', '青岚县交通运输局', '县交通运输局'],
  ['sthj', '青岚县生态环境局', '县生态环境局'],
  ['scjg', '青岚县市场监督管理局', '县市场监管局'],
  ['nyj', '青岚县农业农村局', '县农业农村局'],
  ['slj', '青岚县水利局', '县水利局'],
  ['lyj', '青岚县林业局', '县林业局'],
  ['czj', '青岚县财政局', '县财政局'],
  ['cgj', '青岚县综合行政执法局（城管局）', '县城管局'],
  ['cl', '青岚县残疾人联合会', '县残联'],
  ['zfw', '中共青岚县委政法委员会（县维稳办）', '县委政法委（维稳办）'],
  ['dcs', '青岚县委县政府督查室', '县委县政府督查室'],
  ['fgj', '青岚县发展和改革局', '县发改局'],
  ['tyjr', '青岚县退役军人事务局', '县退役军人事务局'],
] as const;
export type DeptKey = (typeof DEMO_DEPARTMENTS)[number][0];

export const DEMO_SAFETY_COMMITTEE = {
  code: '519901G01',
  name: '青岚县安全生产委员会',
  shortName: '县安委会',
  office: { code: '519901G01-01', name: '青岚县安全生产委员会办公室', shortName: '县安委办' },
  members: ['yjj', 'gaj', 'zjj', 'jtj', 'scjg', 'zrzy', 'nyj', 'slj', 'lyj', 'jyj', 'wjj', 'sthj', 'cgj'] as DeptKey[],
  /** every township and street is a member too */
  townshipsAreMembers: true,
};

export const DEMO_JOINT_MEETING = {
  code: '519901G02',
  name: '青岚县信访工作联席会议',
  shortName: '信访联席会议',
  members: ['xfj', 'zfw', 'gaj', 'sfj', 'zjj', 'zrzy', 'rsj', 'mzj', 'wjj', 'jyj', 'cgj', 'tyjr'] as DeptKey[],
  /** the convening unit of the joint meeting (联席会议办公室设在信访局) */
  convener: 'xfj' as DeptKey,
};

export interface DemoLeader {
  name: string;
  title: string;
  portfolio: string[];
  oversees: DeptKey[];
}

export const DEMO_LEADERS: DemoLeader[] = [
  { name: '周建国', title: '县委书记', portfolio: ['县委全面工作'], oversees: [] },
  { name: '李文华', title: '县委副书记、县长', portfolio: ['县政府全面工作', '审计'], oversees: ['fgj', 'czj'] },
  { name: '王志强', title: '县委副书记', portfolio: ['政法', '信访', '维稳', '群团'], oversees: ['xfj', 'zfw', 'cl'] },
  { name: '赵立新', title: '县委常委、常务副县长', portfolio: ['政府常务', '财政', '发展改革', '自然资源'], oversees: ['czj', 'fgj', 'zrzy'] },
  { name: '吴刚', title: '县委常委、政法委书记', portfolio: ['政法', '社会治安', '矛盾纠纷化解', '平安建设'], oversees: ['zfw', 'sfj', 'gaj'] },
  { name: '陈明', title: '副县长', portfolio: ['安全生产', '应急管理', '交通运输', '市场监管'], oversees: ['yjj', 'jtj', 'scjg'] },
  { name: '刘芳', title: '副县长', portfolio: ['教育', '卫生健康', '民政', '人社', '退役军人事务'], oversees: ['jyj', 'wjj', 'mzj', 'rsj', 'tyjr'] },
  { name: '孙海', title: '副县长', portfolio: ['农业农村', '水利', '林业', '生态环境'], oversees: ['nyj', 'slj', 'lyj', 'sthj'] },
  { name: '郑伟', title: '副县长', portfolio: ['住房城乡建设', '城市管理', '公安'], oversees: ['zjj', 'cgj', 'gaj'] },
];

export const DEMO_PASSWORD = 'Anwen@2026';

/** Where a demo user sits: a department key, a township name, or a village of a township. */
export type DemoUnitRef = { county: true } | { dept: DeptKey } | { township: string } | { township: string; village: string };

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  unit: DemoUnitRef;
  description: string;
  /** links the account to a county leader row */
  leaderName?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'xfj01', displayName: '张晓燕', roles: ['xfj_staff'], unit: { dept: 'xfj' }, description: '信访局工作人员（县信访局）' },
  { username: 'xfj02', displayName: '何志明', roles: ['xfj_staff'], unit: { dept: 'xfj' }, description: '信访局工作人员（县信访局，复查复核）' },
  { username: 'safety01', displayName: '杨建军', roles: ['safety_staff'], unit: { dept: 'yjj' }, description: '应急管理/安委办工作人员（县应急管理局）' },
  { username: 'wwb01', displayName: '罗静', roles: ['wwb_staff'], unit: { dept: 'zfw' }, description: '维稳办工作人员（县委政法委）' },
  { username: 'dcb01', displayName: '黄涛', roles: ['dcb_staff'], unit: { dept: 'dcs' }, description: '督查办工作人员（县委县政府督查室）' },
  { username: 'liaison_zj', displayName: '马丽', roles: ['dept_liaison'], unit: { dept: 'zjj' }, description: '部门联络员（县住建局）' },
  { username: 'liaison_rs', displayName: '谢鹏', roles: ['dept_liaison'], unit: { dept: 'rsj' }, description: '部门联络员（县人社局）' },
  { username: 'town_lc01', displayName: '唐红梅', roles: ['township_staff'], unit: { township: '龙蚕镇' }, description: '乡镇工作人员（龙蚕镇）' },
  {
    username: 'town_lc02',
    displayName: '周文斌',
    roles: ['township_staff'],
    unit: { township: '龙蚕镇' },
    description: '乡镇工作人员（龙蚕镇信访专干，经办人）',
  },
  { username: 'town_bx01', displayName: '邓小川', roles: ['township_staff'], unit: { township: '碧溪乡' }, description: '乡镇工作人员（碧溪乡）' },
  { username: 'street_cg01', displayName: '冯雪', roles: ['township_staff'], unit: { township: '城关街道' }, description: '街道工作人员（城关街道）' },
  {
    username: 'village_lc01',
    displayName: '蒋大勇',
    roles: ['village_staff'],
    unit: { township: '龙蚕镇', village: '龙蚕村' },
    description: '村工作人员（龙蚕镇龙蚕村）',
  },
  {
    username: 'community_cg01',
    displayName: '韩梅',
    roles: ['village_staff'],
    unit: { township: '城关街道', village: '文庙社区' },
    description: '社区工作人员（城关街道文庙社区）',
  },
  {
    username: 'mediator01',
    displayName: '曹德福',
    roles: ['mediator'],
    unit: { township: '龙蚕镇', village: '龙蚕村' },
    description: '人民调解员（龙蚕镇龙蚕村调委会）',
  },
  {
    username: 'leader01',
    displayName: '王志强',
    roles: ['county_leader'],
    unit: { county: true },
    description: '县领导（县委副书记，分管政法、信访、维稳）',
    leaderName: '王志强',
  },
  {
    username: 'leader02',
    displayName: '陈明',
    roles: ['county_leader'],
    unit: { county: true },
    description: '县领导（副县长，分管安全生产）',
    leaderName: '陈明',
  },
  { username: 'auditor01', displayName: '彭娟', roles: ['auditor'], unit: { county: true }, description: '只读审计员（县审计组）' },
];

/**
 * 发文代字 and 机关标志 (the organ's full name) of the units that issue documents: every 县直部门 and
 * every 乡镇/街道 (a handling unit writes the 告知书 and 处理意见书 to the petitioner; the 信访局 also its
 * 交办单 and 督办通知). An administrator changes them in 单位管理; a unit without them cannot issue.
 */
export const DEMO_DEPARTMENT_ISSUERS: Record<DeptKey, { prefix: string; mark: string }> = {
  xfj: { prefix: '青信', mark: '青岚县信访局' },
  yjj: { prefix: '青应急', mark: '青岚县应急管理局' },
  gaj: { prefix: '青公', mark: '青岚县公安局' },
  zjj: { prefix: '青住建', mark: '青岚县住房和城乡建设局' },
  zrzy: { prefix: '青自然资源', mark: '青岚县自然资源局' },
  rsj: { prefix: '青人社', mark: '青岚县人力资源和社会保障局' },
  mzj: { prefix: '青民', mark: '青岚县民政局' },
  sfj: { prefix: '青司', mark: '青岚县司法局' },
  wjj: { prefix: '青卫健', mark: '青岚县卫生健康局' },
  jyj: { prefix: '青教', mark: '青岚县教育局' },
  jtj: { prefix: '青交运', mark: '青岚县交通运输局' },
  sthj: { prefix: '青环', mark: '青岚县生态环境局' },
  scjg: { prefix: '青市监', mark: '青岚县市场监督管理局' },
  nyj: { prefix: '青农', mark: '青岚县农业农村局' },
  slj: { prefix: '青水', mark: '青岚县水利局' },
  lyj: { prefix: '青林', mark: '青岚县林业局' },
  czj: { prefix: '青财', mark: '青岚县财政局' },
  cgj: { prefix: '青综执', mark: '青岚县综合行政执法局' },
  cl: { prefix: '青残联', mark: '青岚县残疾人联合会' },
  zfw: { prefix: '青政法', mark: '中共青岚县委政法委员会' },
  dcs: { prefix: '青督查', mark: '青岚县委县政府督查室' },
  fgj: { prefix: '青发改', mark: '青岚县发展和改革局' },
  tyjr: { prefix: '青退役', mark: '青岚县退役军人事务局' },
};

/**
 * The 代字 of a 村（社区）: its 人民调解委员会 numbers its 人民调解协议书 under it (龙蚕村 → 龙蚕村调〔2026〕1号; 龙蚕社区 →
 * 龙蚕社调), headed by the 村民委员会 / 居民委员会 it belongs to. An administrator changes them in 单位管理.
 */
export function demoVillageIssuer(township: string, village: string): { prefix: string; mark: string } {
  const community = village.endsWith('社区');
  const short = village.slice(0, community ? -2 : -1);
  return { prefix: `${short}${community ? '社' : '村'}调`, mark: `青岚县${township}${village}${community ? '居民委员会' : '村民委员会'}` };
}

/** The same for the 乡镇 (…府, the people's government) and 街道 (…办, the sub-district office), by name. */
export const DEMO_TOWNSHIP_ISSUERS: Record<string, { prefix: string; mark: string }> = {
  城关街道: { prefix: '城关办', mark: '青岚县城关街道办事处' },
  青云街道: { prefix: '青云办', mark: '青岚县青云街道办事处' },
  龙蚕镇: { prefix: '龙蚕府', mark: '青岚县龙蚕镇人民政府' },
  银汉镇: { prefix: '银汉府', mark: '青岚县银汉镇人民政府' },
  白鹭镇: { prefix: '白鹭府', mark: '青岚县白鹭镇人民政府' },
  石桥镇: { prefix: '石桥府', mark: '青岚县石桥镇人民政府' },
  松林镇: { prefix: '松林府', mark: '青岚县松林镇人民政府' },
  碧溪乡: { prefix: '碧溪府', mark: '青岚县碧溪乡人民政府' },
  金甲乡: { prefix: '金甲府', mark: '青岚县金甲乡人民政府' },
  桃源乡: { prefix: '桃源府', mark: '青岚县桃源乡人民政府' },
  云雾乡: { prefix: '云雾府', mark: '青岚县云雾乡人民政府' },
  红岩乡: { prefix: '红岩府', mark: '青岚县红岩乡人民政府' },
};
