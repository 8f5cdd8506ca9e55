import { sql, type RawBuilder } from 'kysely';

/**
 * The township (or street) a unit lies in — the ancestor of that kind on its path, itself if it is one — read from
 * the unit path at `pathRef` (e.g. 'pu.path'): its id or its name. The one definition the register, the statistics and
 * the screening campaigns share (乡镇（街道） of a dispute = of its place).
 */
export function townshipOf(pathRef: string, column: 'id'): RawBuilder<number | null>;
export function townshipOf(pathRef: string, column: 'name'): RawBuilder<string | null>;
export function townshipOf(pathRef: string, column: 'id' | 'name'): RawBuilder<number | string | null> {
  return sql`(select ${sql.ref(`t.${column}`)} from units t where t.kind in ('township', 'street') and ${sql.ref(pathRef)} like t.path || '%' order by length(t.path) desc limit 1)`;
}

/**
 * Every unit with its township's id, as a table to join on a unit id: over many rows (the statistics on a million
 * disputes) the township is worked out once per unit, not once per dispute.
 */
// OFFSET 0 keeps the planner from pulling the table up into the outer query (it would then run the subquery per dispute)
export const unitTownships = () => sql`(select u.id as unit_id, ${townshipOf('u.path', 'id')} as township_id from units u offset 0)`;
