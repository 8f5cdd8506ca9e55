import { DEMO_PEOPLE as P, type DemoPerson } from './demo-people.ts';

/** Resolves names of the demo county to ids while the script runs. */
export interface DemoRefs {
  unit(name: string): number;
  user(username: string): number;
  leader(name: string): number;
}

export interface DemoStep {
  daysAgo: number;
  /** demo username performing the action */
  by: string;
  action: string;
  input?: (r: DemoRefs) => Record<string, unknown>;
}

/** One fictional petition: its intake (as the 信访局 clerk entered it) and what happened since. */
export interface DemoPetition {
  daysAgo: number;
  by: 'xfj01' | 'xfj02';
  channel: 'letter' | 'visit' | 'phone' | 'online' | 'leader_mailbox' | 'upper';
  matterType: 'suggestion' | 'accusation' | 'appeal';
  /** [first level, second level] of the category tree */
  category: [string, string];
  /** 问题属地 (a township, village or department by exact name) */
  place: string;
  accused?: string;
  title: string;
  content: string;
  petitioners: DemoPerson[];
  anonymous?: boolean;
  visit?: { persons: number; representatives?: string[] };
  upper?: { level: 'national' | 'province' | 'city'; refNo: string; dueInDays: number };
  urgency?: 'urgent';
  skippedLevel?: boolean;
  lawRelated?: boolean;
  steps: DemoStep[];
  /** the demo user shown as 责任人 in 我的待办 */
  assignee?: string;
  /** 责任人 of the 复查 case opened by an apply_review step */
  reviewAssignee?: string;
}

/**
 * The demo county's 信访 caseload, written for the demo (every person, place and fact is fictional).
 * Days are counted back from the seeding day, so the statutory clocks land on every warning level.
 */
