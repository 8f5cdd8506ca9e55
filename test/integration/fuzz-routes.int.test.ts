import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/core/config.ts';
import type { Database } from '../../src/server/core/db/database.ts';
import { loadPersonalDataKeys } from '../../src/server/core/personal-data/index.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';
import { ensureInitialData } from '../../src/server/seed/initial.ts';
import { openTestDatabase, TEST_BACKEND } from '../support/test-db.ts';
import { loginAs, type LoggedIn } from '../support/login.ts';

/**
 * Hostile input to every route (issue 12): every operation of the OpenAPI document and every Open311
 * resource, on a database holding the demo county, is sent NUL bytes, impossible dates, huge strings,
 * arrays where objects are expected, negative and huge numbers, bidi overrides and SQL-ish text — one
 * field at a time, the rest of the request valid — and whole bodies of the wrong shape. No answer may be
 * a 5xx or log an error, and every 4xx message is Chinese (no zod/Fastify English).
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  nullable?: boolean;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
};
type Operation = {
  parameters?: { in: 'path' | 'query'; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};

/** Values an attacker or a broken client sends in place of any field (each names a failure seen in the probe). */
const HOSTILE: unknown[] = [
  'ab\u0000cd',
  '2026-02-30',
  '2026-13-45T25:61:00+08:00',
  'x'.repeat(20_000),
  '\u202Eevil\u202C\u2066',
  "' OR 1=1; DROP TABLE users; --",
  '',
  '99999999999999999999999',
  ['a', 'b'],
  { a: 1 },
  null,
  -1,
  1.5,
  2 ** 31,
  1e308,
];
/** Query strings and paths only carry text (or repeated keys). */
const HOSTILE_QUERY: (string | string[])[] = [
  'ab\u0000cd',
  '2026-02-30',
  'x'.repeat(5_000),
  '\u202Eevil',
  "' OR 1=1; --",
  '',
  '-1',
  '1.5',
  '2147483648',
  '99999999999999999999999',
  'NaN',
  ['1', '2'],
];
const HOSTILE_PATH: string[] = ['%00', '2026-02-30', '-1', '1.5', '99999999999999999999999', 'NaN', '%E2%80%AE', "'%20OR%201=1", 'x'.repeat(3000)];

const ECHOED = HOSTILE.filter((v): v is string => typeof v === 'string' && v.length > 3).sort((a, b) => b.length - a.length);

/** Routes left out on purpose: they end the fuzzer's own session. */
const SKIP = new Set(['POST /api/v1/auth/logout']);

/** English sentences from zod, Fastify or a library: two English words in a row. */
const ENGLISH = /[A-Za-z]{3,}[,.:;]?\s+[A-Za-z]{2,}/;
const CJK = /[\u4e00-\u9fff]/;

function firstOf(schema: JsonSchema): JsonSchema {
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return firstOf(alt.find((s) => s.type !== 'null') ?? alt[0]!);
  if (schema.allOf?.length) return firstOf(schema.allOf[0]!);
  return schema;
}

/** A plausible valid value for a schema (the rest of the request stays valid while one field is hostile). */
function sample(schemaIn: JsonSchema, name = ''): unknown {
  const schema = firstOf(schemaIn);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  // a list or object defaulting to empty is still filled, so its inner fields get a valid neighbourhood
  if (schema.default !== undefined && type !== 'array' && type !== 'object') return schema.default;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(schema.properties ?? {})) if (schema.required?.includes(k)) out[k] = sample(v, k);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, () => sample(schema.items ?? {}, name));
    case 'integer':
    case 'number':
      return Math.max(typeof schema.minimum === 'number' ? schema.minimum : 1, 1);
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'date' || /date|from|to$|On$|day/i.test(name) || schema.pattern?.includes('\\d{4}')) return '2026-03-02';
      if (schema.format === 'date-time') return '2026-03-02T09:00:00+08:00';
      if (schema.format === 'email') return 'a@example.cn';
      if (schema.format === 'uri') return 'https://example.cn/a';
      return '测'.repeat(Math.max(schema.minLength ?? 1, 1));
    }
    default:
      return '测';
  }
}

/** Paths to the leaves of a body (two levels: top-level fields and the fields of their objects/array items). */
function fieldPaths(schemaIn: JsonSchema, prefix: (string | number)[] = [], depth = 0): (string | number)[][] {
  const schema = firstOf(schemaIn);
  const out: (string | number)[][] = [];
  if (schema.type === 'object' || schema.properties) {
    for (const [k, v] of Object.entries(schema.properties ?? {})) {
      const path = [...prefix, k];
      out.push(path);
      if (depth < 2) {
        const inner = firstOf(v);
        if (inner.type === 'array' && inner.items) out.push(...fieldPaths(inner.items, [...path, 0], depth + 1));
        else if (inner.type === 'object') out.push(...fieldPaths(inner, path, depth + 1));
      }
    }
  }
  return out;
}

