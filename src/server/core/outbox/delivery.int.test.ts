import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { openTestDatabase } from '../../../../test/support/test-db.ts';
import type { Database } from '../db/database.ts';
import { deriveKeys } from '../personal-data/index.ts';
import {
  defineMessages,
  deliverDueMessages,
  enqueueOutboxMessages,
  MAX_ATTEMPTS,
  sealMessage,
  smsHttpTransport,
  type OutgoingMessage,
  type Transport,
} from './index.ts';

const keys = deriveKeys(randomBytes(32));
const T0 = new Date('2026-08-03T02:00:00Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

/** A transport that records what it was given and fails while `failing` says so. */
function fakeTransport(opts: { failing?: boolean; delayMs?: number; error?: (m: OutgoingMessage) => string } = {}) {
  const sent: OutgoingMessage[] = [];
  const t: Transport & { sent: OutgoingMessage[]; failing: boolean } = {
    name: 'fake',
    sent,
    failing: opts.failing ?? false,
    async send(m) {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (t.failing) throw new Error(opts.error?.(m) ?? '网关不可用');
      sent.push(m);
    },
  };
  return t;
}

describe('outbox: enqueue in the event transaction, deliver with retries', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await database.db.deleteFrom('outbox_messages').execute();
  });

  const RECEIPT = defineMessages({
    registered: { name: '登记回执', subject: '已登记：{caseNo}', text: '【测试】您的事项已登记，编号{caseNo}，查询码{queryCode}。', secret: ['queryCode'] },
  }).registered;
  const enqueue = (n: number, phone = '13800138000') =>
    database.db.transaction().execute((trx) =>
      enqueueOutboxMessages(
        trx,
        Array.from({ length: n }, (_, i) =>
          sealMessage(keys, {
            channel: 'sms',
            to: phone,
            template: RECEIPT,
            params: { caseNo: `XF2026-${String(i).padStart(6, '0')}`, queryCode: `Q${i}SECRET` },
          }),
        ),
        T0,
      ),
    );
  const row = (id: number) => database.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a message exists iff the transaction that wrote it committed; recipient and body are stored encrypted', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueueOutboxMessages(
          trx,
          [sealMessage(keys, { channel: 'sms', to: '13800138000', template: RECEIPT, params: { caseNo: 'XF2026-000001', queryCode: 'ROLLBACK1' } })],
          T0,
        );
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await database.db.selectFrom('outbox_messages').select('id').execute()).toHaveLength(0);

    const ids = await database.db
      .transaction()
      .execute((trx) =>
        enqueueOutboxMessages(
          trx,
          [
            sealMessage(keys, { channel: 'sms', to: '13800138000', template: RECEIPT, params: { caseNo: 'XF2026-000002', queryCode: 'ABCD2345' } }),
            sealMessage(keys, { channel: 'email', to: 'zhang@example.com', template: RECEIPT, params: { caseNo: 'XF2026-000002', queryCode: 'ABCD2345' } }),
          ],
          T0,
        ),
      );
    expect(ids).toHaveLength(2);
    const rows = await database.db.selectFrom('outbox_messages').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.channel, r.recipient_masked, r.status, r.attempts])).toEqual([
      ['sms', '138****8000', 'pending', 0],
      ['email', 'z***@example.com', 'pending', 0],
    ]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('13800138000');
    expect(stored).not.toContain('zhang@example.com');
    expect(stored).not.toContain('ABCD2345');
    expect(rows[1]!.subject).toBe('已登记：XF2026-000002');
  });

  it('delivers the decrypted text to the decrypted recipient once, then marks it sent', async () => {
    const [id] = await enqueue(1);
    const sms = fakeTransport();
    expect(await deliverDueMessages({ db: database.db, keys, transports: { sms }, now: T0 })).toMatchObject({ claimed: 1, sent: 1 });
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]).toMatchObject({ to: '13800138000', toMasked: '138****8000', template: 'registered' });
    expect(sms.sent[0]!.text).toContain('Q0SECRET');
    expect(await row(id!)).toMatchObject({ status: 'sent', attempts: 1, transport: 'fake', last_error: null });
    expect(await deliverDueMessages({ db: database.db, keys, transports: { sms }, now: plus(60 * MIN) })).toMatchObject({ claimed: 0 });
    expect(sms.sent).toHaveLength(1);
  });

  it('retries after 1, 2, 4 … minutes, then dead after 8 attempts; errors never keep the number in clear', async () => {
    const [id] = await enqueue(1);
    const sms = fakeTransport({ failing: true, error: (m) => `recipient ${m.to} rejected` });
    let now = T0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // one second early: not due yet
      if (attempt > 1) expect((await deliverDueMessages({ db: database.db, keys, transports: { sms }, now: new Date(now.getTime() - 1000) })).claimed).toBe(0);
      const r = await deliverDueMessages({ db: database.db, keys, transports: { sms }, now });
      expect(r.claimed).toBe(1);
      const after = await row(id!);
      expect(after.attempts).toBe(attempt);
      expect(after.last_error).toBe('recipient 138****8000 rejected');
      if (attempt < MAX_ATTEMPTS) {
        expect(after.status).toBe('failed');
        const next = new Date(after.next_attempt_at);
        delays.push((next.getTime() - now.getTime()) / MIN);
        now = next;
      } else {
        expect(after.status).toBe('dead');
      }
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64]);
    // dead stays dead
    sms.failing = false;
    expect((await deliverDueMessages({ db: database.db, keys, transports: { sms }, now: plus(24 * 60 * MIN) })).claimed).toBe(0);
    expect(sms.sent).toHaveLength(0);
  });

  it('a channel without a transport fails with a reason (and is retried)', async () => {
    const [id] = await enqueue(1);
    await deliverDueMessages({ db: database.db, keys, transports: {}, now: T0 });
    expect(await row(id!)).toMatchObject({ status: 'failed', last_error: '未配置短信发送方式' });
  });

  it('a sender that died mid-send: the lease runs out and the message is sent by the next run', async () => {
    const [id] = await enqueue(1);
    await database.db
      .updateTable('outbox_messages')
      .set({ status: 'sending', attempts: 1, next_attempt_at: plus(5 * MIN) })
      .where('id', '=', id!)
      .execute();
    const sms = fakeTransport();
    expect((await deliverDueMessages({ db: database.db, keys, transports: { sms }, now: plus(4 * MIN) })).claimed).toBe(0);
    expect((await deliverDueMessages({ db: database.db, keys, transports: { sms }, now: plus(5 * MIN) })).sent).toBe(1);
    expect(await row(id!)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('two deliverers running at once never send the same message twice', async () => {
    await enqueue(30);
    const sms = fakeTransport({ delayMs: 2 });
    const [a, b] = await Promise.all([
      deliverDueMessages({ db: database.db, keys, transports: { sms }, now: T0, limit: 20 }),
      deliverDueMessages({ db: database.db, keys, transports: { sms }, now: T0, limit: 20 }),
    ]);
    expect(a.claimed + b.claimed).toBe(30);
    const ids = sms.sent.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
    const statuses = await database.db.selectFrom('outbox_messages').select(['status', 'attempts']).execute();
    expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
  });

  it('sms-http posts {to, text} with the bearer token; 2xx is sent, 5xx a retry', async () => {
    const received: { auth?: string; body: unknown }[] = [];
    let status = 200;
    const server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
        res.writeHead(status).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
      const sms = smsHttpTransport({ url, token: 'tok-1' });
      const [first] = await enqueue(1);
      await deliverDueMessages({ db: database.db, keys, transports: { sms }, now: T0 });
      expect(received[0]).toMatchObject({ auth: 'Bearer tok-1', body: { to: '13800138000' } });
      expect((received[0]!.body as { text: string }).text).toContain('Q0SECRET');
      expect(await row(first!)).toMatchObject({ status: 'sent', transport: 'sms-http' });
      status = 503;
      const [second] = await enqueue(1);
      await deliverDueMessages({ db: database.db, keys, transports: { sms }, now: T0 });
      expect(await row(second!)).toMatchObject({ status: 'failed', last_error: '短信网关返回 HTTP 503' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
