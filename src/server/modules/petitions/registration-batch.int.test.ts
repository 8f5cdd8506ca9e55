import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../test/support/login.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { verifyAuditChain } from '../../core/audit/audit-chain.ts';
import { recomputeOpenDeadlines } from '../../kernel/deadlines/index.ts';

/**
 * Registrations that arrive together are written in one transaction (group commit). Whatever the
 * batching, each must come out exactly as if registered alone, and a bad one must fail alone.
 */
describe('concurrent registrations (group commit)', () => {
  const now = new Date('2026-09-28T02:00:00Z'); // Monday before the National Day holiday
  let t: TestApp;
  let tree: TestUnitTree;
  let xfj: LoggedIn;
  let catId: number;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { children: { id: number }[] }[];
    };
    catId = cats.items[0]!.children[0]!.id;
  });
  afterAll(() => t.close());

  const body = (n: number, extra: Record<string, unknown> = {}) => ({
    channel: 'letter',
    petitioners: [{ name: `信访人${n}`, phone: `1390000${String(n).padStart(4, '0')}` }],
    matterType: 'appeal',
    categoryId: catId,
    placeUnitId: tree.townships[0].id,
    title: `供暖费退费问题 ${n}`,
    content: `小区停止供暖后供暖费未退还（第 ${n} 件）。`,
    ...extra,
  });
  const post = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/petitions', headers: xfj.headers, payload });

  it('30 at once: distinct consecutive numbers, each with its clock and audit event; the bad ones fail alone', async () => {
    const payloads = Array.from({ length: 30 }, (_, i) => (i === 7 ? body(i, { categoryId: 987654 }) : i === 19 ? body(i, { placeUnitId: 987654 }) : body(i)));
    const responses = await Promise.all(payloads.map(post));
    expect(responses[7]!.statusCode).toBe(400);
    expect(responses[7]!.json()).toMatchObject({ data: { field: 'categoryId' } });
    expect(responses[19]!.statusCode).toBe(400);
    expect(responses[19]!.json()).toMatchObject({ data: { field: 'placeUnitId' } });
    const ok = responses
      .filter((_, i) => i !== 7 && i !== 19)
      .map((r) => {
        expect(r.statusCode).toBe(200);
        return r.json() as { id: number; caseNo: string; queryCode: string };
      });
    expect(ok).toHaveLength(28);
    const seqs = ok.map((r) => Number(r.caseNo.split('-').at(-1))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(28);
    expect(new Set(ok.map((r) => r.id)).size).toBe(28);
    expect(new Set(ok.map((r) => r.queryCode)).size).toBe(28);

    for (const [i, r] of ok.entries()) {
      const rec = (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${r.id}`, headers: xfj.headers })).json() as {
        caseNo: string;
        title: string;
        deadlines: { ruleKey: string; dueDate: string }[];
      };
      expect(rec.caseNo).toBe(r.caseNo);
      expect(rec.title).toMatch(/^供暖费退费问题 \d+$/);
      // received Mon 2026-09-28; 15 calendar days end on 10-13, a working day after the 国庆 holiday
      expect(rec.deadlines.find((d) => d.ruleKey === 'xf.dept.route')?.dueDate, `case ${i}`).toBe('2026-10-13');
    }
    const db = t.database.db;
    const titles = (await db.selectFrom('petitions').select('title').execute()).map((p) => p.title);
    expect(titles).toHaveLength(28);
    expect(titles).not.toContain('供暖费退费问题 7');
    expect(titles).not.toContain('供暖费退费问题 19');
    const registered = await db.selectFrom('audit_events').select('entity_id').where('action', '=', 'petition.register').execute();
    expect(new Set(registered.map((e) => Number(e.entity_id)))).toEqual(new Set(ok.map((r) => r.id)));
    const started = await db.selectFrom('audit_events').select('after').where('action', '=', 'deadline.start').execute();
    expect(started).toHaveLength(28);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    // each committed registration queued its 登记回执 to the petitioner's phone, sealed: the 查询码 is not readable in the table
    const receipts = await db
      .selectFrom('outbox_messages')
      .select(['work_item_id', 'recipient_masked', 'body_enc', 'preview'])
      .where('template', '=', 'registered')
      .execute();
    expect(new Set(receipts.map((m) => Number(m.work_item_id)))).toEqual(new Set(ok.map((r) => r.id)));
    for (const m of receipts) {
      const code = ok.find((r) => r.id === Number(m.work_item_id))!.queryCode;
      expect(m.body_enc).not.toContain(code);
      expect(m.preview).not.toContain(code);
      expect(m.recipient_masked).not.toMatch(/^1390000\d{4}$/);
    }
  });

  it('the same person twice in one burst: the later registration still links to an earlier one afterwards', async () => {
    const first = await post(body(100, { title: '燃气管道改造噪音扰民', content: '燃气管道改造夜间施工噪音扰民，影响休息。' }));
    expect(first.statusCode).toBe(200);
    const again = await Promise.all(
      [1, 2, 3].map(() => post(body(100, { title: '燃气管道改造噪音扰民', content: '燃气管道改造夜间施工噪音扰民，影响休息。' }))),
    );
    for (const r of again) {
      expect(r.statusCode).toBe(200);
      expect(r.json().flags).toMatchObject({ firstTime: false, repeat: true, repeatOf: first.json().id });
    }
  });

  it('an item 交办 from the province carries that level\u2019s due date as a clock of its own, kept when the rules are recomputed', async () => {
    const res = await post(body(200, { channel: 'upper', upper: { level: 'province', refNo: '省信转〔2026〕88号', dueDate: '2026-10-20' } }));
    expect(res.statusCode).toBe(200);
    const rec = async () =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/petitions/${res.json().id}`, headers: xfj.headers })).json() as {
        deadlines: { ruleKey: string; ruleName: string; ruleSource: string; dueDate: string; status: string }[];
      };
    const upper = (await rec()).deadlines.find((d) => d.ruleKey === 'instructed');
    expect(upper).toMatchObject({ ruleName: '上级交办期限', dueDate: '2026-10-20', status: 'running' });
    expect(upper!.ruleSource).toContain('省信访局交办（省信转〔2026〕88号）');
    // the statutory routing clock runs beside it
    expect((await rec()).deadlines.find((d) => d.ruleKey === 'xf.dept.route')?.dueDate).toBe('2026-10-13');
    await t.database.db
      .transaction()
      .execute((trx) => recomputeOpenDeadlines(trx, { actor: { userId: null, name: '测试', unitId: null, ip: null }, reason: '规则调整' }));
    expect((await rec()).deadlines.find((d) => d.ruleKey === 'instructed')?.dueDate).toBe('2026-10-20');
  });
});
