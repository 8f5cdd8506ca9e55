import { isIP } from 'node:net';
import path from 'node:path';
import type { OutboxTransportConfig } from './outbox/transports.ts';

/** Runtime configuration, read once from the environment (documented in README). */
export interface AppConfig {
  databaseUrl?: string;
  dataDir: string;
  host: string;
  port: number;
  /** Cookies get `Secure` when served over HTTPS (behind a TLS proxy set ANWEN_SECURE_COOKIES=1). */
  secureCookies: boolean;
  /** Province code for rule overrides (e.g. '51' for 四川); '' = national defaults. */
  province: string;
  adminPassword?: string;
  /** ANWEN_SECRET_KEY: key protecting personal data (else <dataDir>/secret.key is created). */
  secretKey?: string;
  sessionHours: number;
  logLevel: string;
  /** how messages to petitioners leave (ANWEN_SMS_URL / ANWEN_SMTP_URL …; default: the server log) */
  outbox: OutboxTransportConfig;
  /**
   * ANWEN_TRUST_PROXY: who may tell us the client's address in X-Forwarded-For. A list of the proxies' addresses or
   * CIDRs (`127.0.0.1`, `10.0.0.0/8`, `loopback`): the client is the right-most address not in that list. A number
   * (`1`, what earlier versions documented) trusts that many hops, whoever connects. false: the socket's address.
   */
  trustProxy: false | number | string[];
  /** ANWEN_CAPTCHA_TEST_ANSWER (never when NODE_ENV=production): every portal captcha's answer, for tests and e2e only */
  captchaTestAnswer?: string;
  /** ANWEN_CAPTCHA_POW_BITS (default 16, about a second on a phone): leading zero bits of the portal captcha's proof of work */
  captchaPowBits: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效：${env.PORT}`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.ANWEN_DATA_DIR ?? 'data'),
    host: env.HOST ?? '127.0.0.1',
    port,
    secureCookies: env.ANWEN_SECURE_COOKIES === '1',
    province: env.ANWEN_PROVINCE ?? '',
    adminPassword: env.ANWEN_ADMIN_PASSWORD || undefined,
    secretKey: env.ANWEN_SECRET_KEY || undefined,
    sessionHours: Number(env.ANWEN_SESSION_HOURS ?? 12),
    logLevel: env.LOG_LEVEL ?? 'info',
    outbox: outboxConfig(env),
    trustProxy: parseTrustProxy(env.ANWEN_TRUST_PROXY),
    captchaTestAnswer: env.NODE_ENV !== 'production' ? env.ANWEN_CAPTCHA_TEST_ANSWER || undefined : undefined,
    captchaPowBits: powBits(env.ANWEN_CAPTCHA_POW_BITS),
  };
}

function powBits(value: string | undefined): number {
  if (value === undefined || value === '') return 16;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 8 || n > 24) throw new Error(`ANWEN_CAPTCHA_POW_BITS 无效：${value}（应为 8 到 24 的整数）`);
  return n;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** ANWEN_TRUST_PROXY → AppConfig.trustProxy; anything else than hops or addresses stops the start (never "trust all"). */
export function parseTrustProxy(value: string | undefined): AppConfig['trustProxy'] {
  const v = (value ?? '').trim();
  if (v === '' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    const [addr, prefix, ...rest] = entry.split('/');
    const ok = PROXY_NAMES.has(entry) || (isIP(addr ?? '') !== 0 && rest.length === 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix)));
    if (!ok) throw new Error(`ANWEN_TRUST_PROXY 无效：${entry}（应为反向代理的地址或网段，如 127.0.0.1、10.0.0.0/8，或代理层数，如 1）`);
  }
  return list;
}

/**
 * A channel uses its real transport once its gateway is configured (ANWEN_SMS_URL, ANWEN_SMTP_URL);
 * ANWEN_SMS_TRANSPORT / ANWEN_EMAIL_TRANSPORT = log forces the log transport (e.g. on a test server).
 */
function outboxConfig(env: NodeJS.ProcessEnv): OutboxTransportConfig {
  const smsUrl = env.ANWEN_SMS_URL || undefined;
  const smtpUrl = env.ANWEN_SMTP_URL || undefined;
  return {
    sms: smsUrl && env.ANWEN_SMS_TRANSPORT !== 'log' ? 'sms-http' : 'log',
    email: smtpUrl && env.ANWEN_EMAIL_TRANSPORT !== 'log' ? 'smtp' : 'log',
    smsUrl,
    smsToken: env.ANWEN_SMS_TOKEN || undefined,
    smtpUrl,
    mailFrom: env.ANWEN_MAIL_FROM || 'anwen@localhost',
  };
}
