import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../../test/support/test-db.ts';
import type { Database } from '../../core/db/database.ts';
import { ensureLegalClock } from './seed-legal-clock.ts';
import { SYSTEM_ACTOR, verifyAuditChain, type Actor } from '../../core/audit/audit-chain.ts';
import { extendDeadline, pauseDeadline, resumeDeadline, startDeadline, stopDeadline } from './deadline-clock.ts';
import { recomputeOpenDeadlines } from './recompute-open-deadlines.ts';

let database: Database;
let workItemId: number;
let approverId: number;
let actor: Actor;

beforeAll(async () => {
  database = await openTestDatabase();
  await ensureLegalClock(database.db);
  const db = database.db;
  const unit = await db.insertInto('units').values({ code: 'K1', name: '测试县', kind: 'county', path: '/' }).returning('id').executeTakeFirstOrThrow();
  const user = await db
    .insertInto('users')
    .values({ username: 'leader', display_name: '张局长', unit_id: unit.id, roles: ['xfj_staff'], password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  approverId = Number(user.id);
  actor = { userId: approverId, name: '张局长', unitId: Number(unit.id), ip: '127.0.0.1' };
  const item = await db
    .insertInto('work_items')
    .values({ module: 'test', ref_no: 'XF-1', title: '测试信访事项', state: 'handling', owner_unit_id: unit.id, owner_unit_path: `/${unit.id}/` })
    .returning('id')
    .executeTakeFirstOrThrow();
  workItemId = Number(item.id);
});
afterAll(async () => database?.close());

describe('deadline clocks', () => {
  it('start → pause → resume → extend → stop, each re-derived from all events and audited', async () => {
    const db = database.db;
    const started = await db
      .transaction()
      .execute((trx) => startDeadline(trx, { workItemId, ruleKey: 'xf.handle', label: '办理期限', startedAt: new Date('2026-08-05T01:30:00Z'), actor }));
    expect(started).toMatchObject({ status: 'running', startDate: '2026-08-05', dueDate: '2026-10-08', provisional: false });

    const paused = await db
      .transaction()
      .execute((trx) => pauseDeadline(trx, { deadlineId: started.id, at: new Date('2026-08-10T02:00:00Z'), reason: '听证', actor }));
    expect(paused).toMatchObject({ status: 'paused', dueDate: null });
    await expect(
      db.transaction().execute((trx) => pauseDeadline(trx, { deadlineId: started.id, at: new Date('2026-08-11T02:00:00Z'), actor })),
    ).rejects.toThrow(/已暂停”，不能暂停/);

    const resumed = await db.transaction().execute((trx) => resumeDeadline(trx, { deadlineId: started.id, at: new Date('2026-08-20T02:00:00Z'), actor }));
    expect(resumed).toMatchObject({ status: 'running', dueDate: '2026-10-14' }); // 10 paused days

    const extended = await db
      .transaction()
      .execute((trx) => extendDeadline(trx, { deadlineId: started.id, amount: 30, reason: '情况复杂，经负责人批准延期', approvedBy: approverId, actor }));
    expect(extended.dueDate).toBe('2026-11-13'); // 60 + 30 + 10 days from 08-05 = 11-13 (Fri)
    expect(extended.explanation).toContain('经批准延长30日');

    const event = await db
      .selectFrom('deadline_events')
      .selectAll()
      .where('deadline_id', '=', started.id)
      .where('kind', '=', 'extend')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ amount: 30, unit: 'calendar_days', approved_by: approverId, reason: '情况复杂，经负责人批准延期' });
    // xf.handle.ext caps the sum of extensions at 30 days
    await expect(
      db.transaction().execute((trx) => extendDeadline(trx, { deadlineId: started.id, amount: 1, reason: '再延', approvedBy: approverId, actor })),
    ).rejects.toThrow(/超过法定上限30/);

    const stopped = await db.transaction().execute((trx) => stopDeadline(trx, { deadlineId: started.id, at: new Date('2026-09-01T02:00:00Z'), actor }));
    expect(stopped.status).toBe('stopped');
    await expect(db.transaction().execute((trx) => resumeDeadline(trx, { deadlineId: started.id, at: new Date(), actor }))).rejects.toThrow(/已停止/);

    const actions = (
      await db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_type', '=', 'deadline')
        .where('entity_id', '=', String(started.id))
        .orderBy('seq')
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(['deadline.start', 'deadline.pause', 'deadline.resume', 'deadline.extend', 'deadline.stop']);
  });

  it('extension needs a reason and a positive amount', async () => {
    const d = await database.db
      .transaction()
      .execute((trx) => startDeadline(trx, { workItemId, ruleKey: 'xf.transfer.objection', label: '异议', startedAt: '2026-09-23', actor }));
    expect(d.dueDate).toBe('2026-10-08');
    await expect(
      database.db.transaction().execute((trx) => extendDeadline(trx, { deadlineId: d.id, amount: 0, reason: 'x', approvedBy: approverId, actor })),
    ).rejects.toThrow(/amount/);
    await expect(
      database.db.transaction().execute((trx) => extendDeadline(trx, { deadlineId: d.id, amount: 2, reason: ' ', approvedBy: approverId, actor })),
    ).rejects.toThrow(/理由/);
  });

  it('an hour clock keeps its instant', async () => {
    const d = await database.db
      .transaction()
      .execute((trx) => startDeadline(trx, { workItemId, ruleKey: 'acc.unit', label: '事故报告', startedAt: new Date('2026-10-01T02:30:00Z'), actor }));
    expect(d).toMatchObject({ dueAt: '2026-10-01T03:30:00.000Z', dueDate: '2026-10-01' });
  });

  it('unknown rule or work item is refused and nothing is written', async () => {
    const before = await database.db
      .selectFrom('deadlines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      database.db.transaction().execute((trx) => startDeadline(trx, { workItemId, ruleKey: 'no.rule', label: 'x', startedAt: '2026-01-05', actor })),
    ).rejects.toThrow(/未找到时限规则/);
    await expect(
      database.db.transaction().execute((trx) => startDeadline(trx, { workItemId: 999999, ruleKey: 'xf.handle', label: 'x', startedAt: '2026-01-05', actor })),
    ).rejects.toThrow();
    const after = await database.db
      .selectFrom('deadlines')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('recompute with nothing changed still writes one audit event and changes no row', async () => {
    const r = await database.db.transaction().execute((trx) => recomputeOpenDeadlines(trx, { actor: SYSTEM_ACTOR, reason: '测试' }));
    expect(r.changed).toEqual([]);
    expect(r.checked).toBe(2); // the stopped clock is not recomputed
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});
