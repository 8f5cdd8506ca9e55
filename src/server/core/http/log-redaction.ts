import type { FastifyRequest } from 'fastify';

/** Query parameters whose value is a credential: never written to a log (Open311 partners send `api_key` in the URL). */
export const SECRET_QUERY_PARAMS: readonly string[] = ['api_key'];
const REDACTED = '[已隐藏]';

const isSecretName = (raw: string): boolean => {
  let name = raw;
  try {
    name = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // a malformed escape: judge the raw name
  }
  return SECRET_QUERY_PARAMS.includes(name.trim().toLowerCase());
};

/** A URL (or any text holding one) with the value of every credential parameter replaced: `?api_key=[已隐藏]&…`. */
export function redactSecrets(text: string): string {
  if (!text.includes('=')) return text;
  // name=value pairs after ? or & (also inside messages and stacks that quote a URL)
  return text.replace(/([?&])([^=&#\s"'?]+)=([^&#\s"']*)/g, (whole, sep: string, name: string) => (isSecretName(name) ? `${sep}${name}=${REDACTED}` : whole));
}

/** Fastify's request log line ("incoming request"), with the URL's credentials redacted. */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactSecrets(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** An error for the log: type, message, stack, its own fields and cause — every string redacted (an error may quote the URL). */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? redactSecrets(err) : err;
  const out: Record<string, unknown> = { type: err.name, message: redactSecrets(err.message), stack: redactSecrets(err.stack ?? '') };
  for (const [key, value] of Object.entries(err)) {
    if (key in out) continue;
    out[key] = typeof value === 'string' ? redactSecrets(value) : value instanceof Error ? serializeError(value, depth + 1) : value;
  }
  if (err.cause !== undefined && depth < 5) out.cause = serializeError(err.cause, depth + 1);
  return out;
}

/**
 * pino options that keep credentials out of every log line: the request serializer (the URL with its query string),
 * the error serializer, and a hook over the messages themselves (Fastify's own warnings quote `request.url`).
 */
export function redactingLoggerOptions(options: Record<string, unknown>): Record<string, unknown> {
  const serializers = (options.serializers ?? {}) as Record<string, unknown>;
  return {
    ...options,
    serializers: { ...serializers, req: serializeRequest, err: serializeError },
    hooks: {
      logMethod(this: unknown, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a instanceof Error ? serializeError(a) : a)),
        );
      },
    },
  };
}
