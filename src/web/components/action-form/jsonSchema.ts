/**
 * Reading the JSON Schema the server sends with each allowed action (z.toJSONSchema of the
 * machine's zod input): which widget a field gets, its label, whether it is required.
 * Everything is decided from the schema; field names only pick the unit/leader/user pickers,
 * because an id is just an integer in JSON Schema.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  maximum?: number;
  minimum?: number;
  maxLength?: number;
  maxItems?: number;
  items?: JsonSchema;
  description?: string;
  format?: string;
  pattern?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

export type FieldKind =
  | 'unit'
  | 'units'
  | 'leader'
  | 'user'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'enumMulti'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'tags'
  | 'text'
  | 'textarea'
  | 'object';

/** The pattern zod writes for a YYYY-MM-DD string (`z.string().regex(/^\d{4}-\d{2}-\d{2}$/)`). */
const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** The non-null branch of a nullable/optional schema. */
export function unwrap(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) {
    const chosen = branches.find((s) => typeOf(s) !== 'null') ?? schema;
    // a description or default written on the wrapper still belongs to the field
    return { ...chosen, description: chosen.description ?? schema.description, default: chosen.default ?? schema.default };
  }
  return schema;
}

export function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

/** An action's input schema as an object schema, or null when the server sent none the form can use. */
export function objectSchema(inputSchema: unknown): JsonSchema | null {
  if (!inputSchema || typeof inputSchema !== 'object') return null;
  const s = unwrap(inputSchema as JsonSchema);
  return typeOf(s) === 'object' || s.properties ? s : null;
}

const isDay = (s: JsonSchema) => s.format === 'date' || s.pattern === DAY_PATTERN;

export function fieldKind(name: string, raw: JsonSchema): FieldKind {
  const s = unwrap(raw);
  const t = typeOf(s);
  if (t === 'integer' || t === 'number' || t === 'array') {
    if (/UnitIds$/.test(name) && t === 'array') return 'units';
    if (/(UnitId|^unitId)$/.test(name)) return 'unit';
    if (name === 'leaderId') return 'leader';
    if (/UserId$/.test(name)) return 'user';
  }
  if (s.enum?.length) return 'enum';
  if (t === 'object') return 'object';
  if (t === 'boolean') return 'boolean';
  if (t === 'integer') return 'integer';
  if (t === 'number') return 'number';
  if (t === 'array') return s.items && unwrap(s.items).enum?.length ? 'enumMulti' : 'tags';
  if (isDay(s)) return 'date';
  if (s.format === 'date-time') return 'datetime';
  // long free text gets a text area: a limit above a line's worth, or no limit at all
  if (s.maxLength === undefined || s.maxLength > 100) return 'textarea';
  return 'text';
}

/** The label: the server's description up to its first comma ("发生日期，默认今天" → 发生日期), else the label map. */
export function fieldLabel(name: string, schema: JsonSchema, labels: Record<string, string>): string {
  const description = unwrap(schema).description;
  return description?.split(/[，,]/)[0]?.trim() || labels[name] || name;
}

/** The rest of the server's description, e.g. "默认今天". */
export function fieldDescriptionHint(schema: JsonSchema): string | undefined {
  const description = unwrap(schema).description;
  const rest = description?.split(/[，,]/).slice(1).join('，').trim();
  return rest || undefined;
}

/** Required in the schema and without a server-side default. */
export function isRequired(parent: JsonSchema, name: string): boolean {
  const prop = parent.properties?.[name];
  return !!parent.required?.includes(name) && (prop === undefined || unwrap(prop).default === undefined);
}
