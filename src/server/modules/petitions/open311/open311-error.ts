import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { formatOfUrl, sendList } from './format.ts';
import { fastifyClientError, PG_INPUT_ERRORS } from '../../../core/http/error-handler.ts';

/** An error in the GeoReport v2 format: HTTP status = code, one zh-CN sentence as description. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'Open311Error';
  }
}

// partners read the spec's field names (description, address_string), so those name the field here
const zodDescription = (err: ZodError): string => err.issues.map((i) => `${i.path.length ? `${i.path.join('.')}：` : ''}${i.message}`).join('；');

/** Maps anything thrown under /open311/v2 to the spec's error list: [{code, description}] or <errors><error>…. */
export function open311ErrorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let status = 500;
  let description = '系统内部错误，请稍后重试';
  if (err instanceof Open311Error) {
    status = err.status;
    description = err.description;
    for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
  } else if (err instanceof AppError) {
    status = err.status;
    description = err.message;
  } else if (err instanceof ZodError) {
    status = 400;
    description = zodDescription(err);
  } else {
    const fe = err as FastifyError;
    if (fe.validation) {
      status = 400;
      description = `请求参数不符合要求：${fe.validation[0]?.message ?? '格式不正确'}`;
    } else if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      status = fe.statusCode;
      description =
        fe.statusCode === 415
          ? '不支持的内容类型：请使用 application/x-www-form-urlencoded 或 application/json'
          : (fastifyClientError(fe)?.message ?? '请求格式不正确');
    } else if (typeof fe.code === 'string' && PG_INPUT_ERRORS.has(fe.code)) {
      // the safety net of error-handler.ts: a value the checks missed answers 400, logged to be fixed
      status = 400;
      description = '请求含有系统不能接受的值（如不可见字符或不存在的日期），请检查后重新提交';
      request.log.warn({ err, route: request.routeOptions.url }, 'unvalidated input reached the database');
    }
  }
  if (status >= 500) request.log.error({ err }, 'open311: unexpected error');
  return sendList(reply, formatOfUrl(request.url), 'errors', 'error', [{ code: status, description }], status);
}
