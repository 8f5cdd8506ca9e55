import { apiClient as c, type ApiOk, type ApiQuery } from '../../../api/typed.ts';

/** The outbox API as the console uses it; shapes from the generated OpenAPI types. */
export type OutboxQuery = ApiQuery<'/admin/outbox'>;
export type OutboxPage = ApiOk<'/admin/outbox'>;
export type OutboxMessage = OutboxPage['items'][number];
export type OutboxStatus = OutboxMessage['status'];
export type OutboxChannel = OutboxMessage['channel'];

export const outboxApi = {
  list: (query: OutboxQuery) => c.get('/admin/outbox', { query }),
  retry: (id: number, reason?: string) => c.post('/admin/outbox/{id}/retry', { params: { id }, body: { reason } }),
};

export const STATUS_LABELS: Record<OutboxStatus, { text: string; color: string }> = {
  pending: { text: '待发送', color: 'blue' },
  sending: { text: '发送中', color: 'processing' },
  sent: { text: '已发送', color: 'green' },
  failed: { text: '发送失败（将重试）', color: 'orange' },
  dead: { text: '已放弃', color: 'red' },
};

export const CHANNEL_LABELS: Record<OutboxChannel, string> = { sms: '短信', email: '电子邮件' };
