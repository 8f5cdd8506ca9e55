import { describe, expect, it } from 'vitest';
import { memoryStore } from './store.ts';
import { createSyncer, newRecordKey, syncOnce, type SendOutcome, type Sender } from './sync.ts';
import type { OutboxEntry, RecordBody } from './types.ts';

const body: RecordBody = {
  inspectedAt: '2026-08-03T01:30:00Z',
  results: [{ itemId: 1, outcome: 'fail', finding: '后厨安全出口被纸箱堵塞', category: '消防安全', dueOn: '2026-08-10' }],
  photos: [],
  inspectorSignature: 'data:image/png;base64,AAAA',
  partySignature: 'data:image/png;base64,AAAA',
};
const entry = (key: string, savedAt: string, userId = 7): OutboxEntry => ({
  key,
  userId,
  targetId: 100 + Number(key.slice(-1)),
  enterpriseName: '龙蚕镇永兴五金店',
  planTitle: '八月消防大检查',
  savedAt,
  body,
  state: 'waiting',
  attempts: 0,
  lastTriedAt: null,
  problem: null,
});
const saved = (id: number): SendOutcome => ({
  ok: true,
  answer: { id, recordNo: `龙应急安检记〔2026〕${id}号`, orderNo: null, hazardIds: [id * 10], replayed: false },
});
const offline: SendOutcome = { ok: false, retry: true, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' };

/** A fake server that saves once per key (as the real one does) and counts what it received. */
function fakeServer(script: (key: string, call: number) => SendOutcome | 'save') {
  const saves = new Map<string, number>();
  const calls: string[] = [];
  const send: Sender = async (e) => {
    calls.push(e.key);
    const r = script(e.key, calls.length);
    if (r !== 'save') return r;
    if (!saves.has(e.key)) saves.set(e.key, saves.size + 1);
    return saved(saves.get(e.key)!);
  };
  return { send, saves, calls };
}

describe('field outbox sync', () => {
  it('sends each waiting record once, with its own key, and keeps it as sent only after the server saved it', async () => {
    const store = memoryStore();
    await store.putOutbox(entry('k1', '2026-08-03T01:00:00Z'));
    await store.putOutbox(entry('k2', '2026-08-03T02:00:00Z'));
    await store.putOutbox(entry('k3', '2026-08-03T03:00:00Z', 8)); // another person's, on the same phone
    const server = fakeServer(() => 'save');
    expect(await syncOnce(store, 7, server.send)).toEqual({ sent: 2, refused: 0, waiting: 0 });
    expect(server.calls).toEqual(['k1', 'k2']);
    expect(await store.outbox(7)).toEqual([]);
    expect((await store.sent(7)).map((s) => [s.key, s.recordNo, s.hazards]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['k1', '龙应急安检记〔2026〕1号', 1],
      ['k2', '龙应急安检记〔2026〕2号', 1],
    ]);
    // a second round has nothing to send; the other person's record waits for them
    expect(await syncOnce(store, 7, server.send)).toEqual({ sent: 0, refused: 0, waiting: 0 });
    expect(server.calls).toHaveLength(2);
    expect(await store.outbox(8)).toHaveLength(1);
  });

  it('after no answer keeps the record unchanged under the same key and sends it again later — saved once', async () => {
    const store = memoryStore();
    await store.putOutbox(entry('k1', '2026-08-03T01:00:00Z'));
    await store.putOutbox(entry('k2', '2026-08-03T02:00:00Z'));
    let signal = false;
    // the first attempt reaches the server, which saves it, but the answer is lost in the valley
    const server = fakeServer((key, call) => (call === 1 ? 'save' : signal ? 'save' : offline));
    const lostAnswer: Sender = async (e) => {
      const r = await server.send(e);
      return server.calls.length === 1 ? offline : r;
    };
    expect(await syncOnce(store, 7, lostAnswer)).toEqual({ sent: 0, refused: 0, waiting: 2 });
    // it stopped at the first failure: k2 was not even tried
    expect(server.calls).toEqual(['k1']);
    const kept = await store.outbox(7);
    expect(kept.map((e) => [e.key, e.state, e.attempts])).toEqual([
      ['k1', 'waiting', 1],
      ['k2', 'waiting', 0],
    ]);
    expect(kept[0]!.body).toEqual(body);
    expect(kept[0]!.problem?.message).toContain('没有网络');
    signal = true;
    expect(await syncOnce(store, 7, lostAnswer)).toEqual({ sent: 2, refused: 0, waiting: 0 });
    expect(server.calls).toEqual(['k1', 'k1', 'k2']);
    // the server saved k1 once although it received it twice
    expect([...server.saves.keys()]).toEqual(['k1', 'k2']);
    expect((await store.sent(7)).find((s) => s.key === 'k1')!.recordNo).toBe('龙应急安检记〔2026〕1号');
  });

  it('keeps a refused record as 需要处理 with the server’s message and what to do, goes on with the others, and resends it only when asked', async () => {
    const store = memoryStore();
    await store.putOutbox(entry('k1', '2026-08-03T01:00:00Z'));
    await store.putOutbox(entry('k2', '2026-08-03T02:00:00Z'));
    const server = fakeServer((key) =>
      key === 'k1'
        ? { ok: false, retry: false, code: 'SAFETY_INSPECTION_RECORDED', message: '该检查对象已由张三提交检查记录（龙应急安检记〔2026〕5号），不能重复提交' }
        : 'save',
    );
    expect(await syncOnce(store, 7, server.send)).toEqual({ sent: 1, refused: 1, waiting: 0 });
    const [kept] = await store.outbox(7);
    expect(kept).toMatchObject({ key: 'k1', state: 'refused', body });
    expect(kept!.problem!.message).toContain('张三');
    expect(kept!.problem!.advice).toContain('删除本机记录');
    // changing the record cannot cure this one: no 修改后重新提交
    expect(kept!.problem!.editable).toBe(false);
    // the automatic rounds leave it alone
    await syncOnce(store, 7, server.send);
    expect(server.calls).toEqual(['k1', 'k2']);
    // 重新发送 on it sends it, with the same key
    await syncOnce(store, 7, server.send, { only: 'k1' });
    expect(server.calls).toEqual(['k1', 'k2', 'k1']);
    expect((await store.outbox(7))[0]!.attempts).toBe(2);
  });

  it('a second trigger while a round runs (online + page opened) never sends the same record twice at once', async () => {
    const store = memoryStore();
    await store.putOutbox(entry('k1', '2026-08-03T01:00:00Z'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const server = fakeServer(() => 'save');
    const slow: Sender = async (e) => {
      await gate;
      return server.send(e);
    };
    const syncer = createSyncer(store, slow);
    const a = syncer.run(7);
    const b = syncer.run(7);
    const c = syncer.run(7);
    release();
    await Promise.all([a, b, c]);
    expect(server.calls).toEqual(['k1']);
    expect(await store.outbox(7)).toEqual([]);
  });

  it('makes distinct keys the server accepts (8–100 characters)', () => {
    const keys = new Set(Array.from({ length: 50 }, newRecordKey));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(/^field-[0-9a-f]{32}$/);
  });
});
