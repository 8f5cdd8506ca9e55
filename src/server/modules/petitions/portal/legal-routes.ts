/**
 * 诉访分离: matters that the law sends to a court, an arbitration commission or 行政复议 are told the
 * route before they submit (《信访工作条例》第十四条、第三十一条). Rules are data: keywords looked for in
 * the title, content and category names; the first matching route wins, most specific first.
 */
export type LegalRouteKind = 'litigation' | 'arbitration' | 'reconsideration';

export interface LegalRoute {
  kind: LegalRouteKind;
  title: string;
  text: string;
}

const BASIS =
  '《信访工作条例》第十四条规定，对依法应当通过诉讼、仲裁、行政复议等法定途径解决的投诉请求，信访人应当依照有关法律、行政法规规定的程序向有关机关提出；第三十一条规定，此类事项导入相应法定程序处理。';

export const LEGAL_ROUTE_RULES: { kind: LegalRouteKind; keywords: string[]; title: string; text: string }[] = [
  {
    kind: 'reconsideration',
    keywords: ['行政复议', '行政处罚', '处罚决定', '罚款决定', '吊销', '责令停产', '行政拘留', '不予许可', '征收决定', '确权决定'],
    title: '您反映的事项可能属于行政复议范围',
    text: `${BASIS}对行政机关作出的处罚、许可、征收、确权等具体行政行为不服的，可以自知道该行为之日起六十日内向县人民政府申请行政复议（《中华人民共和国行政复议法》第二十条），也可以依法提起行政诉讼。您仍可提交，受理单位将告知具体途径。`,
  },
  {
    kind: 'arbitration',
    keywords: ['劳动仲裁', '劳动争议', '劳动合同', '解除劳动', '经济补偿金', '工伤认定', '仲裁', '土地承包经营纠纷'],
    title: '您反映的事项可能需要先申请仲裁',
    text: `${BASIS}劳动争议应先向劳动人事争议仲裁委员会申请仲裁，时效为一年（《中华人民共和国劳动争议调解仲裁法》第二十七条）；农村土地承包经营纠纷可以向农村土地承包仲裁委员会申请仲裁。您仍可提交，受理单位将告知具体途径。`,
  },
  {
    kind: 'litigation',
    keywords: ['起诉', '诉讼', '法院', '判决', '裁定', '执行案件', '民间借贷', '借款纠纷', '合同纠纷', '离婚', '继承', '诉讼类'],
    title: '您反映的事项可能属于诉讼途径解决的范围',
    text: `${BASIS}民事纠纷可以向人民法院起诉；对人民法院的判决、裁定不服的，应当依法上诉或申请再审，不属于信访受理范围。您仍可提交，受理单位将告知具体途径。`,
  },
];

/** The legal route a matter points to, or null. Pure: the texts come from the rule table above. */
export function legalRouteFor(input: { title: string; content: string; categoryNames?: string[] }): LegalRoute | null {
  const haystack = [input.title, input.content, ...(input.categoryNames ?? [])].join('\n');
  for (const rule of LEGAL_ROUTE_RULES) {
    if (rule.keywords.some((k) => haystack.includes(k))) return { kind: rule.kind, title: rule.title, text: rule.text };
  }
  return null;
}
