import type { ErrorBody } from './types.ts';

/** A failed API call, carrying the server's stable code and zh-CN message. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly data?: Record<string, unknown>;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.error;
    this.status = body.statusCode;
    this.data = body.data;
  }

  /** The form field the server blamed (validation errors name it in data.field). */
  get field(): string | undefined {
    const f = this.data?.field;
    return typeof f === 'string' && f !== '(整体)' ? f : undefined;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Set from the login answer and from GET /auth/me; sent on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on a 401 (except for the login call itself) so the app can go to /login. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** do not trigger the 401 redirect (login form, session probe) */
  quiet401?: boolean;
  /** extra request headers (e.g. Idempotency-Key of a resendable submission) */
  headers?: Record<string, string>;
}

function buildUrl(path: string, query?: Query): string {
  const url = `/api/v1${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'message' in value && 'statusCode' in value;
}

/** The one way the console talks to the server. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError({ error: 'NETWORK', message: '无法连接服务器，请检查网络后重试', statusCode: 0 });
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const body: ErrorBody = isErrorBody(parsed)
      ? parsed
      : { error: 'HTTP_' + response.status, message: `服务器返回错误（${response.status}）`, statusCode: response.status };
    if (response.status === 401 && !options.quiet401) onUnauthorized?.();
    throw new ApiError(body);
  }
  return parsed as T;
}

/** Uploads one file as multipart field `file` (the CSRF header as every write); answers and fails like request(). */
export async function postFile<T>(path: string, file: Blob, filename: string): Promise<T> {
  const form = new FormData();
  form.append('file', file, filename);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError({ error: 'NETWORK', message: '无法连接服务器，请检查网络后重试', statusCode: 0 });
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (response.status === 401) onUnauthorized?.();
    throw new ApiError(
      isErrorBody(parsed) ? parsed : { error: 'HTTP_' + response.status, message: `服务器返回错误（${response.status}）`, statusCode: response.status },
    );
  }
  return parsed as T;
}
