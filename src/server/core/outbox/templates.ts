/**
 * Messages to people outside (petitioners, enterprises, parties), as data: one short zh-CN text per
 * event, SMS-sized (a long SMS is billed per 67 characters, so every text stays near two segments).
 * Placeholders are `{name}`. Each module declares its own templates (its descriptor's `messages`);
 * this file only renders them. Never the content of a case: its number, dates, the legal route and
 * what to do next. `secret` placeholders (a 查询码) are masked in the preview the admin list shows.
 */
export type OutboxChannel = 'sms' | 'email';

export interface MessageTemplate {
  /** stable key stored with each message (unique across modules) */
  key: string;
  name: string;
  subject: string;
  text: string;
  secret?: readonly string[];
}

/** A module's templates by key, each carrying its key. */
export function defineMessages<K extends string>(templates: Record<K, Omit<MessageTemplate, 'key'>>): Record<K, MessageTemplate> {
  return Object.fromEntries(Object.entries<Omit<MessageTemplate, 'key'>>(templates).map(([key, t]) => [key, { key, ...t }])) as Record<K, MessageTemplate>;
}

export type TemplateParams = Record<string, string | number>;

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
export function renderTemplate(t: MessageTemplate, params: TemplateParams): RenderedMessage {
  const key = t.key;
  const masked: TemplateParams = { ...params };
  for (const s of t.secret ?? []) if (masked[s] !== undefined) masked[s] = '******';
  return { subject: fill(t.subject, params, key), text: fill(t.text, params, key), preview: fill(t.text, masked, key) };
}

/** Free text (a reason) inside a short message: one line, at most `max` characters. */
export function clip(value: string, max: number): string {
  const one = value.replace(/\s+/g, ' ').trim();
  return [...one].length <= max ? one : `${[...one].slice(0, max - 1).join('')}…`;
}
