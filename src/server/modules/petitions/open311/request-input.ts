import { z } from 'zod';
import { isValidPhone } from '../../../core/personal-data/index.ts';
import { Open311Error } from './open311-error.ts';
import { safeString } from '../../../core/http/input.ts';

const opt = (max: number) => safeString().trim().max(max, `最多 ${max} 个字符`).optional();

/** POST requests body after flattening: every value a string, as form-encoded clients send it. */
const postFields = z
  .object({
    api_key: z.string().optional(),
    jurisdiction_id: opt(100),
    service_code: safeString({ error: '必填：请从 services.json 中选择' }).trim().min(1, '必填：请从 services.json 中选择'),
    lat: z.coerce.number({ error: '应为数字（WGS84 纬度）' }).min(-90, '纬度应在 -90 与 90 之间').max(90, '纬度应在 -90 与 90 之间').optional(),
    long: z.coerce.number({ error: '应为数字（WGS84 经度）' }).min(-180, '经度应在 -180 与 180 之间').max(180, '经度应在 -180 与 180 之间').optional(),
    address_string: opt(500),
    address_id: opt(100),
    email: safeString().trim().max(200).email('电子邮箱格式不正确').optional(),
    device_id: opt(200),
    account_id: opt(200),
    first_name: opt(25),
    last_name: opt(25),
    phone: opt(30).refine((v) => !v || isValidPhone(v), '电话号码无效'),
    description: safeString({ error: '必填：请描述反映的问题（10—4000 字）' }).trim().min(10, '至少 10 个字').max(4000, '最多 4000 个字'),
    media_url: z
      .string()
      .trim()
      .max(1000, '最多 1000 个字符')
      .url('应为 http(s) 地址')
      .refine((v) => /^https?:\/\//i.test(v), '应为 http(s) 地址')
      .optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.lat === undefined) !== (b.long === undefined)) ctx.addIssue({ code: 'custom', path: ['lat'], message: 'lat 与 long 须同时提供' });
    if (b.lat === undefined && !b.address_string && !b.address_id)
      ctx.addIssue({ code: 'custom', path: ['location'], message: '须提供位置：lat 与 long、address_string 或 address_id 至少一项' });
    if (b.phone && !b.first_name && !b.last_name)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: '留电话须同时填写姓名（first_name / last_name）；匿名反映请不填电话' });
  });

export type Open311RequestInput = z.output<typeof postFields> & { attributes: Record<string, string> };

/**
 * Flattens what a client sent — form-encoded (`attribute[matter_type]=…`) or JSON (the same flat keys, or
 * an `attribute` object) — drops empty values (forms send empty fields) and validates it.
 */
export function parseRequestInput(raw: unknown): Open311RequestInput {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Open311Error(400, '请求体应为表单（application/x-www-form-urlencoded）或 JSON 对象');
  const fields: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  const scalar = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const attr = /^attribute\[([A-Za-z0-9_]{1,50})\](\[\])?$/.exec(k);
    if (attr) {
      const s = scalar(Array.isArray(v) ? v[0] : v);
      if (s !== undefined && s.trim() !== '') attributes[attr[1]!] = s.trim();
    } else if (k === 'attribute' && v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [ak, av] of Object.entries(v as Record<string, unknown>)) {
        const s = scalar(av);
        if (/^[A-Za-z0-9_]{1,50}$/.test(ak) && s !== undefined && s.trim() !== '') attributes[ak] = s.trim();
      }
    } else {
      const s = scalar(v);
      if (s !== undefined && s.trim() !== '') fields[k] = s;
    }
  }
  return { ...postFields.parse(fields), attributes };
}
