import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { downloadTargets, sendRecord } from './api.ts';
import { openFieldStore } from './store.ts';
import { createSyncer, type SyncReport } from './sync.ts';
import type { CachedTargets, OutboxEntry, SentEntry } from './types.ts';

// one store and one syncer per page load, shared by the list and the form
const opened = openFieldStore();
const syncer = createSyncer(opened.store, sendRecord);

export interface FieldState {
  persistent: boolean;
  online: boolean;
  cached: CachedTargets | null;
  /** true until the phone's own copy has been read */
  loading: boolean;
  downloading: boolean;
  downloadError: string | null;
  outbox: OutboxEntry[];
  sent: SentEntry[];
  syncing: boolean;
  lastSync: SyncReport | null;
  refresh: () => Promise<void>;
  resend: (only?: string) => Promise<void>;
  save: (entry: OutboxEntry) => Promise<void>;
  remove: (key: string) => Promise<void>;
}

/**
 * The field page's state: the downloaded targets (read from the phone first, then refreshed when there is a
 * connection), the outbox and what was sent, and the sync loop — on opening, on 'online' and on 重新发送.
 */
export function useField(userId: number): FieldState {
  const { store, persistent } = opened;
  const [browserOnline, setOnline] = useState(() => navigator.onLine);
  // a phone in a valley often says it is online while nothing gets through: the last download's fate counts too
  const [noAnswer, setNoAnswer] = useState(false);
  const online = browserOnline && !noAnswer;
  const [cached, setCached] = useState<CachedTargets | null>(null);
  const [loading, setLoading] = useState(true);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const [outbox, setOutbox] = useState<OutboxEntry[]>([]);
  const [sent, setSent] = useState<SentEntry[]>([]);
  const [syncing, setSyncing] = useState(false);
  const [lastSync, setLastSync] = useState<SyncReport | null>(null);

  const reload = useCallback(async () => {
    const [o, s] = await Promise.all([store.outbox(userId), store.sent(userId)]);
    setOutbox(o);
    setSent(s);
  }, [store, userId]);

  const resend = useCallback(
    async (only?: string) => {
      setSyncing(true);
      try {
        setLastSync(await syncer.run(userId, only));
      } finally {
        setSyncing(false);
        await reload();
      }
    },
    [reload, userId],
  );

  const refresh = useCallback(async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      const data = await downloadTargets();
      const value = { userId, downloadedAt: new Date().toISOString(), data };
      await store.putCached(value);
      setCached(value);
      setNoAnswer(false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) setNoAnswer(true);
      setDownloadError(err instanceof ApiError && err.status !== 0 ? err.message : '暂时没有网络，显示的是上次下载的检查任务');
    } finally {
      setDownloading(false);
    }
  }, [store, userId]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const c = await store.cached(userId);
      if (live) setCached(c);
      await reload();
      if (live) setLoading(false);
      if (navigator.onLine) {
        await refresh();
        await resend();
      }
    })();
    const goOnline = () => {
      setOnline(true);
      void resend().then(refresh);
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    return () => {
      live = false;
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
    };
  }, [store, userId, reload, refresh, resend]);

  const save = useCallback(
    async (entry: OutboxEntry) => {
      await store.putOutbox(entry);
      await reload();
      if (navigator.onLine) void resend();
    },
    [store, reload, resend],
  );
  const remove = useCallback(
    async (key: string) => {
      await store.deleteOutbox(key);
      await reload();
    },
    [store, reload],
  );

  return useMemo(
    () => ({ persistent, online, cached, loading, downloading, downloadError, outbox, sent, syncing, lastSync, refresh, resend, save, remove }),
    [persistent, online, cached, loading, downloading, downloadError, outbox, sent, syncing, lastSync, refresh, resend, save, remove],
  );
}
