import type { FieldStore, OutboxEntry, RecordAnswer } from './types.ts';

/** How one attempt to send a record ended. */
export type SendOutcome =
  | { ok: true; answer: RecordAnswer }
  /** no answer (no signal), a server or gateway error, a timeout, an expired session: try again later, unchanged */
  | { ok: false; retry: true; code: string; message: string }
  /** the server refused it (4xx): sending it again unchanged would be refused again — the inspector must act */
  | { ok: false; retry: false; code: string; message: string };
export type Sender = (entry: OutboxEntry) => Promise<SendOutcome>;

/** Whether a failed HTTP status is worth retrying unchanged (no answer, session, timeout, rate limit, server trouble). */
export const retryable = (status: number) => status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;

/** What the inspector should do about a refused record, by the server's error code. */
export function adviceFor(code: string): string {
  switch (code) {
    case 'SAFETY_INSPECTION_RECORDED':
      return '该检查对象已有检查记录，本机这份不会再发送。如本次有新发现，请与提交记录的检查人员核对；核对后可删除本机记录。';
    case 'SAFETY_INSPECTION_CHECKLIST_CHANGED':
      return '请先点“刷新任务”下载新的检查表，再点“修改后重新提交”，按新表补填（已填的结果、照片和签名会保留）。';
    case 'NOT_FOUND':
      return '该检查任务已不存在（检查计划可能已撤销或调整）。请与制定计划的单位核实；核实后可删除本机记录。';
    case 'SAFETY_INSPECTION_NOT_INSPECTOR':
    case 'FORBIDDEN':
      return '您已不是该检查对象的检查人员（计划可能已调整）。请与制定计划的单位核实；核实后可删除本机记录。';
    case 'SAFETY_INSPECTION_KEY_CONFLICT':
      return '服务器上已有同一编号、内容不同的记录。请核对后删除本机记录，需要时重新填写。';
    default:
      return '请点“修改后重新提交”，按提示改正后再发送；本机记录会一直保留到发送成功。';
  }
}

/** Refusals that no change to the record can cure: the target is recorded, gone, or no longer the inspector's. */
const NOT_EDITABLE = new Set(['SAFETY_INSPECTION_RECORDED', 'NOT_FOUND', 'SAFETY_INSPECTION_NOT_INSPECTOR', 'FORBIDDEN', 'SAFETY_INSPECTION_KEY_CONFLICT']);

export interface SyncReport {
  sent: number;
  refused: number;
  /** still waiting (no signal, or the server could not answer) */
  waiting: number;
}

/**
 * Sends the person's waiting records, oldest first, each with its own Idempotency-Key. A record leaves the outbox
 * only after the server's 2xx (then it is recorded as sent); no answer keeps it unchanged for the next attempt and
 * stops this round (the next ones would not get through either); a refusal keeps it as 需要处理 with the server's
 * message and what to do. `only` sends that one record, also a refused one (重新发送 on it).
 */
export async function syncOnce(store: FieldStore, userId: number, send: Sender, opts: { only?: string; now?: () => Date } = {}): Promise<SyncReport> {
  const now = opts.now ?? (() => new Date());
  const report: SyncReport = { sent: 0, refused: 0, waiting: 0 };
  const entries = (await store.outbox(userId)).filter((e) => (opts.only ? e.key === opts.only : e.state === 'waiting'));
  let stopped = false;
  for (const entry of entries) {
    if (stopped) {
      report.waiting++;
      continue;
    }
    const tried = { ...entry, attempts: entry.attempts + 1, lastTriedAt: now().toISOString() };
    let outcome: SendOutcome;
    try {
      outcome = await send(entry);
    } catch (err) {
      outcome = { ok: false, retry: true, code: 'NETWORK', message: err instanceof Error ? err.message : String(err) };
    }
    if (outcome.ok) {
      await store.markSent(entry.key, {
        key: entry.key,
        userId: entry.userId,
        targetId: entry.targetId,
        enterpriseName: entry.enterpriseName,
        recordNo: outcome.answer.recordNo,
        orderNo: outcome.answer.orderNo,
        hazards: outcome.answer.hazardIds.length,
        hazardIds: outcome.answer.hazardIds,
        sentAt: now().toISOString(),
      });
      report.sent++;
    } else if (outcome.retry) {
      const message = outcome.code === 'NETWORK' ? '暂时没有网络，联网后会自动发送' : outcome.message;
      const advice = outcome.code === 'UNAUTHENTICATED' ? '登录已过期：请重新登录后点“重新发送”' : '无需操作，恢复网络后自动发送；也可点“重新发送”';
      await store.putOutbox({ ...tried, state: 'waiting', problem: { message, advice } });
      report.waiting++;
      stopped = true;
    } else {
      await store.putOutbox({
        ...tried,
        state: 'refused',
        problem: { message: outcome.message, advice: adviceFor(outcome.code), editable: !NOT_EDITABLE.has(outcome.code) },
      });
      report.refused++;
    }
  }
  return report;
}

/**
 * One sync at a time per page: 'online', opening the page and 重新发送 may all fire together; a call while a round
 * runs waits for it and then runs once more, so nothing saved meanwhile is left behind and nothing is sent twice at once.
 */
export function createSyncer(store: FieldStore, send: Sender) {
  let running: Promise<SyncReport> | null = null;
  let again: Promise<SyncReport> | null = null;
  const run = (userId: number, only?: string): Promise<SyncReport> => {
    if (!running) {
      running = syncOnce(store, userId, send, { only }).finally(() => {
        running = null;
      });
      return running;
    }
    if (only) return running.then(() => run(userId, only));
    again ??= running.then(() => {
      again = null;
      return run(userId);
    });
    return again;
  };
  return { run };
}

/** A new Idempotency-Key: random, made without crypto.randomUUID (absent on plain-HTTP intranets). */
export function newRecordKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return 'field-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
