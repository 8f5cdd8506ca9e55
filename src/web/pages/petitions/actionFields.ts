import type { JsonSchema } from '../../api/petitions.ts';

/**
 * How an action's input is asked for. The server sends each allowed action's input as JSON schema
 * (z.toJSONSchema); the form is built from it so the console follows the server's exact shapes.
 * These tables only give the fields zh-CN labels and the right widgets.
 */
export const FIELD_LABELS: Record<string, string> = {
  note: '说明',
  reason: '理由',
  reasons: '退回理由',
  legalRoute: '法定途径',
  legalRouteText: '法定途径',
  route: '法定途径',
  leadUnitId: '主办单位',
  assistUnitIds: '协办单位',
  territorialUnitId: '属地单位',
  leaderId: '包案领导',
  unitId: '单位',
  toUnitId: '转送单位',
  toUnitName: '转送单位',
  unitName: '单位名称',
  decision: '决定',
  outcome: '处理结果',
  facts: '查明事实',
  legalBasis: '法律依据',
  amount: '延长天数',
  days: '延长天数',
  approverUserId: '批准人',
  approvedBy: '批准人',
  date: '日期',
  deliveredOn: '送达日期',
  deliveredAt: '送达日期',
  deliveryDate: '送达日期',
  method: '送达方式',
  evaluation: '评价',
  result: '评价',
  satisfaction: '评价',
  comment: '意见',
  acceptedOn: '受理日期',
  dueDays: '办理期限（日）',
  routes: '告知的法定途径',
  otherRoute: '其他途径',
  reviewUnitId: '复查/复核机关',
  petitionerAccepted: '信访人已明确接受处理意见',
};

export const ENUM_LABELS: Record<string, string> = {
  support: '支持',
  explain: '解释说明',
  reject: '不予支持',
  uphold: '同意退回（重新交办）',
  overrule: '不同意退回（维持交办）',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  unsatisfied: '不满意',
  fuyi: '行政复议',
  susong: '行政诉讼',
  litigation: '诉讼',
  arbitration: '仲裁',
  other: '其他',
  direct: '直接送达',
  mail: '邮寄送达',
  post: '邮寄送达',
  electronic: '电子送达',
  online: '网上送达',
};

/** A one-line hint under fields whose meaning is not obvious. */
export const FIELD_HELP: Record<string, string> = {
  legalRoute: '诉访分离：告知可依法申请行政复议（60日内）或提起行政诉讼（6个月内）等途径。',
  amount: '延期最长30日，须经批准，并将延期理由告知信访人。',
  days: '延期最长30日，须经批准，并将延期理由告知信访人。',
  approverUserId: '主办单位负责人或县领导。',
  routes: '诉访分离：行政复议（知道之日起60日内）、行政诉讼（6个月内）。',
  petitionerAccepted: '未勾选时，须待复查/复核申请期限届满后方可办结。',
  reasons: '仅主办单位可在交办后5个工作日内退回，并说明理由。',
  leaderId: '三位一体：主办单位、属地单位和包案领导共同负责。',
};

export type FieldKind =
  | 'unit'
  | 'units'
  | 'leader'
  | 'user'
  | 'date'
  | 'enum'
  | 'enumMulti'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'tags'
  | 'text'
  | 'textarea'
  | 'object';

/** The non-null branch of a nullable/optional schema. */
export function unwrap(schema: JsonSchema): JsonSchema {
  if (schema.anyOf?.length) return schema.anyOf.find((s) => s.type !== 'null') ?? schema;
  return schema;
}

const typeOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

