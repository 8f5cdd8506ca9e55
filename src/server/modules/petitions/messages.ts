import { defineMessages } from '../../core/outbox/index.ts';

/**
 * The 信访 module's messages to petitioners (《信访工作条例》: told of registration, acceptance, decisions, extensions).
 * A message about a written notice names it by its 发文字号 ({docNo}): the notice is issued first, in the same
 * transaction, and the outbox row references it. The evaluation and 复查/复核 periods run from 送达, so they are
 * told at 送达 (delivered), not when the opinion is written (replied).
 */
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
    text: `${SIGN}您的信访事项{caseNo}已于{date}受理，办理期限至{dueDate}。受理告知书（{docNo}）可凭编号和查询码在网上信访查看。`,
  },
  not_accepted: {
    name: '不予受理告知',
    subject: '信访事项不予受理：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}依法不予受理。{legalRoute}不予受理告知书（{docNo}）可凭编号和查询码在网上信访查看。`,
  },
  not_accepted_again: {
    name: '不再受理告知',
    subject: '信访事项不再受理：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}系就已复核终结的事项以同一事实和理由再次提出，依法不再受理。不再受理告知书（{docNo}）可凭编号和查询码在网上信访查看。`,
  },
  transferred: {
    name: '转送告知',
    subject: '信访事项已转送：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}已转送{toUnitName}办理，请留意该机关的告知。转送告知书（{docNo}）可凭编号和查询码在网上信访查看。`,
  },
  assigned: {
    name: '交办告知',
    subject: '信访事项已交办：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}已交由{toUnitName}办理，该单位将书面告知是否受理。交办告知书（{docNo}）可凭编号和查询码在网上信访查看。`,
  },
  extended: {
    name: '延期告知',
    subject: '信访事项办理期限延长：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}办理期限经批准延长至{dueDate}，理由：{reason}。延期告知书（{docNo}）可凭编号和查询码在网上信访查看。`,
  },
  replied: {
    name: '意见书已出具',
    subject: '信访事项{docName}已出具：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}的{docName}（{docNo}）已出具，可凭编号和查询码在网上信访阅读。{afterDelivery}`,
  },
  delivered: {
    name: '意见书已送达',
    subject: '信访事项{docName}已送达：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}的{docName}已于{date}送达。{nextStep}`,
  },
  review_opened: {
    name: '复查/复核申请已登记',
    subject: '{reviewKind}申请已登记：{reviewCaseNo}',
    text: `${SIGN}您对{caseNo}的{reviewKind}申请已登记，编号{reviewCaseNo}，{reviewKind}答复期限至{dueDate}。`,
  },
});

export type PetitionMessageKey = keyof typeof PETITION_MESSAGES;
