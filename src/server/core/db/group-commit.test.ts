import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('groupCommit', () => {
  it('writes items that arrive while a batch is written together, results in order', async () => {
    const batches: number[][] = [];
    const submit = groupCommit<number, string>({
      maxBatch: 10,
      async write(batch) {
        batches.push(batch);
        await tick();
        return batch.map((n) => `#${n}`);
      },
    });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => submit(n)));
    expect(results).toEqual(['#1', '#2', '#3', '#4', '#5']);
    // the first caller finds the writer idle and is written alone; the four that queued meanwhile go as one batch
    expect(batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('never puts more than maxBatch items in one write', async () => {
    const sizes: number[] = [];
    const submit = groupCommit<number, number>({
      maxBatch: 3,
      async write(batch) {
        sizes.push(batch.length);
        await tick();
        return batch;
      },
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => submit(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('a failing batch is retried item by item: only the bad item fails', async () => {
    const written: number[] = [];
    const submit = groupCommit<number, number>({
      maxBatch: 10,
      async write(batch) {
        await tick();
        if (batch.includes(13)) throw new Error(`bad ${batch.join(',')}`);
        written.push(...batch);
        return batch.map((n) => n * 2);
      },
    });
    const settled = await Promise.allSettled([1, 2, 13, 4].map((n) => submit(n)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toEqual({ status: 'fulfilled', value: 4 });
    expect((settled[2] as PromiseRejectedResult).reason).toEqual(new Error('bad 13'));
    expect(written.sort((a, b) => a - b)).toEqual([1, 2, 4]);
  });

  it('keeps working after a failure', async () => {
    const submit = groupCommit<number, number>({
      maxBatch: 5,
      async write(batch) {
        if (batch[0] === 0) throw new Error('zero');
        return batch;
      },
    });
    await expect(submit(0)).rejects.toThrow('zero');
    await expect(submit(7)).resolves.toBe(7);
  });

  it('one batch in flight at a time: items that arrive meanwhile wait and go together in the next', async () => {
    let inFlight = 0;
    let most = 0;
    const sizes: number[] = [];
    const started: (() => void)[] = [];
    const submit = groupCommit<number, number>({
      maxBatch: 64,
      async write(batch) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        sizes.push(batch.length);
        await new Promise<void>((finish) => started.push(finish)); // the test finishes each write
        inFlight -= 1;
        return batch;
      },
    });
    const waitForWrite = async (n: number) => {
      while (started.length < n) await new Promise((r) => setTimeout(r, 1));
    };
    const results = [submit(0)];
    await waitForWrite(1);
    results.push(...[1, 2, 3, 4].map(submit)); // arrive while [0] is written
    started[0]!();
    await waitForWrite(2);
    results.push(...Array.from({ length: 15 }, (_, i) => submit(5 + i))); // arrive while [1..4] is written
    started[1]!();
    await waitForWrite(3);
    started[2]!();
    expect(await Promise.all(results)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(1);
    expect(sizes).toEqual([1, 4, 15]);
  });
});
