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
/** 复查 / 复核 of a review case; the step after a case of `stage` (an initial case is reviewed by 复查, a 复查 by 复核) */
const REVIEW: Record<string, string> = { fucha: '复查', fuhe: '复核' };
const NEXT_REVIEW: Record<string, string> = { initial: '复查', fucha: '复核' };
const opinionOf = (stage: string) => (REVIEW[stage] ? `${REVIEW[stage]}意见书` : '处理意见书');

const FIXED: Record<string, string> = {
  'petition.register': '信访事项已登记',
  'petition.accept': '信访事项已受理，进入办理（见《受理告知书》）',
  'petition.reject': '作出不予受理决定，请查看《不予受理告知书》',
  'petition.transfer': '信访事项已转送有权处理的机关（见《转送告知书》）',
  'petition.assign': '信访事项已交由承办单位办理（见《交办告知书》）',
  'petition.evaluate': '您已对处理意见作出评价',
  'petition.close': '信访事项已办结',
  'petition.withdraw': '信访事项已撤回',
  'petition.refuse_again': '同一事项已复核终结，决定不再受理（见《不再受理告知书》）',
  'petition.chain': '',
};

/** Events worded by the stage they happened in: they name it themselves (已出具复查意见书), so they take no prefix. */
const BY_STAGE: Record<string, (stage: string) => string> = {
  'petition.reply': (stage) => `已出具${opinionOf(stage)}`,
  'petition.deliver': (stage) => `${opinionOf(stage)}已送达`,
  'petition.apply_review': (stage) => `您已提出${NEXT_REVIEW[stage] ?? '复查'}申请`,
  'petition.review_open': (stage) => `${REVIEW[stage] ?? '复查'}已立案，进入办理`,
};

/** One citizen-safe line per relevant event, in time order. */
export function citizenTimeline(entries: CitizenTimelineInput[], stage: string): { at: string; text: string }[] {
  const prefix = STAGE_PREFIX[stage] ?? '';
  const out: { at: string; text: string }[] = [];
  for (const e of entries) {
    const byStage = BY_STAGE[e.kind];
    if (byStage) {
      out.push({ at: e.at, text: byStage(stage) });
      continue;
    }
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
    under_review: `${NEXT_REVIEW[stage] ?? '复核'}中`,
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
