import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { Open311Error } from './open311-error.ts';

/** One GeoReport v2 service: a public 信访 category (a leaf of the category tree). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export interface PublicCategory {
  id: number;
  name: string;
  groupName: string;
}

/**
 * The public categories: enabled leaves of the 信访 category tree (a parent that has enabled children is a
 * group, not a service). The group is the parent's name; a top-level leaf is its own group.
 */
export async function listPublicCategories(db: Kysely<DB>): Promise<PublicCategory[]> {
  const rows = await db.selectFrom('petition_categories').select(['id', 'parent_id', 'name', 'sort', 'disabled']).orderBy('sort').orderBy('id').execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const hasChildren = new Set(rows.filter((r) => !r.disabled && r.parent_id !== null).map((r) => Number(r.parent_id)));
  const parentsInOrder = rows.filter((r) => r.parent_id === null);
  const out: PublicCategory[] = [];
  for (const parent of parentsInOrder) {
    if (parent.disabled) continue;
    if (!hasChildren.has(Number(parent.id))) {
      out.push({ id: Number(parent.id), name: parent.name, groupName: parent.name });
      continue;
    }
    for (const child of rows) {
      if (child.disabled || Number(child.parent_id) !== Number(parent.id) || hasChildren.has(Number(child.id))) continue;
      out.push({ id: Number(child.id), name: child.name, groupName: byId.get(Number(parent.id))!.name });
    }
  }
  return out;
}

export const toService = (c: PublicCategory): Open311Service => ({
  service_code: String(c.id),
  service_name: c.name,
  description: `${c.groupName}／${c.name}：向县信访部门反映的建议意见、检举控告或申诉求决，按《信访工作条例》办理`,
  // attributes are defined (matter type, place), all optional: the spec asks metadata=true whenever a definition exists
  metadata: true,
  type: 'realtime',
  keywords: [c.groupName, c.name].filter((v, i, a) => a.indexOf(v) === i).join(','),
  group: c.groupName,
});

/** The public category `code` names, else 404 in the spec's format. */
export async function findPublicCategory(db: Kysely<DB>, code: string, status = 404): Promise<PublicCategory> {
  const found = /^\d{1,15}$/.test(code) ? (await listPublicCategories(db)).find((c) => c.id === Number(code)) : undefined;
  if (!found) throw new Open311Error(status, `service_code “${code.slice(0, 40)}” 不存在：请从 services.json 中选择`);
  return found;
}

export const MATTER_TYPE_VALUES = [
  { key: 'suggestion', name: '建议意见（默认）' },
  { key: 'accusation', name: '检举控告' },
  { key: 'appeal', name: '申诉求决（须实名：first_name/last_name 必填）' },
] as const;

/** The service definition: two optional attributes, the matter type and the place (a unit id of the county). */
export function serviceDefinition(c: PublicCategory) {
  return {
    service_code: String(c.id),
    attributes: [
      {
        variable: true,
        code: 'matter_type',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: '信访事项类型，默认 suggestion（建议意见）',
        order: 1,
        description: '信访事项类型',
        values: MATTER_TYPE_VALUES.map((v) => ({ key: v.key, name: v.name })),
      },
      {
        variable: true,
        code: 'place_unit_id',
        datatype: 'number',
        required: false,
        datatype_description: '问题属地（乡镇、村/社区）的单位编号；不填或无效时为本县',
        order: 2,
        description: '问题属地单位编号',
        values: [] as { key: string; name: string }[],
      },
    ],
  };
}
