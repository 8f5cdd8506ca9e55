import { defineMessages } from '../../core/outbox/index.ts';

/** The 信访 module's messages to petitioners (《信访工作条例》: told of registration, acceptance, decisions, extensions). */
const SIGN = '【网上信访】';

export const PETITION_MESSAGES = defineMessages({
  registered: {
    name: '登记回执',
    subject: '信访事项已登记：{caseNo}',
    text: `${SIGN}您的信访事项已登记，编号{caseNo}，查询码{queryCode}。请妥善保管，凭编号和查询码在网上信访查询办理进展和答复。`,
    secret: ['queryCode'],
  },
  accepted: {
    name: '受理告知',
    subject: '信访事项已受理：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}已于{date}受理，办理期限至{dueDate}。可凭编号和查询码在网上信访查询进展。`,
  },
  not_accepted: {
    name: '不予受理告知',
    subject: '信访事项不予受理：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}依法不予受理。{legalRoute}详见不予受理告知书，可凭编号和查询码在网上信访查看。`,
  },
  transferred: {
    name: '转送告知',
    subject: '信访事项已转送：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}已转送{toUnitName}办理，请留意该单位的告知。`,
  },
  extended: {
    name: '延期告知',
    subject: '信访事项办理期限延长：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}办理期限经批准延长至{dueDate}，理由：{reason}。`,
  },
  replied: {
    name: '处理意见书已出具',
    subject: '信访事项处理意见书已出具：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}已出具处理意见书，请凭编号和查询码在网上信访阅读，收到后{evalDays}日内可评价。{reviewHint}`,
  },
  review_opened: {
    name: '复查/复核已立案',
    subject: '复查/复核申请已登记：{reviewCaseNo}',
    text: `${SIGN}您对{caseNo}的{reviewKind}申请已登记，编号{reviewCaseNo}，答复期限至{dueDate}。`,
  },
});

export type PetitionMessageKey = keyof typeof PETITION_MESSAGES;
