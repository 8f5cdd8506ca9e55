import nodemailer from 'nodemailer';
import type { OutboxChannel } from './templates.ts';

/** What a transport gets: the clear recipient and text (in memory only) and their masked forms for logs. */
export interface OutgoingMessage {
  id: number;
  channel: OutboxChannel;
  to: string;
  toMasked: string;
  subject: string | null;
  text: string;
  preview: string;
  template: string;
}

/** A way of sending: resolves when the message was handed over, throws (a zh-CN reason) otherwise. */
export interface Transport {
  name: string;
  send(msg: OutgoingMessage): Promise<void>;
}

export type TransportMap = Partial<Record<OutboxChannel, Transport>>;

/** The default: a masked line in the server log; nothing leaves the machine. */
export function logTransport(log: (line: string) => void = (line) => console.log(line)): Transport {
  return {
    name: 'log',
    async send(msg) {
      log(`[outbox] #${msg.id} ${msg.channel === 'sms' ? '短信' : '邮件'} → ${msg.toMasked}（${msg.template}）：${msg.preview}`);
    },
  };
}

/** E-mail through SMTP (nodemailer). `url` like smtp://user:pass@host:587 (smtps:// for TLS on 465). */
export function smtpTransport(opts: { url: string; from: string }): Transport {
  const transporter = nodemailer.createTransport(opts.url);
  return {
    name: 'smtp',
    async send(msg) {
      await transporter.sendMail({ from: opts.from, to: msg.to, subject: msg.subject ?? msg.preview.slice(0, 30), text: msg.text });
    },
  };
}

/**
 * A generic SMS gateway: POST {to, text} as JSON with a bearer token; any 2xx is "sent".
 * Vendor gateways (阿里云, 腾讯云 …) sit behind a small adapter that speaks this.
 */
export function smsHttpTransport(opts: { url: string; token?: string; timeoutMs?: number; fetchImpl?: typeof fetch }): Transport {
  const doFetch = opts.fetchImpl ?? fetch;
  return {
    name: 'sms-http',
    async send(msg) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const res = await doFetch(opts.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: msg.to, text: msg.text }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      // the body is drained but not kept: a gateway may echo the number back
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) throw new Error(`短信网关返回 HTTP ${res.status}`);
    },
  };
}

export interface OutboxTransportConfig {
  /** 'log' (default) or 'sms-http' (ANWEN_SMS_URL set) */
  sms: 'log' | 'sms-http';
  /** 'log' (default) or 'smtp' (ANWEN_SMTP_URL set) */
  email: 'log' | 'smtp';
  smsUrl?: string;
  smsToken?: string;
  smtpUrl?: string;
  mailFrom: string;
}

/** The transport of each channel, as configured (see config.ts and docs/deploy.md). */
export function transportsFromConfig(cfg: OutboxTransportConfig, log?: (line: string) => void): TransportMap {
  const fallback = logTransport(log);
  return {
    sms: cfg.sms === 'sms-http' && cfg.smsUrl ? smsHttpTransport({ url: cfg.smsUrl, token: cfg.smsToken }) : fallback,
    email: cfg.email === 'smtp' && cfg.smtpUrl ? smtpTransport({ url: cfg.smtpUrl, from: cfg.mailFrom }) : fallback,
  };
}
