import type { RuleUnit } from './deadline-compute.ts';

/** P = read in the primary text · C2 = 2+ secondary sources · C1 = one secondary source · U = uncertain. */
export type Confidence = 'P' | 'C2' | 'C1' | 'U';

export interface RuleSeed {
  key: string;
  /** '' = national; else the 2-digit province code (33 浙江, 37 山东 …) */
  province: string;
  name: string;
  amount: number;
  unit: RuleUnit;
  source: string;
  confidence: Confidence;
  note?: string;
}

const XF = '《信访工作条例》';
const ACC = '《生产安全事故报告和调查处理条例》（国务院令第493号）';
const JC = '《重大行政决策程序暂行条例》';

/**
 * The statutory time limits as data (../shared/domain/rules.md, "Config table"). Seeded once;
 * afterwards admins own the rows (PUT /rules/{key}), and seeding never overwrites them.
 * Article numbers appear only where rules.md read them in the text.
 */
export const DEFAULT_RULES: readonly RuleSeed[] = [
  // ── 信访 (national) ──
  { key: 'xf.dept.route', province: '', name: '信访部门转送/交办', amount: 15, unit: 'calendar_days', source: `${XF}第二十二条`, confidence: 'P' },
  {
    key: 'xf.direct.notice',
    province: '',
    name: '直接受理书面告知',
    amount: 15,
    unit: 'calendar_days',
    source: `${XF}第二十三条`,
    confidence: 'P',
    note: '能当场告知的应当场告知',
  },
  { key: 'xf.transfer.notice', province: '', name: '转送/交办事项书面告知', amount: 15, unit: 'calendar_days', source: `${XF}第二十三条`, confidence: 'P' },
  { key: 'xf.transfer.objection', province: '', name: '转送/交办异议', amount: 5, unit: 'working_days', source: `${XF}第二十三条`, confidence: 'P' },
  { key: 'xf.handle', province: '', name: '办理期限', amount: 60, unit: 'calendar_days', source: `${XF}第三十四条`, confidence: 'P', note: '自受理之日起' },
  {
    key: 'xf.handle.ext',
    province: '',
    name: '办理期限延长（上限）',
    amount: 30,
    unit: 'calendar_days',
    source: `${XF}第三十四条`,
    confidence: 'P',
    note: '经本机关负责人批准，并告知信访人延期理由',
  },
  {
    key: 'xf.fucha.apply',
    province: '',
    name: '复查申请期限',
    amount: 30,
    unit: 'calendar_days',
    source: `${XF}第三十五条`,
    confidence: 'P',
    note: '自收到书面答复之日起',
  },
  {
    key: 'xf.fucha.accept',
    province: '',
    name: '复查受理告知',
    amount: 15,
    unit: 'calendar_days',
    source: `${XF}第二十三条（类推）`,
    confidence: 'U',
    note: '全国层面未见复查受理专门时限，暂按第二十三条15日告知期类推，请核实',
  },
  { key: 'xf.fucha.answer', province: '', name: '复查答复期限', amount: 30, unit: 'calendar_days', source: `${XF}第三十五条`, confidence: 'P' },
  {
    key: 'xf.fuhe.apply',
    province: '',
    name: '复核申请期限',
    amount: 30,
    unit: 'calendar_days',
    source: `${XF}第三十六条`,
    confidence: 'P',
    note: '自收到复查意见之日起',
  },
  {
    key: 'xf.fuhe.accept',
    province: '',
    name: '复核受理告知',
    amount: 15,
    unit: 'calendar_days',
    source: `${XF}第二十三条（类推）`,
    confidence: 'U',
    note: '全国层面未见复核受理专门时限，暂按第二十三条15日告知期类推，请核实',
  },
  {
    key: 'xf.fuhe.answer',
    province: '',
    name: '复核答复期限',
    amount: 30,
    unit: 'calendar_days',
    source: `${XF}第三十六条`,
    confidence: 'P',
    note: '听证所需时间不计入（以暂停计时实现）',
  },
  {
    key: 'xf.simple.answer',
    province: '',
    name: '简易办理答复',
    amount: 10,
    unit: 'working_days',
    source: '《信访事项简易办理办法（试行）》',
    confidence: 'C1',
    note: '自受理之日起；亦可当场答复',
  },
  {
    key: 'xf.eval.window',
    province: '',
    name: '满意度评价期限',
    amount: 30,
    unit: 'calendar_days',
    source: '国家信访局满意度评价相关规定（期限未经核实）',
    confidence: 'U',
    note: '默认值为本系统假设：自答复之日起30日内评价，逾期记“超期未评价”；请按本省规定调整',
  },
  {
    key: 'xf.reform.feedback',
    province: '',
    name: '改进建议书面反馈',
    amount: 30,
    unit: 'calendar_days',
    source: '《信访工作条例》第三十八条',
    confidence: 'U',
    note: '现行《信访工作条例》（2022）取代了2005年《信访条例》（原第三十六条规定30日内书面反馈）；请按现行条例原文和本省规定核对期限',
  },
  // ── 复议 / 诉讼 (printed on notices) ──
  {
    key: 'legal.fuyi',
    province: '',
    name: '行政复议申请期限',
    amount: 60,
    unit: 'calendar_days',
    source: '《中华人民共和国行政复议法》（2023）第二十条',
    confidence: 'P',
    note: '自知道或应当知道行政行为之日起',
  },
  {
    key: 'legal.susong',
    province: '',
    name: '行政诉讼起诉期限',
    amount: 6,
    unit: 'months',
    source: '《中华人民共和国行政诉讼法》第四十六条',
    confidence: 'P',
    note: '自知道或应当知道作出行政行为之日起',
  },
  // ── 调解 ──
  {
    key: 'med.settle',
    province: '',
    name: '人民调解调结期限',
    amount: 1,
    unit: 'months',
    source: '《人民调解工作若干规定》（司法部令第75号）第三十三条',
    confidence: 'C1',
    note: '“一般一个月内调结”；深圳等地方规定为30日',
  },
  {
    key: 'med.confirm.apply',
    province: '',
    name: '司法确认申请期限',
    amount: 30,
    unit: 'calendar_days',
    source: '《中华人民共和国人民调解法》第三十三条',
    confidence: 'P',
    note: '自调解协议生效之日起，双方共同申请',
  },
  {
    key: 'med.court.accept',
    province: '',
    name: '司法确认立案',
    amount: 3,
    unit: 'calendar_days',
    source: '《最高人民法院关于人民调解协议司法确认程序的若干规定》（2011）',
    confidence: 'U',
    note: '与民事诉讼法特别程序的关系待核实',
  },
  {
    key: 'med.court.decide',
    province: '',
    name: '司法确认审查',
    amount: 15,
    unit: 'calendar_days',
    source: '《最高人民法院关于人民调解协议司法确认程序的若干规定》（2011）',
    confidence: 'U',
    note: '可延长10日；民事诉讼法特别程序为30日，何者优先待核实',
  },
  // ── 安全生产 ──
  {
    key: 'haz.resume.check',
    province: '',
    name: '恢复生产现场审查',
    amount: 10,
    unit: 'calendar_days',
    source: '《安全生产事故隐患排查治理暂行规定》（安监总局令第16号）',
    confidence: 'C1',
    note: '自收到恢复生产书面申请之日起',
  },
  { key: 'haz.suspend.max', province: '', name: '停产停业整顿上限', amount: 6, unit: 'months', source: '《安全生产违法行为行政处罚办法》', confidence: 'C1' },
  {
    key: 'haz.power_cut.notice',
    province: '',
    name: '停电措施提前通知',
    amount: 24,
    unit: 'hours',
    source: '《中华人民共和国安全生产法》第七十条',
    confidence: 'P',
  },
  { key: 'acc.unit', province: '', name: '事故单位负责人报告', amount: 1, unit: 'hours', source: `${ACC}第九条`, confidence: 'P' },
  { key: 'acc.level', province: '', name: '事故逐级上报（每级）', amount: 2, unit: 'hours', source: `${ACC}第十一条`, confidence: 'P' },
  {
    key: 'acc.casualty_update',
    province: '',
    name: '伤亡人数变化补报',
    amount: 30,
    unit: 'calendar_days',
    source: `${ACC}第十三条`,
    confidence: 'P',
    note: '道路交通、火灾事故为7日',
  },
  {
    key: 'acc.report',
    province: '',
    name: '事故调查报告',
    amount: 60,
    unit: 'calendar_days',
    source: `${ACC}第二十九条`,
    confidence: 'P',
    note: '特殊情况经批准可延长，最长不超过60日',
  },
  {
    key: 'acc.approval',
    province: '',
    name: '事故调查报告批复',
    amount: 15,
    unit: 'calendar_days',
    source: `${ACC}第三十二条`,
    confidence: 'P',
    note: '特别重大事故30日，可延长不超过30日',
  },
  // ── 稳评 / 决策 ──
  { key: 'wp.comment', province: '', name: '决策草案公开征求意见（最短）', amount: 30, unit: 'calendar_days', source: `${JC}第十五条`, confidence: 'P' },
  { key: 'wp.legality', province: '', name: '合法性审查（最短）', amount: 7, unit: 'working_days', source: `${JC}第二十五条`, confidence: 'P' },
  { key: 'wp.publicity', province: '', name: '稳评公示（最短）', amount: 10, unit: 'calendar_days', source: '地方稳评实践', confidence: 'C1' },
  // ── 督查 ──
  { key: 'dc.objection', province: '', name: '督查结论异议申请', amount: 30, unit: 'calendar_days', source: '《政府督查工作条例》第十七条', confidence: 'P' },
  {
    key: 'dc.objection.answer',
    province: '',
    name: '督查结论异议答复',
    amount: 30,
    unit: 'calendar_days',
    source: '《政府督查工作条例》第十七条',
    confidence: 'P',
  },
  // ── 数据与安全 ──
  {
    key: 'net.log_keep',
    province: '',
    name: '网络日志留存（最短）',
    amount: 6,
    unit: 'months',
    source: '《中华人民共和国网络安全法》第二十一条',
    confidence: 'P',
    note: '2025年修正后是否变化待核实',
  },
  {
    key: 'dengbao.file',
    province: '',
    name: '等级保护备案',
    amount: 30,
    unit: 'calendar_days',
    source: '《信息安全等级保护管理办法》第十五条',
    confidence: 'C2',
  },

  // ── 省级覆盖 ──
  // 浙江 (33): 《浙江省信访条例》2016 — acceptance 5 working days, handling 30 days + ≤60 days.
  {
    key: 'xf.direct.notice',
    province: '33',
    name: '直接受理书面告知',
    amount: 5,
    unit: 'working_days',
    source: '《浙江省信访条例》（2016）',
    confidence: 'P',
    note: '地方性法规；2022年《信访工作条例》施行后是否修订待核实',
  },
  {
    key: 'xf.transfer.notice',
    province: '33',
    name: '转送/交办事项书面告知',
    amount: 5,
    unit: 'working_days',
    source: '《浙江省信访条例》（2016）',
    confidence: 'P',
    note: '地方性法规；2022年后是否修订待核实',
  },
  {
    key: 'xf.handle',
    province: '33',
    name: '办理期限',
    amount: 30,
    unit: 'calendar_days',
    source: '《浙江省信访条例》（2016）',
    confidence: 'P',
    note: '地方性法规；2022年后是否修订待核实',
  },
  {
    key: 'xf.handle.ext',
    province: '33',
    name: '办理期限延长（上限）',
    amount: 60,
    unit: 'calendar_days',
    source: '《浙江省信访条例》（2016）',
    confidence: 'P',
    note: '地方性法规；2022年后是否修订待核实',
  },
  // 山东 (37): 《山东省信访条例》2015 — 复查/复核 organ decides acceptance within 3 working days.
  {
    key: 'xf.fucha.accept',
    province: '37',
    name: '复查受理告知',
    amount: 3,
    unit: 'working_days',
    source: '《山东省信访条例》（2015）第四十三条',
    confidence: 'P',
    note: '地方性法规；2022年后是否修订待核实',
  },
  {
    key: 'xf.fuhe.accept',
    province: '37',
    name: '复核受理告知',
    amount: 3,
    unit: 'working_days',
    source: '《山东省信访条例》（2015）第四十三条',
    confidence: 'P',
    note: '地方性法规；2022年后是否修订待核实',
  },
];
