import { sql, type Kysely } from 'kysely';

/**
 * The office that issued a 督办事项 (督查办, the 牵头单位 of a 专项行动, the unit that convened a meeting, a township for
 * its villages) is an active case party of the task with the role `office` (督办单位), so the kernel's one scope rule
 * lets it see, list and verify the tasks it issued even when it is not above the doing unit — before, a department
 * leading a 专项行动 saw its rows on the action page and got 404 on their tasks. Existing tasks get the party now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE case_parties DROP CONSTRAINT case_parties_role_check;
    ALTER TABLE case_parties ADD CONSTRAINT case_parties_role_check CHECK (role IN ('lead', 'assist', 'territorial', 'leader', 'office'));
    INSERT INTO case_parties (work_item_id, role, unit_id, unit_path, active, assigned_at, assigned_by)
    SELECT st.id, 'office', st.office_unit_id, u.path, true, wi.created_at, st.assigned_by
      FROM supervision_tasks st
      JOIN units u ON u.id = st.office_unit_id
      JOIN work_items wi ON wi.id = st.id
     WHERE NOT EXISTS (SELECT 1 FROM case_parties cp WHERE cp.work_item_id = st.id AND cp.role = 'office' AND cp.active);
  `.execute(db);
}
