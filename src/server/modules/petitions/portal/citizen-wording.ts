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

/** The states before the 受理 decision: registered, 交办'd and awaiting the unit's answer, or its objection pending. */
const BEFORE_ACCEPTANCE = new Set(['registered', 'assigned', 'objected']);

/** Whether the 受理 decision on the case is still to be taken (the 受理 period runs). */
export const acceptanceUndecided = (state: string) => BEFORE_ACCEPTANCE.has(state);

/** Why a deadline shown to the citizen is 暂定 — one word on the page, the reason beside it. */
export const PROVISIONAL_REASONS = {
  undecided: '是否受理尚未决定，以受理告知为准',
  calendar: '该年度节假日安排尚未公布，公布后自动重算',
} as const;

/**
 * A deadline line as the citizen reads it: 暂定 while the 受理 decision is not taken (whatever the date, the matter may
 * yet be 不予受理 or 转送) or while its year's holidays are not loaded; the reason in words, never a flag alone.
 */
export function citizenDeadline<T extends { provisional: boolean }>(
  d: T,
  undecided: boolean,
): Omit<T, 'provisional'> & { provisional: boolean; provisionalReason: string | null } {
  const reasons = [...(undecided ? [PROVISIONAL_REASONS.undecided] : []), ...(d.provisional ? [PROVISIONAL_REASONS.calendar] : [])];
  return { ...d, provisional: reasons.length > 0, provisionalReason: reasons.length ? reasons.join('；') : null };
}

/** The petitioner's evaluation in words (满意 / 基本满意 / 不满意), in the order the form offers them. */
export const EVALUATION_CHOICES = [
  { value: 'satisfied', name: '满意' },
  { value: 'basically_satisfied', name: '基本满意' },
  { value: 'unsatisfied', name: '不满意' },
] as const;

export const evaluationName = (result: string) => EVALUATION_CHOICES.find((c) => c.value === result)?.name ?? '已评价';
