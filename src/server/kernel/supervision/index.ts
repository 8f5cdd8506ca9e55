/** 督办 for any work item: notices with a reply limit, 挂牌/摘牌, 积案 with verified 销号, leaders' 批示. */
export {
  issueNotice,
  recordItemNotice,
  replyNotice,
  listItem,
  delistItem,
  openBacklog,
  reportBacklogResult,
  closeBacklog,
  addInstruction,
  NOTICE_REPLY_RULE,
} from './write-supervision.ts';
export {
  getSupervision,
  listListed,
  listBacklog,
  listNotices,
  type SupervisionView,
  type NoticeView,
  type BacklogView,
  type ListingView,
  type InstructionView,
} from './read-supervision.ts';
export { isCountySupervisor, mayHandle, mayInstruct, mayIssueNotice, mayRequestInstruction } from './supervision-policy.ts';
export { requestInstruction, itemInstructionRequests, listAwaitingInstruction, type InstructionRequestView } from './instruction-requests.ts';
export { issueOverdueNotices, type AutoNoticeResult } from './auto-notices.ts';
export { escalateUnansweredNotices, itemEscalations, type EscalationView, type EscalationResult, type ChainStep } from './escalations.ts';
export { recordAccountability, listAccountability, MEASURE_NAMES, type AccountabilityView } from './accountability.ts';
