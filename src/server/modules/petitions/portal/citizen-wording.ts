import { amountZh } from '../../../kernel/timeline/labels.ts';
import type { PetitionDecisions } from '../decisions.ts';

/**
 * What the citizen reads about their case. Derived from the staff timeline by a whitelist: only events
 * that concern the petitioner, in fixed wording — never a staff member's name, an internal note, an
 * objection between units or a free-text reason typed by staff.
 */
export interface CitizenTimelineInput {
  at: string;
  kind: string;
  amount: number | null;
  unit: string | null;
  deadlineLabel: string | null;
}

const STAGE_PREFIX: Record<string, string> = { initial: '', fucha: '复查：', fuhe: '复核：' };

const FIXED: Record<string, string> = {
  'petition.register': '信访事项已登记',
  'petition.accept': '信访事项已受理，进入办理',
  'petition.reject': '作出不予受理决定，请查看《不予受理告知书》',
  'petition.transfer': '信访事项已转送有权处理的机关',
  'petition.assign': '信访事项已交由承办单位办理',
  'petition.reply': '已出具处理意见',
  'petition.deliver': '处理意见已送达',
  'petition.evaluate': '您已对处理意见作出评价',
  'petition.apply_review': '您已提出复查/复核申请',
  'petition.close': '信访事项已办结',
  'petition.withdraw': '信访事项已撤回',
  'petition.refuse_again': '同一事项已复核终结，决定不再受理',
  'petition.review_open': '复查/复核已立案，进入办理',
  'petition.chain': '',
};

/** One citizen-safe line per relevant event, in time order. */
export function citizenTimeline(entries: CitizenTimelineInput[], stage: string): { at: string; text: string }[] {
  const prefix = STAGE_PREFIX[stage] ?? '';
  const out: { at: string; text: string }[] = [];
  for (const e of entries) {
    let text = FIXED[e.kind];
    if (e.kind === 'deadline.extend' && e.amount !== null) text = `${e.deadlineLabel ?? '办理期限'}依法延长${amountZh(e.amount, e.unit)}`;
    if (!text) continue;
    out.push({ at: e.at, text: `${prefix}${text}` });
  }
  return out;
}

/** The state in the citizen's words; a closed case says how it was closed. */
export function citizenStateName(state: string, stage: string, decisions: PetitionDecisions): string {
  const review = stage === 'fucha' ? '复查' : stage === 'fuhe' ? '复核' : '';
  if (state === 'withdrawn') return '已撤回';
  if (state === 'closed') {
    if (decisions.withdrawal) return '已撤回';
    if (decisions.rejection) return '不予受理';
    if (decisions.refuseAgain) return '不再受理';
    return review ? `${review}已办结` : '已办结';
  }
  const names: Record<string, string> = {
    registered: '已登记，待受理',
    assigned: '已交承办单位，待受理',
    objected: '正在确定承办单位',
    handling: review ? `${review}办理中` : '办理中',
    replied: review ? `已出具${review}意见，待送达` : '已出具处理意见，待送达',
    delivered: review ? `${review}意见已送达` : '处理意见已送达',
    under_review: '复查/复核中',
    transferred: '已转送有权处理的机关',
    terminated: '已终结（复核后不再受理同一事项）',
  };
  return names[state] ?? state;
}
