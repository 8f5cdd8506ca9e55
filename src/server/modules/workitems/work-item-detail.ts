import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { SessionUser } from '../../core/auth/types.ts';
import { AppError } from '../../core/errors.ts';
import { inScopeSql } from '../../core/access/scoped-query.ts';
import { loadRuleBook } from '../../core/clock/legal-rules.ts';
import { loadWarningThresholds, warningLevel, type WarningLevel } from '../../core/clock/warning-levels.ts';
import { getTimeline, type TimelineEntry } from '../../kernel/timeline/index.ts';
import { moduleName } from '../todo/module-names.ts';

export const DEADLINE_STATUS_ZH: Record<string, string> = { running: '计时中', paused: '已暂停', stopped: '已停止' };

export interface WorkItemDeadline {
  id: number;
  label: string;
  ruleKey: string;
  /** the rule that produced the due date (province override, else national); null if it was removed */
  ruleName: string | null;
  ruleSource: string | null;
  ruleAmount: number | null;
  ruleUnit: string | null;
  province: string;
  startDate: string;
  dueDate: string | null;
  dueAt: string | null;
  status: string;
  statusName: string;
  provisional: boolean;
  missingYears: number[];
  warningLevel: WarningLevel;
  explanation: string;
}

export interface WorkItemDetail {
  id: number;
  module: string;
  moduleName: string;
  refNo: string;
  title: string;
  state: string;
  open: boolean;
  createdAt: string;
  updatedAt: string;
  ownerUnit: { id: number; name: string };
  assignee: { id: number; name: string } | null;
  leader: { id: number; name: string; title: string } | null;
  deadlines: WorkItemDeadline[];
  timeline: TimelineEntry[];
}

/**
 * A work item with its deadlines (and the rule that produced each) and its timeline, as `user`
 * may see it: outside the user's data scope it does not exist (NOT_FOUND), like every record.
 */
export async function getWorkItemDetail(opts: { db: Kysely<DB>; user: SessionUser; id: number; today: string }): Promise<WorkItemDetail> {
  const { db, user, id, today } = opts;
  const row = await db
    .selectFrom('work_items as wi')
    .innerJoin('units as u', 'u.id', 'wi.owner_unit_id')
    .leftJoin('users as a', 'a.id', 'wi.assignee_id')
    .leftJoin('leaders as l', 'l.id', 'wi.leader_id')
    .select([
      'wi.id',
      'wi.module',
      'wi.ref_no',
      'wi.title',
      'wi.state',
      'wi.open',
      'wi.created_at',
      'wi.updated_at',
      'wi.owner_unit_id',
      'u.name as owner_unit_name',
      'wi.assignee_id',
      'a.display_name as assignee_name',
      'wi.leader_id',
      'l.name as leader_name',
      'l.title as leader_title',
    ])
    .where('wi.id', '=', id)
    .where(inScopeSql('wi.owner_unit_path', user))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');

  const [deadlines, rules, thresholds, timeline] = await Promise.all([
    db.selectFrom('deadlines').selectAll().where('work_item_id', '=', id).orderBy('id').execute(),
    loadRuleBook(db),
    loadWarningThresholds(db),
    getTimeline(db, id),
  ]);

  return {
    id: Number(row.id),
    module: row.module,
    moduleName: moduleName(row.module),
    refNo: row.ref_no,
    title: row.title,
    state: row.state,
    open: row.open,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    ownerUnit: { id: Number(row.owner_unit_id), name: row.owner_unit_name },
    assignee: row.assignee_id !== null && row.assignee_name !== null ? { id: Number(row.assignee_id), name: row.assignee_name } : null,
    leader: row.leader_id !== null && row.leader_name !== null ? { id: Number(row.leader_id), name: row.leader_name, title: row.leader_title ?? '' } : null,
    deadlines: deadlines.map((d): WorkItemDeadline => {
      const rule = rules.resolve(d.rule_key, d.province);
      return {
        id: Number(d.id),
        label: d.label,
        ruleKey: d.rule_key,
        ruleName: rule?.name ?? null,
        ruleSource: rule?.source ?? null,
        ruleAmount: rule?.amount ?? null,
        ruleUnit: rule?.unit ?? null,
        province: d.province,
        startDate: d.start_date,
        dueDate: d.due_date,
        dueAt: d.due_at ? new Date(d.due_at).toISOString() : null,
        status: d.status,
        statusName: DEADLINE_STATUS_ZH[d.status] ?? d.status,
        provisional: d.provisional,
        missingYears: (d.missing_years ?? []).map(Number),
        // only a running clock can fall due (a paused one is waiting, a stopped one is done)
        warningLevel: d.status === 'running' && d.due_date ? warningLevel(d.due_date, today, thresholds) : 'normal',
        explanation: d.explanation,
      };
    }),
    timeline,
  };
}
