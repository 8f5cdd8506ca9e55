/**
 * zh-CN labels for action fields whose schema has no description, for enum values, and a one-line
 * hint under fields whose meaning is not obvious. A description sent by the server wins.
 */
export const FIELD_LABELS: Record<string, string> = {
  note: '说明',
  reason: '理由',
  reasons: '退回理由',
  leadUnitId: '主办单位',
  assistUnitIds: '协办单位',
  territorialUnitId: '属地单位',
  leaderId: '包案领导',
  unitId: '单位',
  toUnitName: '转送单位',
  decision: '决定',
  outcome: '处理结果',
  facts: '查明事实',
  legalBasis: '法律依据',
  amount: '延长天数',
  approverUserId: '批准人',
  date: '日期',
  result: '评价',
  comment: '意见',
  routes: '告知的法定途径',
  legalRoute: '法定途径',
  legalRouteText: '法定途径',
  toUnitId: '转送单位',
  deliveredOn: '送达日期',
  method: '送达方式',
  acceptedOn: '受理日期',
  otherRoute: '其他途径',
  reviewUnitId: '复查/复核机关',
  petitionerAccepted: '信访人已明确接受处理意见',
  occurredOn: '发生日期',
  backdateReason: '补录理由',
};

export const ENUM_LABELS: Record<string, string> = {
  support: '支持',
  explain: '解释说明',
  reject: '不予支持',
  uphold: '同意退回（重新交办）',
  overrule: '不同意退回（维持交办）',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  fuyi: '行政复议',
  susong: '行政诉讼',
  zhongcai: '劳动人事争议仲裁',
  county: '县级',
  township: '乡级',
  relief: '帮扶救助',
  psych: '心理服务',
  // 矛盾纠纷
  people: '人民调解',
  administrative: '行政调解',
  judicial: '司法调解（人民法院委派、委托）',
  pre_filing: '立案前委派调解',
  post_filing: '立案后委托调解',
  written: '书面协议（制作调解协议书）',
  oral: '口头协议',
  arbitration: '申请仲裁',
  admin_handling: '请求行政机关处理',
  litigation: '向人民法院起诉',
  petition: '转为信访事项',
  supervision: '纳入督查督办',
};

/** Hints under a field; `{rule.key}` is that legal rule's limit (useLegalRules' fillLimits), never a literal. */
export const FIELD_HELP: Record<string, string> = {
  amount: '延期最长{xf.handle.ext}，须经批准，并将延期理由告知信访人。',
  approverUserId: '主办单位负责人或县领导。',
  routes:
    '诉访分离：行政复议（知道之日起{legal.fuyi}内）、行政诉讼（{legal.susong}内）、劳动人事争议仲裁（{legal.zhongcai}内）；告知书按时限规则写明期限和依据。',
  petitionerAccepted: '未勾选时，须待复查/复核申请期限届满后方可办结。',
  reasons: '仅主办单位可在交办后{xf.transfer.objection}内退回，并说明理由。',
  leaderId: '三位一体：主办单位、属地单位和包案领导共同负责。',
};

/** An enum value's label; a value without one is shown as “其他”, never as its code. */
export function enumLabel(value: unknown): string {
  return ENUM_LABELS[String(value)] ?? '其他';
}
