/**
 * The default wording of each 信访 document kind, until an administrator edits it through the API (migration 0007
 * copied the first wording into rows; 0033 removed the rows nobody edited, so these defaults apply). Body paragraphs are separated by blank lines; `{name}`
 * placeholders are filled from the petition record (see fill-values.ts for the list).
 */
export interface DefaultTemplate {
  kind: string;
  name: string;
  title: string;
  body: string;
}

export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    kind: 'accept_notice',
    name: '受理告知书',
    title: '信访事项受理告知书',
    body: [
      '你（你们）于{receivedDate}提出的“{title}”信访事项（编号{caseNo}），经审查，符合《信访工作条例》规定的受理条件，本机关已于{acceptDate}依法受理。',
      '{handleTerms}',
      '你（你们）可凭查询码通过信访信息系统查询办理进展。特此告知。',
    ].join('\n\n'),
  },
  {
    kind: 'reject_notice',
    name: '不予受理告知书',
    title: '信访事项不予受理告知书',
    body: [
      '你（你们）于{receivedDate}提出的“{title}”信访事项（编号{caseNo}），经审查，{rejectReason}',
      '根据《信访工作条例》第三十一条的规定，本机关决定不予受理。{legalRoutes}',
      '特此告知。',
    ].join('\n\n'),
  },
  {
    kind: 'refuse_again_notice',
    name: '不再受理告知书',
    title: '信访事项不再受理告知书',
    body: [
      '你（你们）于{receivedDate}提出的“{title}”信访事项（编号{caseNo}），经审查，系就已经复核终结的信访事项，以同一事实和理由再次提出。',
      '根据《信访工作条例》第三十六条的规定，信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，信访工作机构和其他机关、单位不再受理。本机关决定不再受理。',
      '特此告知。',
    ].join('\n\n'),
  },
  {
    kind: 'transfer_notice',
    name: '转送/交办告知书',
    title: '信访事项{transferKind}告知书',
    body: [
      '你（你们）于{receivedDate}提出的“{title}”信访事项（编号{caseNo}），经审查，本机关已于{transferDate}将该事项{transferKind}{toUnitName}办理。',
      '{transferNextStep}',
      '你（你们）可凭查询码通过信访信息系统查询办理进展。特此告知。',
    ].join('\n\n'),
  },
  {
    kind: 'transfer_slip',
    name: '转送/交办单',
    title: '信访事项{transferKind}单',
    body: [
      '现将“{title}”信访事项（编号{caseNo}，登记日期{receivedDate}）{transferKind}你单位，请依法按程序办理。',
      '信访事项主要内容：{content}',
      '{unitTerms}{note}',
    ].join('\n\n'),
  },
  {
    kind: 'extension_notice',
    name: '延期告知书',
    title: '信访事项延期办理告知书',
    body: [
      '你（你们）于{receivedDate}提出的“{title}”信访事项（编号{caseNo}），本机关已于{acceptDate}受理。',
      '因{extensionReason}，经批准，办理期限延长{extensionDays}日，至{newDueDate}届满。',
      '特此告知。',
    ].join('\n\n'),
  },
  {
    kind: 'opinion',
    name: '处理意见书',
    title: '信访事项处理意见书',
    body: [
      '你（你们）于{receivedDate}提出的“{title}”信访事项（编号{caseNo}），本机关于{acceptDate}受理。现将处理意见告知如下：',
      '一、查明的事实',
      '{facts}',
      '二、处理依据',
      '{legalBasis}',
      '三、处理意见',
      '{outcome}',
      '{reviewRoute}',
    ].join('\n\n'),
  },
  {
    kind: 'review_opinion',
    name: '复查/复核意见书',
    title: '信访事项{reviewKind}意见书',
    body: [
      '你（你们）不服原处理意见（编号{reviewOfCaseNo}），于{receivedDate}提出{reviewKind}请求（编号{caseNo}）。本机关经审查，现提出{reviewKind}意见如下：',
      '一、查明的事实',
      '{facts}',
      '二、{reviewKind}依据',
      '{legalBasis}',
      '三、{reviewKind}意见',
      '{outcome}',
      '{reviewNextStep}',
    ].join('\n\n'),
  },
  {
    kind: 'supervision_notice',
    name: '督办通知',
    title: '信访事项督办通知',
    body: [
      '“{title}”信访事项（编号{caseNo}，登记日期{receivedDate}）由你单位承办，{dueSentence}',
      '请你单位高度重视，依法按期办理，及时向信访人出具书面处理意见，并将办理结果报送本机关。逾期未办结的，将依照《信访工作条例》有关规定予以通报并追究责任。',
    ].join('\n\n'),
  },
];
