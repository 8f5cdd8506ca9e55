import { z } from 'zod';
import type { SessionUser } from '../../../core/auth/types.ts';
import { bodyId, text } from '../../../core/http/input.ts';
import { defineMachine } from '../../../kernel/machine/index.ts';
import type { ActingParty } from '../../../kernel/actions/index.ts';

export type TaskState = 'assigned' | 'in_progress' | 'reported' | 'tracking' | 'closed' | 'withdrawn';

/** The machine's view of one 督办事项. */
export interface TaskCtx {
  id: number;
  state: TaskState;
  /** false for an item of this module recorded before tasks had their own record (no actions) */
  hasTask: boolean;
  /** the unit that does the task (work_items owner) and the office that verifies it */
  unitPath: string;
  officePath: string;
  reportedBy: number | null;
}

/** County bodies that run 督查督办 for the whole county (they verify any task). */
const OFFICE_ROLES = ['dcb_staff'] as const;
/**
 * The office that issued the task (a county office, or a township for its own area) and its superiors verify it —
 * not a unit below the office (a village never 销号s its neighbour's task of the township's notice).
 */
const isOffice = (u: Pick<SessionUser, 'roles' | 'unitPath'>, item: TaskCtx) =>
  u.roles.some((r) => (OFFICE_ROLES as readonly string[]).includes(r)) ||
  (item.officePath !== '' && u.unitPath !== '' && item.officePath.startsWith(u.unitPath));
/** someone of the unit that does the task (or of a unit below it) */
export const isOfTaskUnit = (u: Pick<SessionUser, 'unitPath'>, item: Pick<TaskCtx, 'unitPath'>) => item.unitPath !== '' && u.unitPath.startsWith(item.unitPath);

const unitMember = (party: ActingParty, item: TaskCtx) => party.kind === 'staff' && item.hasTask && isOfTaskUnit(party.user, item);
/** the office verifies and 退回s — never someone of the unit that did the task */
const office = (party: ActingParty, item: TaskCtx) => party.kind === 'staff' && item.hasTask && isOffice(party.user, item) && !isOfTaskUnit(party.user, item);

/**
 * 督办事项: 已交办 → (签收) 办理中 → (反馈) 已反馈待核查 → (核查销号) 已销号, or 退回 to 办理中 with the reason.
 * 跟踪督办中 is kept for items tracked before tasks had their own record.
 */
export const TASK_MACHINE = defineMachine<TaskState, TaskCtx, 'start' | 'report' | 'verify' | 'sendBack'>({
  states: {
    assigned: { name: '已交办，待签收' },
    in_progress: { name: '办理中' },
    reported: { name: '已反馈，待核查' },
    tracking: { name: '跟踪督办中' },
    closed: { name: '已销号', final: true },
    /** the source was voided before anyone acted on the task (a 督办通知 作废 with its reason) */
    withdrawn: { name: '已撤销', final: true },
  },
  actions: {
    start: {
      name: '签收办理',
      from: ['assigned'],
      to: 'in_progress',
      policy: unitMember,
      input: z.object({ note: text(500, { min: 0 }).optional().describe('签收说明') }),
    },
    report: {
      name: '反馈办理情况',
      from: ['assigned', 'in_progress', 'tracking'],
      to: 'reported',
      policy: unitMember,
      input: z.object({
        reportText: text(4000, { min: 2 }).describe('办理情况'),
        attachmentIds: z.array(bodyId).max(20).optional().describe('佐证材料（本事项的附件）'),
      }),
    },
    verify: {
      name: '核查销号',
      from: ['reported'],
      to: 'closed',
      policy: office,
      input: z.object({ note: text(1000, { min: 2 }).describe('核查意见') }),
    },
    sendBack: {
      name: '退回重办',
      from: ['reported'],
      to: 'in_progress',
      policy: office,
      input: z.object({ reason: text(1000, { min: 2 }).describe('退回理由') }),
    },
  },
});
