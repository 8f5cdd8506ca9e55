/**
 * The portal's only way to the server: /api/v1/portal (docs/briefs portal-api contract). No cookies, no CSRF:
 * a citizen is identified per request by the track token (X-Track-Token) only.
 */

export interface PortalErrorBody {
  error: string;
  message: string;
  statusCode: number;
  data?: Record<string, unknown>;
}

/** A failed portal call with the server's zh-CN sentence telling the citizen what to do. */
export class PortalError extends Error {
  readonly code: string;
  readonly status: number;
  readonly data?: Record<string, unknown>;
  readonly retryAfter?: number;
  constructor(body: PortalErrorBody, retryAfter?: number) {
    super(body.message);
    this.name = 'PortalError';
    this.code = body.error;
    this.status = body.statusCode;
    this.data = body.data;
    this.retryAfter = retryAfter;
  }
  /** a network failure: the request may or may not have reached the server (retry with the same key) */
  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
  get field(): string | undefined {
    const f = this.data?.field;
    return typeof f === 'string' ? f : undefined;
  }
}

export type MatterType = 'suggestion' | 'accusation' | 'appeal';

export interface PortalMeta {
  countyName: string;
  intakeUnitName: string;
  noticeVersion: string;
  notice: string;
  matterTypes: { code: MatterType; name: string; explain: string; anonymousAllowed: boolean }[];
  limits: { maxFiles: number; maxFileBytes: number; accept: string[]; titleMax: number; contentMax: number };
  evaluationDays: number;
  reviewApplyDays: number;
  /** the periods the 办事指南 names, in days, from the legal rules */
  acceptDays: number;
  handleDays: number;
  handleExtendDays: number;
  reviewAnswerDays: number;
}

export interface TreeOption {
  id: number;
  name: string;
  children?: TreeOption[];
}

/** A captcha challenge: a picture of digits (a PNG data: URL; null for the accessible kind) and the work to do. */
export interface Captcha {
  id: string;
  image: string | null;
  answerLength: number;
  pow: { bits: number };
  accessible: boolean;
}

export interface UploadedFile {
  token: string;
  name: string;
  size: number;
  type: string;
}

export interface LegalRoute {
  kind: 'litigation' | 'arbitration' | 'reconsideration';
  title: string;
  text: string;
}

export interface Guidance {
  legalRoute: LegalRoute | null;
  openCases: { caseNoTail: string; receivedDate: string; stateName: string }[];
}

export interface DeadlineLine {
  label: string;
  dueDate: string | null;
  ruleName: string | null;
  source?: string | null;
  /** 暂定: the 受理 decision is not taken yet, or the due date reaches a year whose holidays are not loaded yet */
  provisional?: boolean;
  /** why it is 暂定, in words */
  provisionalReason?: string | null;
}

export interface SubmitAnswer {
  caseNo: string;
  queryCode: string;
  receivedAt: string;
  replayed: boolean;
  message: string;
  deadlines: DeadlineLine[];
}

export interface SubmitBody {
  matterType: MatterType;
  categoryId: number;
  placeUnitId: number;
  title: string;
  content: string;
  anonymous: boolean;
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  attachments: string[];
  consent: true;
  noticeVersion: string;
  captcha: { id: string; answer: string; nonce: string };
}

export type CaseActionCode = 'evaluate' | 'apply_review' | 'withdraw';

/** What the petitioner may do now; an evaluation comes with its choices named by the server. */
export interface CaseAction {
  code: CaseActionCode;
  name: string;
  until?: string;
  choices?: { value: string; name: string }[];
}

export interface PortalCase {
  caseNo: string;
  title: string;
  matterTypeName: string;
  receivedAt: string;
  state: string;
  stateName: string;
  timeline: { at: string; text: string }[];
  /** the unit handling the case now (承办单位) */
  handlingUnit: string;
  deadlines: DeadlineLine[];
  /** replies addressed to the petitioner; paragraphs: the document's text, readable in the page */
  documents: { id: number | string; kindName: string; number: string; title: string; issuedAt: string; paragraphs: string[] }[];
  actions: CaseAction[];
  evaluation?: { result: string; resultName: string; comment?: string | null; at: string };
}

const BASE = '/api/v1/portal';

function isErrorBody(value: unknown): value is PortalErrorBody {
  return typeof value === 'object' && value !== null && 'message' in value && 'statusCode' in value;
}

async function toError(response: Response): Promise<PortalError> {
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    parsed = undefined;
  }
  const retry = Number(response.headers.get('retry-after'));
  const body: PortalErrorBody = isErrorBody(parsed)
    ? parsed
    : { error: `HTTP_${response.status}`, message: `服务暂时不可用（${response.status}），请稍后再试`, statusCode: response.status };
  return new PortalError(body, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

async function call(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'omit',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new PortalError({ error: 'NETWORK', message: '网络连接失败，请检查网络后点“重试”（不会重复提交）', statusCode: 0 });
  }
  if (!response.ok) throw await toError(response);
  return response;
}

async function json<T>(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  return (await (await call(method, path, opts)).json()) as T;
}

/** A random key; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const portalApi = {
  meta: () => json<PortalMeta>('GET', '/meta'),
  categories: () => json<{ items: TreeOption[] }>('GET', '/categories'),
  places: () => json<{ items: TreeOption[] }>('GET', '/places'),
  captcha: (accessible = false) => json<Captcha>('POST', '/captcha', { body: { accessible } }),
  guidance: (body: { matterType: MatterType; categoryId?: number; title: string; content: string; idNumber?: string; phone?: string }) =>
    json<Guidance>('POST', '/guidance', { body }),
  submit: (body: SubmitBody, idempotencyKey: string) => json<SubmitAnswer>('POST', '/petitions', { body, headers: { 'idempotency-key': idempotencyKey } }),
  track: (body: { caseNo: string; queryCode: string; phoneTail?: string }) => json<{ token: string; case: PortalCase }>('POST', '/track', { body }),
  caseView: (token: string) => json<PortalCase>('GET', '/case', { headers: { 'x-track-token': token } }),
  act: (token: string, code: CaseActionCode, body: Record<string, unknown>, idempotencyKey: string) =>
    json<PortalCase>('POST', `/case/actions/${code}`, { body, headers: { 'x-track-token': token, 'idempotency-key': idempotencyKey } }),
  /** The document as a Blob (the token travels in a header, so a plain link cannot fetch it). */
  document: async (token: string, id: number | string): Promise<Blob> =>
    await (await call('GET', `/documents/${encodeURIComponent(String(id))}`, { headers: { 'x-track-token': token, accept: '*/*' } })).blob(),
};

/** Upload URL for attachments (one file per multipart request, field "file"). */
export const ATTACHMENT_URL = `${BASE}/attachments`;

/** What a failed call means to the citizen, as one sentence. */
export function errorText(err: unknown): string {
  if (err instanceof PortalError) {
    if (err.status === 429 && err.retryAfter) return `${err.message}（请约 ${Math.ceil(err.retryAfter / 60)} 分钟后再试）`;
    return err.message;
  }
  return '出现了意外错误，请刷新页面后重试';
}
