import { api } from '../../../api/client.ts';

/** The outbox API as the console uses it (mirrors src/server/modules/outbox-admin/routes.ts). */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';
export type OutboxChannel = 'sms' | 'email';

export interface OutboxMessage {
  id: number;
  channel: OutboxChannel;
  recipient: string;
  template: string;
  templateName: string;
  subject: string | null;
  preview: string;
  workItemId: number | null;
  caseNo: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  transport: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxPage {
  items: OutboxMessage[];
  total: number;
  counts: Partial<Record<OutboxStatus, number>>;
}

export interface OutboxQuery {
  status?: OutboxStatus;
  channel?: OutboxChannel;
  page: number;
  pageSize: number;
}

export const outboxApi = {
  list: (query: OutboxQuery) => api.get<OutboxPage>('/admin/outbox', { ...query }),
  retry: (id: number, reason?: string) => api.post<{ ok: true }>(`/admin/outbox/${id}/retry`, { reason }),
};

export const STATUS_LABELS: Record<OutboxStatus, { text: string; color: string }> = {
  pending: { text: '待发送', color: 'blue' },
  sending: { text: '发送中', color: 'processing' },
  sent: { text: '已发送', color: 'green' },
  failed: { text: '发送失败（将重试）', color: 'orange' },
  dead: { text: '已放弃', color: 'red' },
};

export const CHANNEL_LABELS: Record<OutboxChannel, string> = { sms: '短信', email: '电子邮件' };
