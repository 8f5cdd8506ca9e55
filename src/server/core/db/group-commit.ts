/**
 * Group commit for a hot write path: callers submit one item each and wait for its result; items that
 * arrive while a batch is being written are written together in the next batch, so N concurrent writers
 * cost one transaction (one lock hold, one commit flush) instead of N. With one caller at a time a batch
 * holds one item and nothing waits: no timer, no added latency.
 *
 * If a batch fails, its items are retried one by one, so a bad item fails alone and its caller gets
 * its own error; the others still commit. `write` must therefore be all-or-nothing per call (one
 * transaction) and return one result per item, in order.
 */
export interface GroupCommitOptions<T, R> {
  write(batch: T[]): Promise<R[]>;
  /** the most items per transaction */
  maxBatch: number;
  /** batches in flight at once (default 1); more lets one batch prepare while another commits */
  writers?: number;
}

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export function groupCommit<T, R>(opts: GroupCommitOptions<T, R>): (item: T) => Promise<R> {
  const queue: Waiting<T, R>[] = [];
  const writers = opts.writers ?? 1;
  let active = 0;

  async function writeOne(w: Waiting<T, R>): Promise<void> {
    try {
      const [result] = await opts.write([w.item]);
      w.resolve(result as R);
    } catch (err) {
      w.reject(err);
    }
  }

  async function drain(): Promise<void> {
    active += 1;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, opts.maxBatch);
        if (batch.length === 1) {
          await writeOne(batch[0]!);
          continue;
        }
        let results: R[] | null = null;
        try {
          results = await opts.write(batch.map((w) => w.item));
        } catch {
          results = null;
        }
        if (results && results.length === batch.length) batch.forEach((w, i) => w.resolve(results[i]!));
        else for (const w of batch) await writeOne(w);
      }
    } finally {
      active -= 1;
    }
  }

  return (item: T) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (active < writers) void drain();
    });
}
