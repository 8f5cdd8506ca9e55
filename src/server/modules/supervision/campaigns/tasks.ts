import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { SUPERVISION_MODULE } from '../descriptor.ts';
import { createSupervisionTasks, readSourceTasks } from '../tasks/index.ts';

/** The source kind of the 督办事项 a campaign's problems become (tasks/sources.ts). */
export const CAMPAIGN_SOURCE = 'campaign';

export interface RectificationRequest {
  campaign: { id: number; name: string; number: string; title: string };
  problems: { id: number; unitId: number; unitName: string; description: string; requirement: string; dueOn: string }[];
  user: SessionUser;
  actor: Actor;
  now: Date;
}

const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Each problem of the 通报 becomes a 督办事项 for its unit with its deadline (source = the campaign, labelled with the
 * 通报's number and title), inside the caller's transaction. Returns problem id → task id.
 */
export async function createRectificationTasks(trx: Transaction<DB>, req: RectificationRequest): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (req.problems.length === 0) return out;
  const ids = await createSupervisionTasks(trx, {
    user: req.user,
    actor: req.actor,
    now: req.now,
    source: { kind: CAMPAIGN_SOURCE, id: req.campaign.id, label: `${req.campaign.number}《${req.campaign.title}》` },
    tasks: req.problems.map((p) => ({
      unitId: p.unitId,
      title: `督查发现问题整改：${short(p.description, 60)}`,
      detail: `存在问题：${p.description}\n整改要求：${p.requirement}`,
      dueDate: p.dueOn,
    })),
  });
  req.problems.forEach((p, i) => out.set(p.id, ids[i]!));
  return out;
}

export interface TaskStatus {
  statusName: string;
  overdue: boolean;
  href: string;
}

/** The campaign's 督办事项 the user may see, by task id, with where each stands (已销号, 逾期未反馈 …). */
export async function campaignTaskStatuses(db: Kysely<DB>, user: SessionUser, campaignId: number, today: string): Promise<Map<number, TaskStatus>> {
  const { tasks } = await readSourceTasks(db, user, { kind: CAMPAIGN_SOURCE, id: campaignId }, today);
  return new Map(tasks.map((t) => [t.id, { statusName: t.statusName, overdue: t.status === 'late', href: SUPERVISION_MODULE.detailHref(t.id) }]));
}
