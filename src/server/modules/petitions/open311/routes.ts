import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../../app.ts';
import { createOnlineRegistration } from '../register-online.ts';
import { FORMATS, sendList, toXmlDocument, type Format } from './format.ts';
import { Open311Error, open311ErrorHandler } from './open311-error.ts';
import { authenticateApiKey, type PartnerApp } from './api-keys.ts';
import { createRateLimiter } from './rate-limit.ts';
import { findPublicCategory, listPublicCategories, serviceDefinition, toService } from './services.ts';
import { parseRequestInput } from './request-input.ts';
import { createOpen311Request } from './create-request.ts';
import { findRequests } from './read-requests.ts';
import { isIsoDateTime } from '../../../core/http/input.ts';

/** Requests per minute from one client address, across all Open311 resources (keys have their own limit). */
const PER_ADDRESS_PER_MINUTE = 600;
const MAX_RESULTS = 1000;
const DEFAULT_WINDOW_DAYS = 90;

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** start_date / end_date: a W3C datetime (with offset) or a date, read in Beijing time. */
function w3cParam(name: string, value: string | undefined, endOfDay: boolean): Date | undefined {
  if (!value) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}+08:00` : value;
  // a day that exists (2026-02-30 is refused, not rolled over to 3 March)
  if (!isIsoDateTime(iso)) throw new Open311Error(400, `${name} 应为真实存在的 W3C 日期时间，例如 2026-11-23T09:00:00+08:00`);
  const d = new Date(iso);
  return d;
}

function listParam(name: string, value: string | undefined, pattern: RegExp, max: number): string[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length > max) throw new Open311Error(400, `${name} 最多 ${max} 项`);
  const bad = items.find((s) => !pattern.test(s));
  if (bad) throw new Open311Error(400, `${name} 中的“${bad.slice(0, 40)}”格式不正确`);
  return items;
}

/**
 * Open311 GeoReport v2 at /open311/v2 (outside /api/v1: partner apps speak the standard, not our API).
 * Every resource in .json and .xml; errors in the spec's list format; form-encoded and JSON bodies.
 */
export async function registerOpen311(app: App, deps: AppDeps): Promise<void> {
  await app.register(
    async (scope: FastifyInstance) => {
      const db = deps.database.db;
      const register = createOnlineRegistration(db, deps.keys);
      const hit = createRateLimiter();

      scope.setErrorHandler(open311ErrorHandler);
      scope.setNotFoundHandler((request, reply) =>
        open311ErrorHandler(new Open311Error(404, `资源不存在：${request.method} ${request.url.split('?')[0]!.slice(0, 100)}`), request, reply),
      );
      // the spec's clients post forms; parsed here only (the staff API stays JSON-only)
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
        const fields: Record<string, string> = {};
        for (const [k, v] of new URLSearchParams(body as string)) fields[k] = v;
        done(null, fields);
      });
      scope.addHook('onRequest', async (request) => hit(`ip:${request.ip}`, PER_ADDRESS_PER_MINUTE));

      /** The partner app behind `api_key`, rate limited per key; null when reading without one. */
      async function partnerOf(key: string | undefined, required: boolean): Promise<PartnerApp | null> {
        if (!key && !required) return null;
        const partner = await authenticateApiKey(db, key);
        hit(`key:${partner.id}`, partner.ratePerMinute);
        return partner;
      }
      const queryOf = (request: FastifyRequest) => request.query as Query;
      const hidden = { schema: { hide: true } };

      for (const f of FORMATS as Format[]) {
        scope.get(`/services.${f}`, hidden, async (_request, reply) => {
          const services = (await listPublicCategories(db)).map(toService);
          return sendList(reply, f, 'services', 'service', services);
        });

        scope.get(`/services/:code.${f}`, hidden, async (request, reply) => {
          const def = serviceDefinition(await findPublicCategory(db, (request.params as { code: string }).code));
          if (f === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(def));
          const xml = toXmlDocument({
            service_definition: {
              service_code: def.service_code,
              attributes: { attribute: def.attributes.map((a) => ({ ...a, values: a.values.length ? { value: a.values } : '' })) },
            },
          });
          return reply.type('application/xml; charset=utf-8').send(xml);
        });

        scope.post(`/requests.${f}`, { ...hidden, bodyLimit: 64 * 1024 }, async (request, reply) => {
          const raw = (request.body ?? {}) as Record<string, unknown>;
          const partner = (await partnerOf(typeof raw.api_key === 'string' ? raw.api_key : one(queryOf(request).api_key), true))!;
          const input = parseRequestInput(raw);
          const category = await findPublicCategory(db, input.service_code, 400);
          const idem = request.headers['idempotency-key'];
          const idempotencyKey = typeof idem === 'string' && idem.trim() ? idem.trim() : null;
          if (idempotencyKey && idempotencyKey.length > 200) throw new Open311Error(400, 'Idempotency-Key 最长 200 个字符');
          const created = await createOpen311Request({ db, register, partner, category, input, idempotencyKey, ip: request.ip, now: deps.clock.now() });
          return sendList(reply, f, 'service_requests', 'request', [created], 201);
        });

        scope.get(`/requests.${f}`, hidden, async (request, reply) => {
          const q = queryOf(request);
          const partner = await partnerOf(one(q.api_key), false);
          const ids = listParam('service_request_id', one(q.service_request_id), /^[0-9A-Za-z-]{1,40}$/, MAX_RESULTS);
          const codes = listParam('service_code', one(q.service_code), /^\d{1,15}$/, 100)?.map(Number);
          const statuses = listParam('status', one(q.status), /^(open|closed)$/, 2) as ('open' | 'closed')[] | undefined;
          const end = w3cParam('end_date', one(q.end_date), true);
          let start = w3cParam('start_date', one(q.start_date), false);
          if (start && end && start > end) throw new Open311Error(400, 'start_date 不能晚于 end_date');
          if (!start) start = new Date((end ?? deps.clock.now()).getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
          const requests = await findRequests(db, {
            ids,
            serviceCodes: codes,
            start,
            end,
            status: statuses,
            partnerId: partner?.id ?? null,
            limit: MAX_RESULTS,
          });
          return sendList(reply, f, 'service_requests', 'request', requests);
        });

        scope.get(`/requests/:id.${f}`, hidden, async (request, reply) => {
          const partner = await partnerOf(one(queryOf(request).api_key), false);
          const id = (request.params as { id: string }).id;
          const found = /^[0-9A-Za-z-]{1,40}$/.test(id) ? await findRequests(db, { ids: [id], partnerId: partner?.id ?? null, limit: 1 }) : [];
          if (!found.length) throw new Open311Error(404, `service_request_id “${id.slice(0, 40)}” 不存在`);
          return sendList(reply, f, 'service_requests', 'request', found);
        });

        // requests are created synchronously: the token is the request id itself
        scope.get(`/tokens/:token.${f}`, hidden, async (request, reply) => {
          const partner = await partnerOf(one(queryOf(request).api_key), false);
          const token = (request.params as { token: string }).token;
          const found = /^[0-9A-Za-z-]{1,40}$/.test(token) ? await findRequests(db, { ids: [token], partnerId: partner?.id ?? null, limit: 1 }) : [];
          if (!found.length) throw new Open311Error(404, `token “${token.slice(0, 40)}” 不存在`);
          return sendList(reply, f, 'service_requests', 'request', [{ token, service_request_id: found[0]!.service_request_id }]);
        });
      }
    },
    { prefix: '/open311/v2' },
  );
}
