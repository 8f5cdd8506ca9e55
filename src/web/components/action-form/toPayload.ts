import dayjs from 'dayjs';
import { fieldKind, unwrap, type JsonSchema } from './jsonSchema.ts';

export type FormValues = Record<string, unknown>;

/** Form values → the action's input: days as 'YYYY-MM-DD', instants as ISO, text trimmed, empty fields left out (the server applies its defaults). */
export function toPayload(schema: JsonSchema, values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const v = values[name];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    const kind = fieldKind(name, raw);
    if (kind === 'object' && typeof v === 'object') out[name] = toPayload(unwrap(raw), v as FormValues);
    else if (dayjs.isDayjs(v)) out[name] = kind === 'datetime' ? v.toISOString() : v.format('YYYY-MM-DD');
    else if (typeof v === 'string') out[name] = v.trim();
    else out[name] = v;
  }
  return out;
}