export function fieldKind(name: string, raw: JsonSchema): FieldKind {
  const s = unwrap(raw);
  const t = typeOf(s);
  if (/UnitIds$/.test(name)) return 'units';
  if (/UnitId$/.test(name) || name === 'unitId') return 'unit';
  if (/^leaderId$/.test(name)) return 'leader';
  if (/UserId$/.test(name) || name === 'approvedBy') return 'user';
  if (s.enum?.length) return 'enum';
  if (t === 'object') return 'object';
  if (t === 'boolean') return 'boolean';
  if (t === 'integer') return 'integer';
  if (t === 'number') return 'number';
  if (t === 'array') return s.items && unwrap(s.items).enum?.length ? 'enumMulti' : 'tags';
  if (s.format === 'date' || /(Date|On|^date)$/.test(name)) return 'date';
  if (s.format === 'date-time') return 'date';
  if ((s.maxLength ?? 1000) > 100 || /note|reason|facts|legalBasis|content|comment/i.test(name)) return 'textarea';
  return 'text';
}

/** The server's description ("受理日期，默认今天") is more precise than a generic name like "date". */
export function fieldLabel(name: string, schema: JsonSchema): string {
  const description = schema.description ?? unwrap(schema).description;
  return description?.split(/[，,]/)[0] || FIELD_LABELS[name] || name;
}

/** The rest of the server's description, e.g. "默认今天". */
export function fieldDescriptionHint(schema: JsonSchema): string | undefined {
  const description = schema.description ?? unwrap(schema).description;
  const rest = description?.split(/[，,]/).slice(1).join('，');
  return rest || undefined;
}

/** Required in the schema and without a server-side default. */
export function isRequired(parent: JsonSchema, name: string): boolean {
  const prop = parent.properties?.[name];
  return !!parent.required?.includes(name) && (prop === undefined || (prop.default === undefined && unwrap(prop).default === undefined));
}

export function enumLabel(value: unknown): string {
  return ENUM_LABELS[String(value)] ?? String(value);
}

const str = (maxLength = 2000): JsonSchema => ({ type: 'string', maxLength });
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({ type: 'object', properties, required });

/** Used only when the server did not send an inputSchema for an action (shapes of brief I §5). */
export const FALLBACK_SCHEMAS: Record<string, JsonSchema> = {
  accept: obj({ date: { type: 'string', format: 'date', description: '受理日期，默认今天' }, note: str() }),
  reject: obj({ reason: str(), routes: { type: 'array', items: { type: 'string', enum: ['fuyi', 'susong'] } }, otherRoute: str(500) }, ['reason']),
  transfer: obj({ toUnitName: str(200), note: str() }, ['toUnitName']),
  assign: obj(
    { leadUnitId: { type: 'integer' }, assistUnitIds: { type: 'array', items: { type: 'integer' } }, territorialUnitId: { type: 'integer' }, leaderId: { type: 'integer' }, note: str() },
    ['leadUnitId'],
  ),
  object: obj({ reasons: str() }, ['reasons']),
  decide_objection: obj({ decision: { type: 'string', enum: ['uphold', 'overrule'] }, note: str() }, ['decision']),
  progress: obj({ note: str() }, ['note']),
  extend: obj({ amount: { type: 'integer', minimum: 1, maximum: 30 }, reason: str(), approverUserId: { type: 'integer' } }, ['amount', 'reason', 'approverUserId']),
  reply: obj({ outcome: { type: 'string', enum: ['support', 'explain', 'reject'] }, facts: str(), legalBasis: str() }, ['outcome', 'facts', 'legalBasis']),
  deliver: obj({ date: { type: 'string', format: 'date', description: '送达日期，默认今天' } }),
  evaluate: obj({ result: { type: 'string', enum: ['satisfied', 'basically_satisfied', 'unsatisfied'] } }, ['result']),
  apply_review: obj({ date: { type: 'string', format: 'date' }, reviewUnitId: { type: 'integer' }, note: str() }),
  close: obj({ petitionerAccepted: { type: 'boolean' }, note: str() }),
  refuse_again: obj({ note: str() }),
};

export function schemaFor(code: string, inputSchema: JsonSchema | undefined): JsonSchema {
  const s = inputSchema ? unwrap(inputSchema) : undefined;
  if (s && (s.properties || typeOf(s) === 'object')) return s;
  return FALLBACK_SCHEMAS[code] ?? obj({});
}
