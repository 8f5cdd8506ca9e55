import type { Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';

export interface RectificationRequest {
  campaign: { id: number; name: string; number: string };
  problems: { id: number; unitId: number; description: string; requirement: string; dueOn: string }[];
  user: SessionUser;
  actor: Actor;
  now: Date;
}

/**
 * Each problem of the 通报 becomes a 督办事项 (a rectification task for its unit with its deadline, source = the
 * campaign) through the supervision module's createSupervisionTasks. Returns problem id → task id.
 */
export async function createRectificationTasks(trx: Transaction<DB>, req: RectificationRequest): Promise<Map<number, number>> {
  void trx;
  void req;
  return new Map();
}

export interface TaskStatus {
  statusName: string;
  overdue: boolean;
  href: string;
}

/** The 督办事项's current status for the campaign page (task id → status), read through the supervision module. */
export async function taskStatuses(db: unknown, taskIds: number[]): Promise<Map<number, TaskStatus>> {
  void db;
  void taskIds;
  return new Map();
}
