import type { ApiBody, ApiOk } from '../../../api/typed.ts';

/** What the phone downloads to work without signal (GET /safety/field-targets). */
export type FieldTargets = ApiOk<'/safety/field-targets'>;
export type FieldTarget = FieldTargets['targets'][number];
/** One inspection record exactly as it is sent — and resent, unchanged, after the connection returns. */
export type RecordBody = ApiBody<'/safety/inspection-targets/{id}/record', 'post'>;
export type RecordAnswer = ApiOk<'/safety/inspection-targets/{id}/record', 'post'>;

/** A record kept on the phone until the server has answered 2xx for it. */
export interface OutboxEntry {
  /** the Idempotency-Key: made once when 提交 is pressed and sent with every attempt, so the server saves it once */
  key: string;
  userId: number;
  targetId: number;
  enterpriseName: string;
  planTitle: string;
  savedAt: string;
  body: RecordBody;
  /** waiting: to be sent (again); refused: the server said no — the inspector must act (需要处理) */
  state: 'waiting' | 'refused';
  attempts: number;
  lastTriedAt: string | null;
  /** why it is still here, in the words shown to the inspector */
  problem: {
    message: string;
    advice: string;
    /** false when changing the record cannot help (someone else recorded it, the task is gone) */ editable?: boolean;
  } | null;
}

/** A record the server has saved: what the phone keeps to show 已发送. */
export interface SentEntry {
  key: string;
  userId: number;
  targetId: number;
  enterpriseName: string;
  recordNo: string;
  orderNo: string | null;
  hazards: number;
  /** the hazards the record's failed items became (absent in entries kept before this was recorded) */
  hazardIds?: number[];
  sentAt: string;
}

/** The last download, per person (two inspectors may share a phone). */
export interface CachedTargets {
  userId: number;
  downloadedAt: string;
  data: FieldTargets;
}

/** Where the phone keeps all of it: IndexedDB in the browser (store.ts), in memory in tests. */
export interface FieldStore {
  outbox(userId: number): Promise<OutboxEntry[]>;
  putOutbox(entry: OutboxEntry): Promise<void>;
  deleteOutbox(key: string): Promise<void>;
  /** removes the entry from the outbox and records it as sent, in one step */
  markSent(key: string, sent: SentEntry): Promise<void>;
  sent(userId: number): Promise<SentEntry[]>;
  cached(userId: number): Promise<CachedTargets | null>;
  putCached(value: CachedTargets): Promise<void>;
}
