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
 * disputes) the township is worked out once per unit, not once per dispute. A join (the deepest township or street on
 * the unit's path, as townshipOf picks it) rather than townshipOf's subquery: PostgreSQL evaluated a subquery in the
 * select list of `(… offset 0)` once per joined dispute, not per unit (16,612 loops for 24 units at 50k disputes,
 * bench/results/disputes-50k-explain.txt); DISTINCT ON keeps this table apart and has no subquery to repeat.
 */
export const unitTownships = () =>
  sql`(select distinct on (u.id) u.id as unit_id, t.id as township_id
    from units u left join units t on t.kind in ('township', 'street') and u.path like t.path || '%'
    order by u.id, length(t.path) desc)`;