export const DEMO_PETITIONS: DemoPetition[] = [
  {
    daysAgo: 80,
    by: 'xfj02',
    channel: 'letter',
    matterType: 'appeal',
    category: ['国土资源', '宅基地'],
    place: '清泉村',
    title: '对宅基地确权登记面积有异议',
    content:
      '信访人许德发来信反映：其家庭于1998年经原清泉乡批准在清泉村四组建房，批准用地面积180平方米，2025年宅基地确权登记时仅确认120平方米，其余部分被认定为超占。信访人认为当年审批手续齐全，要求按原批准面积登记。',
    petitioners: [P.xuDefa],
    steps: [
      {
        daysAgo: 79,
        by: 'xfj02',
        action: 'assign',
        input: (r) => ({
          leadUnitId: r.unit('碧溪乡'),
          assistUnitIds: [r.unit('青岚县自然资源局')],
          note: '请碧溪乡会同县自然资源局调阅原始审批档案，依法答复。',
        }),
      },
      { daysAgo: 78, by: 'town_bx01', action: 'accept', input: () => ({ note: '已调阅1998年建房审批档案。' }) },
      {
        daysAgo: 55,
        by: 'town_bx01',
        action: 'progress',
        input: () => ({ note: '已会同县自然资源局现场测量，实测宅基地面积126平方米，院坝部分占用集体道路。' }),
      },
      {
        daysAgo: 40,
        by: 'town_bx01',
        action: 'reply',
        input: () => ({
          outcome: 'reject',
          facts: '经调阅档案并现场测量，原审批文件载明的180平方米含院坝及晒场，其中54平方米系集体道路用地，不属于宅基地范围。',
          legalBasis: '《中华人民共和国土地管理法》第六十二条；《不动产登记暂行条例实施细则》相关规定。',
        }),
      },
      { daysAgo: 38, by: 'town_bx01', action: 'deliver' },
      { daysAgo: 37, by: 'xfj02', action: 'evaluate', input: () => ({ result: 'unsatisfied' }) },
      { daysAgo: 10, by: 'xfj02', action: 'apply_review', input: () => ({ note: '信访人不服处理意见，书面申请复查。' }) },
    ],
    assignee: 'town_bx01',
    reviewAssignee: 'xfj02',
  },
  {
    daysAgo: 75,
    by: 'xfj02',
    channel: 'leader_mailbox',
    matterType: 'appeal',
    category: ['劳动和社会保障', '社会保险'],
    place: '金甲村',
    title: '被征地农民养老保险缴费年限认定问题',
    content:
      '信访人王淑芬通过县长信箱反映：其系2012年金甲乡集镇扩建的被征地农民，按政策应纳入被征地农民养老保障，但社保经办机构认定其缴费年限不足15年，每月仅领取基础养老金。信访人要求核实其征地前的缴费记录，补足缴费年限。',
    petitioners: [P.wangShufen],
    steps: [
      { daysAgo: 74, by: 'xfj02', action: 'accept', input: () => ({ note: '由县信访局直接受理，商请县人社局、县自然资源局协助核查。' }) },
      {
        daysAgo: 45,
        by: 'xfj02',
        action: 'progress',
        input: () => ({ note: '县人社局已调取2008年至2012年乡镇企业职工参保档案，部分缴费记录需原单位出具证明。' }),
      },
      {
        daysAgo: 16,
        by: 'xfj02',
        action: 'extend',
        input: (r) => ({ amount: 30, reason: '原参保单位已注销，缴费记录需向市社保中心调档核对，无法在60日内办结。', approverUserId: r.user('leader01') }),
      },
    ],
    assignee: 'xfj02',
  },
  {
    daysAgo: 68,
    by: 'xfj01',
    channel: 'visit',
    matterType: 'appeal',
    category: ['国土资源', '土地征收'],
    place: '龙头村',
    title: '龙头村土地征收补偿款未足额发放',
    content:
      '信访人刘国富来访反映：2025年县产业园区二期征收龙头村三组耕地，其家庭被征收承包地3.2亩，按公告标准应得土地补偿费和安置补助费共计15.4万元，至今仅收到9万元，余款村组称“等上面拨付”。信访人要求尽快足额发放，并公开征地补偿款分配明细。',
    petitioners: [P.liuGuofu],
    visit: { persons: 1 },
    steps: [
      {
        daysAgo: 67,
        by: 'xfj01',
        action: 'assign',
        input: (r) => ({
          leadUnitId: r.unit('龙蚕镇'),
          assistUnitIds: [r.unit('青岚县自然资源局'), r.unit('青岚县财政局')],
          territorialUnitId: r.unit('龙蚕镇'),
          leaderId: r.leader('王志强'),
          note: '请核实补偿款拨付和村组分配情况，逐户公开。王志强同志包案。',
        }),
      },
      { daysAgo: 66, by: 'town_lc01', action: 'accept' },
      {
        daysAgo: 30,
        by: 'town_lc01',
        action: 'progress',
        input: () => ({ note: '县财政局已拨付第二批补偿款，村组正在制定分配方案，需召开村民小组会议表决。' }),
      },
    ],
    assignee: 'town_lc01',
  },
  {
    daysAgo: 58,
    by: 'xfj01',
    channel: 'visit',
    matterType: 'appeal',
    category: ['劳动和社会保障', '拖欠工资'],
    place: '青云街道',
    title: '青云片区安置房项目拖欠农民工工资',
    content:
      '黄大强等6人集体来访反映：其在青云片区安置房三期项目从事木工、钢筋工，2025年9月至12月工资共计约38万元至今未结清，劳务分包方称总包单位未拨付进度款，总包单位称已按合同支付。来访人员要求有关部门督促尽快支付拖欠工资。',
    petitioners: [P.huangDaqiang, P.yangChunhua, P.wuChunsheng, P.qiuXiuying, P.tianYoucai, P.tanXiaojun],
    visit: { persons: 6, representatives: ['黄大强', '杨春花'] },
    urgency: 'urgent',
    steps: [
      {
        daysAgo: 58,
        by: 'xfj01',
        action: 'assign',
        input: (r) => ({
          leadUnitId: r.unit('青岚县人力资源和社会保障局'),
          assistUnitIds: [r.unit('青岚县住房和城乡建设局')],
          territorialUnitId: r.unit('青云街道'),
          leaderId: r.leader('刘芳'),
          note: '涉及集体访，请人社局牵头启动工资保证金，依法处置。',
        }),
      },
      { daysAgo: 57, by: 'liaison_rs', action: 'accept', input: () => ({ note: '已向总包单位下达劳动保障监察询问通知书。' }) },
      { daysAgo: 40, by: 'liaison_rs', action: 'progress', input: () => ({ note: '已核实欠薪人员32人、金额38.6万元，总包单位承诺春节前分两批支付。' }) },
      { daysAgo: 12, by: 'liaison_rs', action: 'progress', input: () => ({ note: '第一批20万元已通过农民工工资专用账户发放，剩余部分正在督促。' }) },
    ],
    assignee: 'liaison_rs',
  },
  {
    daysAgo: 40,
    by: 'xfj01',
    channel: 'online',
    matterType: 'appeal',
    category: ['农村农业', '惠农补贴'],
    place: '桑园村',
    title: '耕地地力保护补贴未到账',
    content:
      '信访人冯长寿网上反映：其在桑园村六组承包耕地4.5亩，2025年度耕地地力保护补贴至今未到“一卡通”账户，同组其他农户均已到账。信访人要求查明原因并补发。',
    petitioners: [P.fengChangshou],
    steps: [
      { daysAgo: 39, by: 'xfj01', action: 'assign', input: (r) => ({ leadUnitId: r.unit('龙蚕镇'), assistUnitIds: [r.unit('青岚县农业农村局')] }) },
      { daysAgo: 38, by: 'town_lc01', action: 'accept' },
      {
        daysAgo: 20,
        by: 'town_lc01',
        action: 'reply',
        input: () => ({
          outcome: 'support',
          facts: '经核查，因信访人“一卡通”账户户名与身份证姓名一字之差，补贴发放失败被退回。已协助其变更账户信息，补贴已于近日补发到账。',
          legalBasis: '《耕地地力保护补贴资金管理办法》相关规定；本省惠民惠农财政补贴资金“一卡通”管理规定。',
        }),
      },
      { daysAgo: 18, by: 'town_lc01', action: 'deliver' },
      { daysAgo: 15, by: 'xfj01', action: 'evaluate', input: () => ({ result: 'satisfied' }) },
    ],
    assignee: 'town_lc01',
  },
  {
    daysAgo: 20,
    by: 'xfj01',
    channel: 'online',
    matterType: 'appeal',
    category: ['城乡建设', '物业管理'],
    place: '南门社区',
    title: '锦华苑小区物业费上调及公共收益公开问题',
    content:
      '信访人陈玉梅网上反映：锦华苑小区物业公司未召开业主大会，单方面将物业费由每平方米0.8元上调至1.2元，且电梯广告、停车位等公共收益多年未公示。信访人要求纠正违规涨价行为，公开公共收益收支情况。',
    petitioners: [P.chenYumei],
    steps: [
      {
        daysAgo: 19,
        by: 'xfj01',
        action: 'assign',
        input: (r) => ({
          leadUnitId: r.unit('城关街道'),
          assistUnitIds: [r.unit('青岚县住房和城乡建设局'), r.unit('青岚县市场监督管理局')],
          leaderId: r.leader('王志强'),
          note: '涉及业主人数多，王志强同志包案。',
        }),
      },
      { daysAgo: 17, by: 'street_cg01', action: 'accept', input: () => ({ note: '已约谈物业公司，责令暂停执行新收费标准。' }) },
    ],
    assignee: 'street_cg01',
  },
  {
    daysAgo: 13,
    by: 'xfj01',
    channel: 'letter',
    matterType: 'appeal',
    category: ['民政', '优抚安置'],
    place: '古渡村',
    title: '退役士兵申请自主就业补助未获答复',
    content: '信访人罗文斌来信反映：其于2024年退出现役，返乡后向有关部门申请地方自主就业一次性经济补助，提交材料半年未获答复。信访人要求明确答复并按规定发放。',
    petitioners: [P.luoWenbin],
    steps: [],
    assignee: 'xfj01',
  },
  {
    daysAgo: 12,
    by: 'xfj02',
    channel: 'letter',
    matterType: 'accusation',
    category: ['政法', '执法监督'],
    place: '青岚县市场监督管理局',
    accused: '青岚县市场监督管理局',
    title: '反映县市场监管局执法人员检查中吃拿卡要',
    content:
      '信访人唐明远来信反映：其在城关街道经营一家餐馆，2025年以来县市场监管局某执法中队人员多次以“检查”为名到店就餐不付款，并暗示“不打点就从严处罚”。信访人提供了部分消费单据，要求依法查处。',
    petitioners: [P.tangMingyuan],
    steps: [
      { daysAgo: 11, by: 'xfj02', action: 'accept', input: () => ({ note: '由县信访局直接受理，同时通报县纪委监委派驻纪检监察组；被反映单位不参与办理。' }) },
    ],
    assignee: 'xfj02',
  },
  {
    daysAgo: 10,
    by: 'xfj01',
    channel: 'letter',
    matterType: 'appeal',
    category: ['国土资源', '土地征收'],
    place: '龙头村',
    title: '再次反映龙头村征地补偿余款未发放',
    content: '信访人刘国富再次来信反映：其此前反映的征地补偿余款6.4万元仍未发放到位，村组以“分配方案未通过”为由一再拖延。信访人对办理进度不满，要求县里督办。',
    petitioners: [P.liuGuofu],
    steps: [],
    assignee: 'xfj01',
  },
  {
    daysAgo: 9,
    by: 'xfj01',
    channel: 'letter',
    matterType: 'appeal',
    category: ['交通运输', '道路建设'],
    place: '溪口村',
    title: '溪口村通组公路硬化不到一年即开裂破损',
    content:
      '信访人李建平来信反映：溪口村二组至四组通组公路于2025年5月完成硬化，不到一年路面多处开裂、沉陷，部分路段混凝土厚度明显不足。信访人怀疑施工偷工减料，要求检测工程质量并责令施工方返修。',
    petitioners: [P.liJianping],
    steps: [
      {
        daysAgo: 7,
        by: 'xfj01',
        action: 'assign',
        input: (r) => ({
          leadUnitId: r.unit('碧溪乡'),
          assistUnitIds: [r.unit('青岚县交通运输局')],
          leaderId: r.leader('陈明'),
          note: '请委托第三方检测路面厚度和强度，依据检测结论处理。分管交通运输的陈明副县长包案。',
        }),
      },
      { daysAgo: 5, by: 'town_bx01', action: 'accept', input: () => ({ note: '已通知施工单位和监理单位到场。' }) },
    ],
    assignee: 'town_bx01',
  },
  {
    daysAgo: 5,
    by: 'xfj01',
    channel: 'upper',
    matterType: 'appeal',
    category: ['环境保护', '水污染'],
    place: '银汉镇',
    title: '上级交办：银汉镇天河村生猪养殖场污水直排',
    content:
      '市信访局交办：群众反映银汉镇天河村某生猪养殖场雨天将养殖废水通过暗管排入天河支流，下游鱼塘出现死鱼，沿岸气味刺鼻。请依法调查处理，并按期报送办理结果。',
    petitioners: [P.suDahai],
    upper: { level: 'city', refNo: '市信交〔2026〕17号', dueInDays: 25 },
    skippedLevel: true,
    steps: [
      {
        daysAgo: 4,
        by: 'xfj01',
        action: 'assign',
        input: (r) => ({
          leadUnitId: r.unit('青岚县生态环境局'),
          assistUnitIds: [r.unit('青岚县农业农村局')],
          territorialUnitId: r.unit('银汉镇'),
          leaderId: r.leader('孙海'),
        }),
      },
    ],
    assignee: 'xfj01',
  },
  {
    daysAgo: 3,
    by: 'xfj01',
    channel: 'phone',
    matterType: 'appeal',
    category: ['城乡建设', '城市管理'],
    place: '北街社区',
    title: '北街夜市占道经营油烟噪声扰民',
    content: '信访人何桂兰来电反映：北街夜市摊点每晚经营至凌晨两点，占用人行道和消防通道，烧烤油烟和音响噪声严重影响周边居民休息，多次向社区反映未解决。',
    petitioners: [P.heGuilan],
    steps: [
      { daysAgo: 3, by: 'xfj01', action: 'assign', input: (r) => ({ leadUnitId: r.unit('城关街道'), assistUnitIds: [] }) },
      {
        daysAgo: 0,
        by: 'street_cg01',
        action: 'object',
        input: () => ({ reasons: '占道经营和油烟噪声执法属县综合行政执法局（城管局）法定职责，建议改由县城管局主办、城关街道配合。' }),
      },
    ],
    assignee: 'xfj01',
  },
  {
    daysAgo: 2,
    by: 'xfj01',
    channel: 'online',
    matterType: 'suggestion',
    category: ['交通运输', '客运出租'],
    place: '青岚县交通运输局',
    title: '建议增开县城至云雾乡早班客车',
    content: '网民匿名建议：云雾乡至县城现有客运班车首班为上午8时30分，学生返校和群众赶早就医很不方便，建议增开早7时前的班次，并在高山村、雾岭村增设停靠点。',
    petitioners: [],
    anonymous: true,
    steps: [
      {
        daysAgo: 1,
        by: 'xfj01',
        action: 'assign',
        input: (r) => ({ leadUnitId: r.unit('青岚县交通运输局'), assistUnitIds: [r.unit('云雾乡')], leaderId: r.leader('陈明') }),
      },
    ],
  },
  {
    daysAgo: 0,
    by: 'xfj01',
    channel: 'phone',
    matterType: 'appeal',
    category: ['环境保护', '噪声污染'],
    place: '望江社区',
    title: '滨河小区旁工地夜间施工噪声扰民',
    content:
      '信访人赵敏来电反映：滨河小区东侧商业综合体工地连续多日在夜间22时后进行混凝土浇筑和切割作业，噪声很大，小区老人孩子无法入睡。信访人要求查处夜间违规施工。',
    petitioners: [P.zhaoMin],
    steps: [],
    assignee: 'xfj01',
  },
  {
    daysAgo: 0,
    by: 'xfj01',
    channel: 'online',
    matterType: 'appeal',
    category: ['教育', '招生入学'],
    place: '书院社区',
    title: '随迁子女小学一年级入学学位问题',
    content:
      '信访人孙丽网上反映：其夫妻在县城务工、租房居住满两年，孩子今年秋季应上小学一年级，按划片规定应在书院小学就读，但学校称学位已满，要求到距离6公里的乡镇学校就读。信访人要求按“相对就近”原则解决入学。',
    petitioners: [P.sunLi],
    steps: [],
    assignee: 'xfj01',
  },
  {
    daysAgo: 4,
    by: 'xfj02',
    channel: 'letter',
    matterType: 'appeal',
    category: ['卫生健康', '医疗纠纷'],
    place: '青岚县卫生健康局',
    title: '反映县人民医院手术后遗症赔偿问题',
    content: '信访人周铁柱来信反映：其2025年在县人民医院行腰椎手术后出现下肢麻木，认为系手术操作不当所致，与医院协商赔偿未果，要求信访部门责令医院赔偿。',
    petitioners: [P.zhouTiezhu],
    lawRelated: true,
    steps: [
      {
        daysAgo: 3,
        by: 'xfj02',
        action: 'reject',
        input: () => ({
          reason: `医疗损害赔偿属于民事争议，应通过医疗纠纷人民调解、医疗事故技术鉴定或民事诉讼途径解决，不属于信访事项受理范围。`,
          routes: ['susong'],
          otherRoute: '可向县医疗纠纷人民调解委员会申请免费调解。',
        }),
      },
    ],
  },
];
