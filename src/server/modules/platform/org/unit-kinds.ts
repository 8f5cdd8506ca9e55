/** Unit kinds, their zh-CN names and which kinds may sit directly under which. */
export const UNIT_KINDS = ['county', 'township', 'street', 'village', 'community', 'department', 'leading_group', 'joint_meeting', 'office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_NAMES: Record<UnitKind, string> = {
  county: '县',
  township: '乡镇',
  street: '街道',
  village: '村',
  community: '社区',
  department: '县直部门',
  leading_group: '领导小组',
  joint_meeting: '联席会议',
  office: '办公室/科室',
};

/** Allowed parent kinds of each kind; the county is the only root. */
const ALLOWED_PARENTS: Record<UnitKind, readonly UnitKind[]> = {
  county: [],
  township: ['county'],
  street: ['county'],
  village: ['township', 'street'],
  community: ['street', 'township'],
  department: ['county', 'department'],
  leading_group: ['county', 'township', 'street', 'department'],
  joint_meeting: ['county', 'township', 'street', 'department'],
  office: ['county', 'township', 'street', 'department', 'leading_group', 'joint_meeting'],
};

export const GROUP_KINDS: readonly UnitKind[] = ['leading_group', 'joint_meeting'];

/** Why `kind` cannot sit under `parentKind`, or null when it can. */
export function parentProblem(kind: UnitKind, parentKind: string | null): string | null {
  const allowed = ALLOWED_PARENTS[kind];
  if (parentKind === null) return kind === 'county' ? null : `${UNIT_KIND_NAMES[kind]}必须有上级单位`;
  if (allowed.includes(parentKind as UnitKind)) return null;
  if (allowed.length === 0) return `${UNIT_KIND_NAMES[kind]}是根单位，不能设上级`;
  const parentName = UNIT_KIND_NAMES[parentKind as UnitKind] ?? parentKind;
  return `${UNIT_KIND_NAMES[kind]}不能设在${parentName}之下，上级应为：${allowed.map((k) => UNIT_KIND_NAMES[k]).join('、')}`;
}

/** Depth in the tree: '/1/' → 1, '/1/7/42/' → 3. */
export function pathLevel(path: string): number {
  return path.split('/').filter(Boolean).length;
}