function setAt(target: unknown, path: (string | number)[], value: unknown): unknown {
  const root = structuredClone(target ?? {}) as Record<string | number, unknown>;
  let node = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (node[key] === undefined || node[key] === null || typeof node[key] !== 'object') node[key] = typeof path[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return root;
}

describe(`no 5xx and no English on hostile input to any route (${TEST_BACKEND})`, () => {
  let app: App;
  let database: Database;
  let staff: LoggedIn;
  let admin: LoggedIn;
  const errorLogs: string[] = [];
  const failures: string[] = [];
  let sent = 0;
  const ids: Record<string, string> = {};

  const ip = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]! % 250}`;

  async function send(label: string, opts: InjectOptions): Promise<LightMyRequestResponse | undefined> {
    sent++;
    const logsBefore = errorLogs.length;
    let res: LightMyRequestResponse;
    try {
      res = await app.inject({ remoteAddress: ip(), ...opts });
    } catch (error) {
      failures.push(`${label} → answer broken off: ${String(error)}`);
      return undefined;
    }
    if (errorLogs.length > logsBefore) failures.push(`${label} → logged an error: ${errorLogs.slice(logsBefore).join(' | ').slice(0, 300)}`);
    if (res.statusCode >= 500) failures.push(`${label} → ${res.statusCode} ${res.body.slice(0, 300)}`);
    else if (res.statusCode >= 400) {
      const type = String(res.headers['content-type'] ?? '');
      const messages: string[] = [];
      if (type.includes('json')) {
        const body = res.json() as unknown;
        if (Array.isArray(body)) for (const e of body as { description?: string }[]) messages.push(String(e.description ?? ''));
        else messages.push(String((body as { message?: string }).message ?? ''));
      } else if (type.includes('xml')) {
        for (const m of res.body.matchAll(/<description>([^<]*)<\/description>/g)) {
          messages.push(
            m[1]!
              .replace(/&apos;/g, "'")
              .replace(/&quot;/g, '"')
              .replace(/&lt;/g, '<')
              .replace(/&gt;/g, '>')
              .replace(/&amp;/g, '&'),
          );
        }
      } else messages.push(res.body);
      for (const raw of messages) {
        // a message may quote the value sent (an unknown code, a case number): that is not the message's language
        const message = ECHOED.reduce((m, v) => m.split(v).join(''), raw);
        if (!CJK.test(message) || ENGLISH.test(message)) failures.push(`${label} → ${res.statusCode} not Chinese: ${message.slice(0, 200)}`);
      }
    }
    return res;
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    const config = { ...loadConfig({}), secretKey: randomBytes(32).toString('hex') };
    const keys = loadPersonalDataKeys({ secret: config.secretKey, dataDir: config.dataDir });
    await ensureLegalClock(database.db);
    await ensureInitialData({ database, config, demo: true, keys });
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        // errors, and the safety net's warning that a value reached the database unvalidated (a schema to fix)
        const line = chunk.toString();
        const entry = JSON.parse(line) as { level: number; msg?: string };
        if (entry.level >= 50 || entry.msg === 'unvalidated input reached the database') errorLogs.push(line);
        done();
      },
    });
    app = await buildApp({ database, config, keys, logger: { level: 'warn', stream } });
    await app.ready();
    const county = await database.db.selectFrom('units').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    staff = await loginAs({ app, database, config, close: async () => {} }, { roles: ['xfj_staff'], unitId: Number(county.id), username: 'fuzz_staff' });
    admin = await loginAs({ app, database, config, close: async () => {} }, { roles: ['sys_admin'], unitId: Number(county.id), username: 'fuzz_admin' });
    const petition = await database.db.selectFrom('petitions').select('id').orderBy('id').executeTakeFirstOrThrow();
    ids.petition = String(petition.id);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('every route of the OpenAPI document answers hostile params, query and body without a 5xx, in Chinese', async () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [methodLower, op] of Object.entries(ops)) {
        const method = methodLower.toUpperCase() as InjectOptions['method'] & string;
        const routeKey = `${method} ${path}`;
        if (SKIP.has(routeKey)) continue;
        const params = (op.parameters ?? []).filter((p) => p.in === 'path');
        const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
        const bodySchema = op.requestBody?.content['application/json']?.schema;
        const pathValues: Record<string, string> = {};
        for (const p of params)
          pathValues[p.name] = /^(id|workItemId)$/.test(p.name) && /petitions|work-items/.test(path) ? ids.petition! : String(sample(p.schema, p.name));
        const urlOf = (values: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, n: string) => values[n] ?? '1');
        const baseQuery: Record<string, string> = {};
        for (const q of queryParams) if (q.required) baseQuery[q.name] = String(sample(q.schema, q.name));
        const baseBody = bodySchema ? sample(bodySchema) : undefined;
        const who = path.startsWith('/api/v1/portal')
          ? {}
          : /\/(users|units|leaders|calendar|rules|settings|audit|admin|open311|document-templates)/.test(path)
            ? admin.headers
            : staff.headers;
        const base = (): InjectOptions => ({
          method,
          url: urlOf(pathValues),
          headers: { ...who, 'idempotency-key': `fuzz-${randomBytes(6).toString('hex')}` },
          query: { ...baseQuery },
          ...(baseBody === undefined ? {} : { payload: baseBody as object }),
        });

        // path parameters
        for (const p of params) {
          for (const v of HOSTILE_PATH) {
            const opts = base();
            opts.url = urlOf({ ...pathValues, [p.name]: v });
            await send(`${routeKey} path ${p.name}=${JSON.stringify(v).slice(0, 30)}`, opts);
          }
        }
        // query parameters, one at a time
        for (const q of queryParams) {
          for (const v of HOSTILE_QUERY) {
            const opts = base();
            opts.query = { ...baseQuery, [q.name]: v };
            await send(`${routeKey} query ${q.name}=${JSON.stringify(v).slice(0, 30)}`, opts);
          }
        }
        // body fields, one at a time, then bodies of the wrong shape
        if (bodySchema) {
          for (const field of fieldPaths(bodySchema)) {
            for (const v of HOSTILE) {
              const opts = base();
              opts.payload = setAt(baseBody, field, v) as object;
              await send(`${routeKey} body ${field.join('.')}=${JSON.stringify(v).slice(0, 30)}`, opts);
            }
          }
        }
        if (method !== 'GET' && method !== 'DELETE') {
          for (const [label, payload, type] of [
            ['array body', '[]', 'application/json'],
            ['string body', '"x"', 'application/json'],
            ['null body', 'null', 'application/json'],
            ['broken JSON', '{"a":', 'application/json'],
            ['empty JSON', '', 'application/json'],
            ['text body', 'hello', 'text/plain'],
            ['form body', 'a=1', 'application/x-www-form-urlencoded'],
          ] as const) {
            const opts = base();
            opts.payload = payload;
            opts.headers = { ...(opts.headers as Record<string, string>), 'content-type': type };
            await send(`${routeKey} ${label}`, opts);
          }
        }
      }
    }
    if (failures.length) console.log(failures.join('\n'));
    expect(failures.slice(0, 80), `${failures.length} failures of ${sent} requests`).toEqual([]);
  }, 600_000);

  it('every Open311 resource answers hostile parameters and bodies without a 5xx, in Chinese', async () => {
    const issued = await send('issue key', {
      method: 'POST',
      url: '/api/v1/open311/keys',
      headers: admin.headers,
      payload: { appName: '模糊测试应用', ratePerMinute: 10000 },
    });
    const apiKey = (issued!.json() as { apiKey: string }).apiKey;
    const services = await send('services', { method: 'GET', url: '/open311/v2/services.json' });
    const serviceCode = (services!.json() as { service_code: string }[])[0]!.service_code;
    const validPost: Record<string, string> = {
      api_key: apiKey,
      service_code: serviceCode,
      description: '路灯损坏多日，夜间通行不便，请尽快维修。',
      address_string: '龙蚕镇龙头村',
    };
    const queryFields = ['api_key', 'service_request_id', 'service_code', 'status', 'start_date', 'end_date'];
    for (const f of ['json', 'xml']) {
      for (const q of queryFields) {
        for (const v of HOSTILE_QUERY) {
          await send(`GET /open311/v2/requests.${f} query ${q}=${JSON.stringify(v).slice(0, 30)}`, {
            method: 'GET',
            url: `/open311/v2/requests.${f}`,
            query: { [q]: v },
          });
        }
      }
      for (const v of HOSTILE_PATH) {
        for (const path of [`/open311/v2/services/${v}.${f}`, `/open311/v2/requests/${v}.${f}`, `/open311/v2/tokens/${v}.${f}`]) {
          await send(`GET ${path.slice(0, 60)}`, { method: 'GET', url: path });
        }
      }
      // the body is read alike for either answer format: its fields once (JSON and form), the wrong shapes in both
      const bodyFields =
        f === 'json'
          ? [...Object.keys(validPost), 'lat', 'long', 'address_id', 'email', 'phone', 'first_name', 'last_name', 'media_url', 'attribute[matter_type]']
          : [];
      for (const field of bodyFields) {
        for (const v of HOSTILE) {
          await send(`POST /open311/v2/requests.${f} json ${field}=${JSON.stringify(v).slice(0, 30)}`, {
            method: 'POST',
            url: `/open311/v2/requests.${f}`,
            payload: { ...validPost, [field]: v },
          });
          if (typeof v === 'string') {
            await send(`POST /open311/v2/requests.${f} form ${field}=${JSON.stringify(v).slice(0, 30)}`, {
              method: 'POST',
              url: `/open311/v2/requests.${f}`,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              payload: new URLSearchParams({ ...validPost, [field]: v }).toString(),
            });
          }
        }
      }
      for (const [label, payload, type] of [
        ['array body', '[]', 'application/json'],
        ['broken JSON', '{"a":', 'application/json'],
        ['empty JSON', '', 'application/json'],
        ['text body', 'hello', 'text/plain'],
      ] as const) {
        await send(`POST /open311/v2/requests.${f} ${label}`, { method: 'POST', url: `/open311/v2/requests.${f}`, payload, headers: { 'content-type': type } });
      }
    }
    if (failures.length) console.log(failures.join('\n'));
    expect(failures.slice(0, 80), `${failures.length} failures of ${sent} requests`).toEqual([]);
  }, 600_000);
});
