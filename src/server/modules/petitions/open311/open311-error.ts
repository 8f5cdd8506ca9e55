import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { formatOfUrl, sendList } from './format.ts';

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
      description = `请求参数不符合要求：${fe.message}`;
    } else if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      status = fe.statusCode;
      description =
        fe.statusCode === 413
          ? '提交的内容过大'
          : fe.statusCode === 415
            ? '不支持的内容类型：请使用 application/x-www-form-urlencoded 或 application/json'
            : `请求不正确：${fe.message}`;
    }
  }
  if (status >= 500) request.log.error({ err }, 'open311: unexpected error');
  return sendList(reply, formatOfUrl(request.url), 'errors', 'error', [{ code: status, description }], status);
}
