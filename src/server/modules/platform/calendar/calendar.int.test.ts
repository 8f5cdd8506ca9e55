import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { insertUnit, loginAs, type LoggedIn } from '../../../../../test/support/login.ts';
import { fixedClock } from '../../../core/clock/clock.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { SYSTEM_ACTOR, verifyAuditChain } from '../../../core/audit/audit-chain.ts';
import { startDeadline } from '../../../kernel/deadlines/deadline-clock.ts';

let t: TestApp;
let admin: LoggedIn;
let staff: LoggedIn;
let unitId: number;

const get = (url: string, who?: LoggedIn) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who?.headers });
const send = (method: 'POST' | 'PUT', url: string, payload: unknown, who?: LoggedIn) =>
  t.app.inject({ method, url: `/api/v1${url}`, payload: payload as object, headers: who?.headers });

async function newDeadline(ruleKey: string, startedAt: string, province = '') {
  return t.database.db.transaction().execute(async (trx) => {
    const item = await trx
      .insertInto('work_items')
      .values({
        module: 'test',
        ref_no: `T-${Math.random().toString(36).slice(2)}`,
        title: '测试事项',
        state: 'open',
        owner_unit_id: unitId,
        owner_unit_path: `/${unitId}/`,
        province,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return startDeadline(trx, { workItemId: Number(item.id), ruleKey, label: '办理期限', startedAt, actor: SYSTEM_ACTOR });
  });
}

beforeAll(async () => {
  // 2026-11-05 in Shanghai: after 1 November, 2027 not loaded yet
  t = await createTestApp({ clock: fixedClock('2026-11-05T02:00:00Z') });
  const seeded = await ensureLegalClock(t.database.db);
  expect(seeded.seededYears).toHaveLength(23);
  unitId = (await insertUnit(t, { parentId: null, kind: 'county', name: '测试县' })).id;
  admin = await loginAs(t, { roles: ['sys_admin'], unitId });
  staff = await loginAs(t, { roles: ['xfj_staff'], unitId });
});
afterAll(async () => t?.close());

describe('legal clock seed', () => {
  it('is idempotent and keeps admin changes', async () => {
    expect(await ensureLegalClock(t.database.db)).toEqual({ seededYears: [], seededRules: [] });
    const rule = await t.database.db.selectFrom('legal_rules').selectAll().where('key', '=', 'xf.handle').where('province', '=', '').executeTakeFirstOrThrow();
    expect(rule).toMatchObject({ amount: 60, unit: 'calendar_days', source: '《信访工作条例》第三十四条', confidence: 'P' });
  });
});

describe('calendar routes', () => {
  it('need a login', async () => {
    expect((await get('/calendar/years')).statusCode).toBe(401);
    expect((await get('/deadlines/preview?rule=xf.handle&from=2026-08-05')).statusCode).toBe(401);
  });

  it('list years with their source notice, and the days of a year', async () => {
    const years = (await get('/calendar/years', staff)).json() as { year: number; source: string; workdayCount: number }[];
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    const y2026 = years.find((y) => y.year === 2026)!;
    expect(y2026.source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    expect(y2026.workdayCount).toBe(6);
    const days = (await get('/calendar/days?year=2026', staff)).json() as { loaded: boolean; days: { date: string; kind: string }[] };
    expect(days.loaded).toBe(true);
    expect(days.days).toContainEqual(expect.objectContaining({ date: '2026-10-10', kind: 'workday' }));
    expect(days.days).toContainEqual(expect.objectContaining({ date: '2026-09-25', kind: 'holiday' }));
  });

  it('status warns admins (only) from 1 November that next year is missing', async () => {
    const asAdmin = (await get('/calendar/status', admin)).json() as { latestYear: number; missingNextYear: boolean; warning?: string };
    expect(asAdmin).toMatchObject({ latestYear: 2026, missingNextYear: true });
    expect(asAdmin.warning).toContain('2027 年工作日历尚未导入');
    const asStaff = (await get('/calendar/status', staff)).json() as { warning?: string };
    expect(asStaff.warning).toBeUndefined();
  });

  it('loading a year is for sys_admin only and validates hard', async () => {
    const year = { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', days: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] };
    expect((await send('POST', '/calendar/years', year, staff)).statusCode).toBe(403);
    const bad = await send('POST', '/calendar/years', { ...year, days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }] }, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'CALENDAR_YEAR_INVALID' });
    expect(bad.json().message).toContain('不在 2027 年内');
  });
});

describe('rules and preview', () => {
  it('preview: xf.handle from 2026-08-05 → 2026-10-08 with the rule and its source', async () => {
    const res = await get('/deadlines/preview?rule=xf.handle&from=2026-08-05', staff);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      dueDate: '2026-10-08',
      provisional: false,
      missingYears: [],
      explanation: '自2026-08-05起算（当日不计）60日，届满日2026-10-04为休息日，顺延至2026-10-08。依据：《信访工作条例》第三十四条',
      rule: { key: 'xf.handle', amount: 60, unit: 'calendar_days', province: '' },
    });
  });

  it('preview uses province overrides and flags provisional years', async () => {
    expect((await get('/deadlines/preview?rule=xf.handle&from=2026-08-05&province=33', staff)).json()).toMatchObject({
      dueDate: '2026-09-04',
      rule: { province: '33', amount: 30 },
    });
    expect((await get('/deadlines/preview?rule=xf.fucha.accept&from=2026-09-23&province=37', staff)).json()).toMatchObject({
      rule: { province: '37', amount: 3, unit: 'working_days' },
    });
    expect((await get('/deadlines/preview?rule=xf.handle&from=2026-12-01', staff)).json()).toMatchObject({ provisional: true, missingYears: [2027] });
  });

  it('preview rejects an unknown rule and an impossible date', async () => {
    const unknown = await get('/deadlines/preview?rule=xf.nope&from=2026-08-05', staff);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('RULE_NOT_FOUND');
    const bad = await get('/deadlines/preview?rule=xf.handle&from=2026-02-30', staff);
    expect(bad.statusCode).toBe(400);
    // refused by the shared isoDate type before any computation, naming the field
    expect(bad.json()).toMatchObject({ error: 'VALIDATION_FAILED', data: { field: 'from' } });
    expect(bad.json().message).toContain('开始日期');
  });

  it('GET /rules lists national rules with source, confidence and overrides', async () => {
    const rules = (await get('/rules', staff)).json() as { key: string; confidence: string; overrides: { province: string; amount: number }[] }[];
    const keys = rules.map((r) => r.key);
    for (const k of [
      'xf.dept.route',
      'xf.transfer.objection',
      'xf.handle.ext',
      'xf.fuhe.answer',
      'xf.simple.answer',
      'xf.eval.window',
      'legal.fuyi',
      'legal.susong',
      'med.settle',
      'med.confirm.apply',
      'haz.resume.check',
      'acc.unit',
    ]) {
      expect(keys).toContain(k);
    }
    expect(rules.find((r) => r.key === 'xf.handle')!.overrides).toEqual([expect.objectContaining({ province: '33', amount: 30 })]);
    expect(rules.find((r) => r.key === 'xf.eval.window')!.confidence).toBe('U');
  });
});

