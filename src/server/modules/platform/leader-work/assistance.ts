import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { mayHandle } from '../../../kernel/supervision/index.ts';
import { loadVisibleItem, type ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import { checkRecordDate } from './record-date.ts';

export type AssistanceKind = 'relief' | 'psych';
export const ASSISTANCE_KIND_ZH: Record<AssistanceKind, string> = { relief: '帮扶救助', psych: '心理服务转介' };

export interface AssistanceInput {
  kind: AssistanceKind;
  /** 民政、残联、人社、医保、工会、妇联 … or the 心理服务 provider */
  agency: string;
  description: string;
  amount: number | null;
  date: string;
}

export interface AssistanceView extends AssistanceInput {
  id: number;
  kindName: string;
  recordedByName: string;
  recordedAt: string;
}

/** Assistance given on a case (what was done for the matter), audited on the work item. */
export async function recordAssistance(opts: {
  db: Kysely<DB>;
  modules: ModuleCatalog;
  user: SessionUser;
  actor: Actor;
  now: Date;
  workItemId: number;
  input: AssistanceInput;
}): Promise<{ id: number }> {
  if (!mayHandle(opts.user)) throw new AppError('FORBIDDEN');
  return opts.db.transaction().execute(async (trx) => {
    const item = await loadVisibleItem(trx, opts.modules, opts.user, opts.workItemId);
    const i = opts.input;
    checkRecordDate({ date: i.date, today: shanghaiDate(opts.now), label: i.kind === 'psych' ? '转介日期' : '救助日期', items: [item] });
    const row = await trx
      .insertInto('case_assistance')
      .values({
        work_item_id: opts.workItemId,
        kind: i.kind,
        agency: i.agency,
        description: i.description,
        amount: i.amount,
        on_date: i.date,
        recorded_by: opts.user.id,
        recorded_at: opts.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, opts.actor, {
      action: 'work_item.assistance',
      entityType: 'work_item',
      entityId: opts.workItemId,
      after: { assistanceId: Number(row.id), kind: ASSISTANCE_KIND_ZH[i.kind], agency: i.agency, description: i.description, amount: i.amount, date: i.date },
    });
    return { id: Number(row.id) };
  });
}

export async function listAssistance(opts: { db: Kysely<DB>; modules: ModuleCatalog; user: SessionUser; workItemId: number }): Promise<AssistanceView[]> {
  await loadVisibleItem(opts.db, opts.modules, opts.user, opts.workItemId);
  const rows = await opts.db
    .selectFrom('case_assistance as a')
    .innerJoin('users as u', 'u.id', 'a.recorded_by')
    .select(['a.id', 'a.kind', 'a.agency', 'a.description', 'a.amount', 'a.on_date', 'u.display_name', 'a.recorded_at'])
    .where('a.work_item_id', '=', opts.workItemId)
    .orderBy('a.on_date', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    kindName: ASSISTANCE_KIND_ZH[r.kind],
    agency: r.agency,
    description: r.description,
    amount: r.amount === null ? null : Number(r.amount),
    date: r.on_date,
    recordedByName: r.display_name,
    recordedAt: new Date(r.recorded_at).toISOString(),
  }));
}
