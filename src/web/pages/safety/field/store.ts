import type { CachedTargets, FieldStore, OutboxEntry, SentEntry } from './types.ts';

const DB_NAME = 'anwen-field';
const VERSION = 1;
/** how many sent records the phone remembers for 已发送 */
const SENT_KEPT = 200;

function promised<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB'));
  });
}
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB'));
  });
}

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, VERSION);
  req.onupgradeneeded = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'key' });
    if (!db.objectStoreNames.contains('sent')) db.createObjectStore('sent', { keyPath: 'key' });
    if (!db.objectStoreNames.contains('targets')) db.createObjectStore('targets', { keyPath: 'userId' });
  };
  return promised(req);
}

/** The phone's store in IndexedDB (native API): outbox, sent and the downloaded targets, kept across reloads and restarts. */
export function indexedDbStore(): FieldStore {
  let db: Promise<IDBDatabase> | null = null;
  const conn = () => (db ??= open());
  const all = async <T extends { userId: number }>(name: string, userId: number) => {
    const rows = (await promised((await conn()).transaction(name).objectStore(name).getAll())) as T[];
    return rows.filter((r) => r.userId === userId);
  };
  const put = async (name: string, value: unknown) => {
    const tx = (await conn()).transaction(name, 'readwrite');
    tx.objectStore(name).put(value);
    await done(tx);
  };
  return {
    outbox: async (userId) => (await all<OutboxEntry>('outbox', userId)).sort((a, b) => a.savedAt.localeCompare(b.savedAt)),
    putOutbox: (entry) => put('outbox', entry),
    async deleteOutbox(key) {
      const tx = (await conn()).transaction('outbox', 'readwrite');
      tx.objectStore('outbox').delete(key);
      await done(tx);
    },
    async markSent(key, sent) {
      const tx = (await conn()).transaction(['outbox', 'sent'], 'readwrite');
      tx.objectStore('outbox').delete(key);
      tx.objectStore('sent').put(sent);
      await done(tx);
      const old = (await all<SentEntry>('sent', sent.userId)).sort((a, b) => b.sentAt.localeCompare(a.sentAt)).slice(SENT_KEPT);
      if (old.length) {
        const trim = (await conn()).transaction('sent', 'readwrite');
        for (const o of old) trim.objectStore('sent').delete(o.key);
        await done(trim);
      }
    },
    sent: async (userId) => (await all<SentEntry>('sent', userId)).sort((a, b) => b.sentAt.localeCompare(a.sentAt)),
    async cached(userId) {
      const row = (await promised((await conn()).transaction('targets').objectStore('targets').get(userId))) as CachedTargets | undefined;
      return row ?? null;
    },
    putCached: (value) => put('targets', value),
  };
}

/** The same store in memory: for tests, and for a browser without IndexedDB (then nothing outlives the page). */
export function memoryStore(): FieldStore {
  const outbox = new Map<string, OutboxEntry>();
  const sent = new Map<string, SentEntry>();
  const targets = new Map<number, CachedTargets>();
  const copy = <T>(v: T): T => structuredClone(v);
  return {
    outbox: async (userId) =>
      [...outbox.values()]
        .filter((e) => e.userId === userId)
        .sort((a, b) => a.savedAt.localeCompare(b.savedAt))
        .map(copy),
    putOutbox: async (entry) => void outbox.set(entry.key, copy(entry)),
    deleteOutbox: async (key) => void outbox.delete(key),
    markSent: async (key, s) => {
      outbox.delete(key);
      sent.set(s.key, copy(s));
    },
    sent: async (userId) =>
      [...sent.values()]
        .filter((e) => e.userId === userId)
        .sort((a, b) => b.sentAt.localeCompare(a.sentAt))
        .map(copy),
    cached: async (userId) => (targets.has(userId) ? copy(targets.get(userId)!) : null),
    putCached: async (value) => void targets.set(value.userId, copy(value)),
  };
}

/** IndexedDB when the browser has it, else memory (the page then works only while it stays open — said on screen). */
export function openFieldStore(): { store: FieldStore; persistent: boolean } {
  if (typeof indexedDB === 'undefined') return { store: memoryStore(), persistent: false };
  return { store: indexedDbStore(), persistent: true };
}