describe('recomputation', () => {
  it('loading 2027 turns provisional deadlines final, audited in one recompute event', async () => {
    const d = await newDeadline('xf.handle', '2026-12-01');
    expect(d).toMatchObject({ dueDate: '2027-02-01', provisional: true, missingYears: [2027] });
    const stopped = await newDeadline('xf.handle', '2026-12-01');
    await t.database.db.updateTable('deadlines').set({ status: 'stopped' }).where('id', '=', stopped.id).execute();

    const year = {
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-01', kind: 'holiday', name: '测试假日' },
      ],
    };
    const res = await send('POST', '/calendar/years', year, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, replaced: false, days: 2 });
    expect(res.json().recompute.changedCount).toBeGreaterThanOrEqual(1);

    const after = await t.database.db.selectFrom('deadlines').selectAll().where('id', 'in', [d.id, stopped.id]).orderBy('id').execute();
    expect(after[0]).toMatchObject({ due_date: '2027-02-02', provisional: false, missing_years: [] });
    expect(after[1]).toMatchObject({ due_date: '2027-02-01', provisional: true }); // stopped clocks are history

    const audit = await t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'deadline.recompute')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const payload = (typeof audit.after === 'string' ? JSON.parse(audit.after) : audit.after) as {
      changed: { id: number; before: { dueDate: string }; after: { dueDate: string } }[];
    };
    expect(payload.changed).toContainEqual({
      id: d.id,
      before: { dueDate: '2027-02-01', dueAt: null, provisional: true, missingYears: [2027] },
      after: { dueDate: '2027-02-02', dueAt: null, provisional: false, missingYears: [] },
    });
    expect(payload.changed.map((c) => c.id)).not.toContain(stopped.id);
    expect((await get('/calendar/status', admin)).json()).toMatchObject({ latestYear: 2027, missingNextYear: false });
  });

  it('changing a rule recomputes open deadlines; province override applies to that province only', async () => {
    const national = await newDeadline('xf.simple.answer', '2026-06-01');
    const zj = await newDeadline('xf.simple.answer', '2026-06-01', '33');
    expect(national.dueDate).toBe('2026-06-15');
    expect((await send('PUT', '/rules/xf.simple.answer', { amount: 5, unit: 'working_days', source: 'x' }, staff)).statusCode).toBe(403);
    const res = await send(
      'PUT',
      '/rules/xf.simple.answer',
      { province: '33', amount: 5, unit: 'working_days', source: '测试：浙江省覆盖', reason: '测试' },
      admin,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: 'xf.simple.answer', province: '33', amount: 5 });
    const rows = await t.database.db
      .selectFrom('deadlines')
      .select(['id', 'due_date', 'explanation'])
      .where('id', 'in', [national.id, zj.id])
      .orderBy('id')
      .execute();
    expect(rows[0]!.due_date).toBe('2026-06-15');
    expect(rows[1]!.due_date).toBe('2026-06-08');
    expect(rows[1]!.explanation).toContain('测试：浙江省覆盖');
    const missing = await send('PUT', '/rules/no.such.rule', { amount: 5, unit: 'working_days', source: 'x' }, admin);
    expect(missing.statusCode).toBe(404);
  });

  it('the audit chain still verifies', async () => {
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });
});

describe('warning settings', () => {
  it('reads defaults, lets sys_admin change them, validates', async () => {
    expect((await get('/settings/deadline-warning', staff)).json()).toEqual({ approachingDays: 3, severeOverdueDays: 30 });
    expect((await send('PUT', '/settings/deadline-warning', { approachingDays: 5, severeOverdueDays: 15 }, staff)).statusCode).toBe(403);
    const bad = await send('PUT', '/settings/deadline-warning', { approachingDays: -1, severeOverdueDays: 15 }, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().data.field).toBe('approachingDays');
    expect((await send('PUT', '/settings/deadline-warning', { approachingDays: 5, severeOverdueDays: 15 }, admin)).statusCode).toBe(200);
    expect((await get('/settings/deadline-warning', staff)).json()).toEqual({ approachingDays: 5, severeOverdueDays: 15 });
  });
});
