/**
 * Messages to petitioners, as data: one short zh-CN text per event, SMS-sized (a long SMS is
 * billed per 67 characters, so every text stays near two segments). Placeholders are `{name}`.
 * Never the content of the petition: only its number, dates, the legal route and what to do next.
 * `secret` placeholders (the 查询码) are masked in the preview the admin list shows.
 */
export type OutboxChannel = 'sms' | 'email';

export interface MessageTemplate {
  name: string;
  subject: string;
  text: string;
  secret?: readonly string[];
}

const SIGN = '【网上信访】';

export const OUTBOX_TEMPLATES = {
  registered: {
    name: '登记回执',
    subject: '信访事项已登记：{caseNo}',
    text: `${SIGN}您的信访事项已登记，编号{caseNo}，查询码{queryCode}。请妥善保管，凭编号和查询码在网上信访查询办理进展和答复。`,
    secret: ['queryCode'],
  },
  accepted: {
    name: '受理告知',
    subject: '信访事项已受理：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}已于{date}受理，办理期限至{dueDate}。可凭编号和查询码在网上信访查询进展。`,
  },
  not_accepted: {
    name: '不予受理告知',
    subject: '信访事项不予受理：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}依法不予受理。{legalRoute}详见不予受理告知书，可凭编号和查询码在网上信访查看。`,
  },
  transferred: {
    name: '转送告知',
    subject: '信访事项已转送：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}已转送{toUnitName}办理，请留意该单位的告知。`,
  },
  extended: {
    name: '延期告知',
    subject: '信访事项办理期限延长：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}办理期限经批准延长至{dueDate}，理由：{reason}。`,
  },
  replied: {
    name: '处理意见书已出具',
    subject: '信访事项处理意见书已出具：{caseNo}',
    text: `${SIGN}您的信访事项{caseNo}已出具处理意见书，请凭编号和查询码在网上信访阅读，收到后{evalDays}日内可评价。{reviewHint}`,
  },
  review_opened: {
    name: '复查/复核已立案',
    subject: '复查/复核申请已登记：{reviewCaseNo}',
    text: `${SIGN}您对{caseNo}的{reviewKind}申请已登记，编号{reviewCaseNo}，答复期限至{dueDate}。`,
  },
} as const satisfies Record<string, MessageTemplate>;

export type OutboxTemplateKey = keyof typeof OUTBOX_TEMPLATES;
export type TemplateParams = Record<string, string | number>;

export function isTemplateKey(key: string): key is OutboxTemplateKey {
  return Object.hasOwn(OUTBOX_TEMPLATES, key);
}

function fill(text: string, params: TemplateParams, key: string): string {
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`消息模板 ${key} 缺少参数 ${name}`);
    return String(value);
  });
}

export interface RenderedMessage {
  subject: string;
  text: string;
  /** the text with secret placeholders masked, for the admin list */
  preview: string;
}

/** Fills a template; a missing placeholder is a programming error (throws, so the event rolls back). */
export function renderTemplate(key: OutboxTemplateKey, params: TemplateParams): RenderedMessage {
  const t: MessageTemplate = OUTBOX_TEMPLATES[key];
  const masked: TemplateParams = { ...params };
  for (const s of t.secret ?? []) if (masked[s] !== undefined) masked[s] = '******';
  return { subject: fill(t.subject, params, key), text: fill(t.text, params, key), preview: fill(t.text, masked, key) };
}

/** Free text (a reason) inside a short message: one line, at most `max` characters. */
export function clip(value: string, max: number): string {
  const one = value.replace(/\s+/g, ' ').trim();
  return [...one].length <= max ? one : `${[...one].slice(0, max - 1).join('')}…`;
}
