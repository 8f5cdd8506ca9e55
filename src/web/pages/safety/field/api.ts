import { ApiError, request } from '../../../api/client.ts';
import { apiClient } from '../../../api/typed.ts';
import { retryable, type Sender } from './sync.ts';
import type { FieldTargets, RecordAnswer } from './types.ts';

/** Today's and the next days' targets with their checklists: the download the page keeps for working offline. */
export const downloadTargets = (): Promise<FieldTargets> => apiClient.get('/safety/field-targets', { query: { days: 7 } });

/** Sends one outbox record with its Idempotency-Key; the answer sorted into saved / try again / refused. */
export const sendRecord: Sender = async (entry) => {
  try {
    const answer = await request<RecordAnswer>('POST', `/safety/inspection-targets/${entry.targetId}/record`, {
      body: entry.body,
      headers: { 'idempotency-key': entry.key },
    });
    return { ok: true, answer };
  } catch (err) {
    if (!(err instanceof ApiError)) return { ok: false, retry: true, code: 'NETWORK', message: String(err) };
    // a page reopened offline has no CSRF token until the session is checked again: not a refusal of the record
    const retry = retryable(err.status) || err.code === 'CSRF_INVALID';
    return { ok: false, retry, code: err.code, message: err.code === 'CSRF_INVALID' ? '正在确认登录状态，稍后自动发送' : err.message };
  }
};
