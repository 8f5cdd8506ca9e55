import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, renderMessage, type ErrorCode } from '../errors.ts';
import { fieldLabel } from './zod-messages.ts';

/** The body of every error answer: stable code, zh-CN message, optional detail. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  statusCode: number;
  data?: Record<string, unknown>;
}

function send(reply: FastifyReply, code: ErrorCode, status: number, message: string, data?: Record<string, unknown>) {
  const body: ErrorBody = { error: code, message, statusCode: status, ...(data ? { data } : {}) };
  return reply.status(status).send(body);
}

/** Fastify's and its plugins' own 4xx, in Chinese (their English never reaches a user). */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持该内容类型（Content-Type），请以 JSON（application/json）提交',
  FST_ERR_CTP_EMPTY_TYPE: '缺少内容类型（Content-Type），请以 JSON（application/json）提交',
  FST_ERR_CTP_INVALID_TYPE: '内容类型（Content-Type）不正确，请以 JSON（application/json）提交',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求内容为空：声明为 JSON 的请求须带有 JSON 内容',
  FST_ERR_CTP_INVALID_JSON_BODY: '请求内容不是有效的 JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: '请求长度（Content-Length）与实际内容不符',
  FST_ERR_CTP_BODY_TOO_LARGE: '提交的内容过大',
  FST_ERR_BAD_URL: '网址格式不正确（含有无法识别的字符编码）',
  FST_ERR_ASYNC_CONSTRAINT: '请求无法匹配接口，请检查网址',
  FST_ERR_VALIDATION: '提交的内容不符合要求',
  FST_INVALID_MULTIPART_CONTENT_TYPE: '请以表单（multipart/form-data）方式上传文件',
  FST_REQ_FILE_TOO_LARGE: '上传的文件过大',
  FST_PARTS_LIMIT: '上传的表单项过多',
  FST_FILES_LIMIT: '每次只能上传一个文件',
  FST_FIELDS_LIMIT: '上传的表单字段过多',
  FST_PROTO_VIOLATION: '表单字段名不合法',
  FST_INVALID_JSON_FIELD_ERROR: '表单字段不是有效的 JSON',
  FST_MP_PREMATURE_CLOSE: '上传未完成，连接已中断，请重新上传',
};

/**
 * PostgreSQL's "this value is not acceptable" errors (invalid byte sequence, unsupported escape, bad or
 * out-of-range date/time, number out of range, bad text for a type, value too long, index row too big,
 * negative LIMIT/OFFSET). Schemas refuse all of these first; this is only the safety net, so a value that
 * slips past one answers 400 rather than 500 (and is logged as a warning naming the route, to be fixed).
 */
export const PG_INPUT_ERRORS = new Set(['22021', '22P05', '22007', '22008', '22003', '22P02', '22001', '54000', '2201W', '2201X', '22023']);

/** The zh-CN answer to one of Fastify's (or a plugin's) client errors; null when `error` is none of them. */
export function fastifyClientError(error: unknown): { status: number; message: string; code: string } | null {
  const fe = error as Partial<FastifyError> | null;
  if (!fe || typeof fe !== 'object' || typeof fe.statusCode !== 'number' || fe.statusCode < 400 || fe.statusCode >= 500) return null;
  const message = (fe.code && FASTIFY_MESSAGES[fe.code]) ?? '请求格式不正确，请检查提交的内容';
  return { status: fe.statusCode, message, code: fe.code ?? 'BAD_REQUEST' };
}

/** The field a validation issue points at: its dotted path (for clients) and its Chinese name (for people). */
function fieldOf(path: ReadonlyArray<PropertyKey>): { field: string; label: string } {
  return { field: path.length ? path.map(String).join('.') : '(整体)', label: fieldLabel(path) };
}

/**
 * One place turns every failure into the catalogue's shape. Validation errors name the field;
 * unknown errors are logged with the request id and answered with a generic 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | ZodError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return send(reply, error.code, error.status, error.message, error.data);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const { field, label } = fieldOf(first ? first.instancePath.split('/').filter(Boolean) : []);
      return send(reply, 'VALIDATION_FAILED', 400, renderMessage('VALIDATION_FAILED', { detail: `${label}：${first?.message ?? '格式不正确'}` }), {
        field,
        issues: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      });
    }
    if (error instanceof ZodError) {
      const first = error.issues[0];
      const { field, label } = fieldOf(first?.path ?? []);
      return send(reply, 'VALIDATION_FAILED', 400, renderMessage('VALIDATION_FAILED', { detail: `${label}：${first?.message ?? '格式不正确'}` }), {
        field,
      });
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, 'PAYLOAD_TOO_LARGE', 413, renderMessage('PAYLOAD_TOO_LARGE'));
    const client = fastifyClientError(fe);
    if (client) return send(reply, 'BAD_REQUEST', client.status, client.message, { code: client.code });
    if (typeof fe.code === 'string' && PG_INPUT_ERRORS.has(fe.code)) {
      request.log.warn({ err: error, reqId: request.id, route: request.routeOptions.url }, 'unvalidated input reached the database');
      return send(
        reply,
        'VALIDATION_FAILED',
        400,
        renderMessage('VALIDATION_FAILED', { detail: '含有系统不能接受的值（如不可见字符、不存在的日期或超出范围的数字），请检查后重新提交' }),
      );
    }
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return send(reply, 'INTERNAL', 500, renderMessage('INTERNAL', { requestId: request.id }));
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, 'ROUTE_NOT_FOUND', 404, renderMessage('ROUTE_NOT_FOUND', { method: request.method, url: request.url.split('?')[0] })),
  );
}

/** Fastify's `frameworkErrors`: a URL it cannot decode (FST_ERR_BAD_URL) answers in the catalogue's shape, in Chinese. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const client = fastifyClientError(error) ?? { status: 400, message: '请求格式不正确，请检查网址', code: error.code };
  void send(reply, 'BAD_REQUEST', client.status, client.message, { code: client.code });
}
