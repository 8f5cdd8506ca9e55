import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { PLAN_KIND_ZH, targetVisibleSql } from '../inspections/index.ts';

export interface EnterpriseInspection {
  targetId: number;
  planId: number;
  planTitle: string;
  kindName: string;
  unitName: string;
  periodFrom: string;
  periodTo: string;
  inspectedOn: string | null;
  resultName: string;
  recordNo: string | null;
}

const RESULT_ZH = { pass: '未发现问题', hazards: '发现隐患' } as const;

/**
 * The inspections of one enterprise for its page, newest first, under the inspections' own visibility rule (a
 * 四不两直 / 暗访 visit stays hidden from the enterprise and its township until it has been recorded).
 */
export async function listEnterpriseInspections(db: Kysely<DB>, user: SessionUser, enterpriseId: number): Promise<EnterpriseInspection[]> {
  const rows = await db
    .selectFrom('safety_inspection_targets as t')
    .innerJoin('safety_inspection_plans as p', 'p.id', 't.plan_id')
    .innerJoin('safety_enterprises as e', 'e.id', 't.enterprise_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('safety_inspection_records as r', 'r.target_id', 't.id')
    .select([
      't.id',
      'p.id as plan_id',
      'p.title',
      'p.kind',
      'u.name as unit_name',
      sql<string>`p.period_from::text`.as('period_from'),
      sql<string>`p.period_to::text`.as('period_to'),
      sql<string | null>`to_char(t.inspected_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('inspected_on'),
      't.result',
      'r.record_no',
    ])
    .where('t.enterprise_id', '=', enterpriseId)
    .where(targetVisibleSql(user, 't', 'p', 'e'))
    .orderBy('p.period_from', 'desc')
    .orderBy('t.id', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    targetId: Number(r.id),
    planId: Number(r.plan_id),
    planTitle: r.title,
    kindName: PLAN_KIND_ZH[r.kind],
    unitName: r.unit_name,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    inspectedOn: r.inspected_on,
    resultName: r.result ? RESULT_ZH[r.result] : '待检查',
    recordNo: r.record_no,
  }));
}
