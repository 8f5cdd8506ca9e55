import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, renderMessage, type ErrorCode } from '../errors.ts';

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

function describeIssuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.length ? path.map(String).join('.') : '(整体)';
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
      const field = first ? `${error.validationContext ?? 'body'}.${describeIssuePath(first.instancePath.split('/').filter(Boolean))}` : 'body';
      const detail = `${field.replace(/^(body|querystring|params|headers)\./, '')}：${first?.message ?? '格式不正确'}`;
      return send(reply, 'VALIDATION_FAILED', 400, renderMessage('VALIDATION_FAILED', { detail }), {
        field: field.replace(/^(body|querystring|params|headers)\./, ''),
        issues: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      });
    }
    if (error instanceof ZodError) {
      const first = error.issues[0];
      const field = describeIssuePath(first?.path ?? []);
      return send(reply, 'VALIDATION_FAILED', 400, renderMessage('VALIDATION_FAILED', { detail: `${field}：${first?.message}` }), {
        field,
      });
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(reply, 'PAYLOAD_TOO_LARGE', 413, renderMessage('PAYLOAD_TOO_LARGE'));
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, 'BAD_REQUEST', fe.statusCode, renderMessage('BAD_REQUEST', { detail: fe.message }));
    }
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return send(reply, 'INTERNAL', 500, renderMessage('INTERNAL', { requestId: request.id }));
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, 'ROUTE_NOT_FOUND', 404, renderMessage('ROUTE_NOT_FOUND', { method: request.method, url: request.url.split('?')[0] })),
  );
}
