import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { remindBeforeCutOff } from './reminder.job.ts';

interface Row {
  unitId: number;
  unitName: string;
  status: string;
  statusName: string;
  late: string | null;
  zero: boolean | null;
  values: Record<string, number | string>;
}
type Body = {
  id: number;
  code: string;
  message: string;
  status: string;
  late: string | null;
  corrected: boolean;
  reminded: number;
  items: { id: number; name: string; current: { periodStart: string } | null; defId: number; slot: { periodStart: string }; status: string }[];
  units: Row[];
  slot: { periodStart: string; dueAt: string } | null;
  tally: { total: number; onTime: number; late: number; pending: number; missing: number; zero: number };
  periods: { periodStart: string; reported: number; zero: number; late: number; missing: number; sums: Record<string, number> }[];
  total: Record<string, number>;
  fields: { key: string; name: string }[];
};

describe(`定期报告 through HTTP (${TEST_BACKEND})`, () => {
  // Shanghai 2026-10-08 10:00 — the first working day after the National Day holiday
  let now = new Date('2026-10-08T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let office: LoggedIn;
  let town0: LoggedIn;
  let town1: LoggedIn;
  let dept: LoggedIn;
  let village: LoggedIn;
  let defId = 0;

  const api = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    const json = (res.headers['content-type'] ?? '').toString().includes('json');
    return { status: res.statusCode, body: (json ? res.json() : {}) as Body, raw: res };
  };
  const signIn = async () => {
    office = await loginAs(t, { roles: ['dcb_staff'], unitId: tree.county.id, username: 'pr_office' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'pr_town0' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'pr_town1' });
    dept = await loginAs(t, { roles: ['dept_liaison'], unitId: tree.department.id, username: 'pr_dept' });
    village = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[0][0].id, username: 'pr_village' });
  };
  /** Shanghai wall-clock time → the instant */
  const moveTo = async (shanghai: string) => {
    now = new Date(`${shanghai}+08:00`);
    await signIn();
  };
  const submit = (who: LoggedIn, period: string, values: Record<string, number | string | null>, zero = false) =>
    api(who, 'POST', `/periodic-reports/${defId}/submissions`, { period, zero, values });
  const board = async (who: LoggedIn, period: string) => (await api(who, 'GET', `/periodic-reports/${defId}/board?period=${period}`)).body;
  const definition = {
    name: '安全生产日报告',
    fields: [
      { name: '排查隐患', kind: 'number', measure: '处', required: true },
      { name: '发生事故', kind: 'number', measure: '起', required: true },
      { name: '值班情况', kind: 'choice', required: false, options: ['正常', '异常'] },
    ],
    zeroPolicy: 'required',
    scopeKind: 'units',
    frequency: 'daily',
    dueTime: '17:00',
    workdaysOnly: true,
    activeFrom: '2026-09-30',
    activeTo: '2026-10-16',
    periodName: '国庆节期间',
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    await signIn();
  });
  afterAll(async () => t?.close());

  it('refuses a bad definition with a clear message and creates nothing', async () => {
    const before = await t.database.db.selectFrom('periodic_report_defs').select('id').execute();
    const bad = await api(office, 'POST', '/periodic-reports', { ...definition, unitIds: [tree.townships[0].id], activeTo: '2026-09-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('截止日期不能早于启用日期');
    const noUnits = await api(office, 'POST', '/periodic-reports', { ...definition, unitIds: [] });
    expect(noUnits.body.message).toContain('请选择报送单位');
    const byTown = await api(town0, 'POST', '/periodic-reports', { ...definition, unitIds: [tree.townships[0].id] });
    expect(byTown.status).toBe(403);
    expect(await t.database.db.selectFrom('periodic_report_defs').select('id').execute()).toHaveLength(before.length);
  });

  it('the office issues a daily report for the special period; the units see only their own slot', async () => {
    const res = await api(office, 'POST', '/periodic-reports', {
      ...definition,
      unitIds: [tree.townships[0].id, tree.townships[1].id, tree.department.id],
    });
    expect(res.status).toBe(200);
    defId = res.body.id;
    expect((await board(office, '2026-10-08')).units).toHaveLength(3);
    const own = await board(town0, '2026-10-08');
    expect(own.units.map((u) => u.unitId)).toEqual([tree.townships[0].id]);
    expect((await api(town0, 'GET', '/periodic-reports')).body.items.map((i) => i.id)).toContain(defId);
    // a village is no reporting unit: it does not see the report at all
    expect((await api(village, 'GET', '/periodic-reports')).body.items.map((i) => i.id)).not.toContain(defId);
    expect((await api(village, 'GET', `/periodic-reports/${defId}`)).status).toBe(404);
    expect((await submit(village, '2026-10-08', { f1: 1, f2: 0 })).status).toBe(404);
  });

  it('no slot on the National Day holiday; the 调休 Saturday has one', async () => {
    const holiday = await submit(town0, '2026-10-01', { f1: 1, f2: 0 });
    expect(holiday.status).toBe(400);
    expect(holiday.body.message).toContain('节假日不报送');
    expect((await board(office, '2026-10-10')).slot?.periodStart).toBe('2026-10-10');
  });

  it('10-08: two units report, one a 零报告; values are checked against the form', async () => {
    const missing = await submit(town0, '2026-10-08', { f1: 2 });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('“发生事故”为必填项');
    const wrongChoice = await submit(town0, '2026-10-08', { f1: 2, f2: 1, f3: '良好' });
    expect(wrongChoice.body.message).toContain('应从正常、异常中选择');
    expect((await submit(town0, '2026-10-08', { f1: 2, f2: 1, f3: '正常' })).body.status).toBe('on_time');
    expect((await submit(town1, '2026-10-08', { f1: 5, f2: 0 })).body.status).toBe('on_time');
    expect((await submit(dept, '2026-10-08', {}, true)).body.status).toBe('on_time');
    // a period not yet begun cannot be reported ahead
    const ahead = await submit(town0, '2026-10-09', { f1: 1, f2: 0 });
    expect(ahead.status).toBe(400);
    expect(ahead.body.message).toContain('尚未开始');
  });

  it('10-09: a correction before 17:00 is audited; 17:00 is on time, 17:01 late; after the cut-off nothing changes', async () => {
    await moveTo('2026-10-09T09:00:00');
    expect((await submit(town0, '2026-10-09', { f1: 3, f2: 0 })).body.status).toBe('on_time');
    await moveTo('2026-10-09T11:00:00');
    const corrected = await submit(town0, '2026-10-09', { f1: 4, f2: 0 });
    expect(corrected.body.corrected).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('action', '=', 'periodic_report.correct')
      .where('entity_id', '=', String(defId))
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ values: { f1: 3, f2: 0 } });
    expect(audit.after).toMatchObject({ values: { f1: 4, f2: 0 } });
    await moveTo('2026-10-09T17:00:00');
    expect((await submit(town1, '2026-10-09', {}, true)).body.status).toBe('on_time');
    const atFive = await board(office, '2026-10-09');
    expect(atFive.units.find((u) => u.unitId === tree.department.id)!.status).toBe('pending');
    await moveTo('2026-10-09T17:01:00');
    const b = await board(office, '2026-10-09');
    expect(b.units.map((u) => u.statusName)).toEqual(['按时报送', '按时报送', '缺报']);
    expect(b.tally).toMatchObject({ total: 3, onTime: 2, missing: 1, zero: 1 });
    const closed = await submit(town0, '2026-10-09', { f1: 9, f2: 9 });
    expect(closed.status).toBe(409);
    expect(closed.body.message).toContain('已过截止时间');
    const late = await submit(dept, '2026-10-09', { f1: 1, f2: 2 });
    expect(late.body).toMatchObject({ status: 'late', late: '1分钟' });
    const after = await board(office, '2026-10-09');
    expect(after.units.find((u) => u.unitId === tree.department.id)).toMatchObject({ status: 'late', statusName: '迟报', late: '1分钟' });
    expect((await board(office, '2026-10-09')).units.find((u) => u.unitId === tree.townships[0].id)!.values).toEqual({ f1: 4, f2: 0 });
  });

  it('just after midnight in Shanghai the new day is open although the UTC date is still the day before', async () => {
    // 2026-10-10 00:01 Shanghai = 2026-10-09 16:01 UTC
    await moveTo('2026-10-10T00:01:00');
    expect(now.toISOString().slice(0, 10)).toBe('2026-10-09');
    expect((await submit(town1, '2026-10-10', { f1: 0, f2: 0 })).body.status).toBe('on_time');
    expect((await api(office, 'GET', `/periodic-reports/${defId}/board`)).body.slot?.periodStart).toBe('2026-10-10');
  });

  it('the office reminds who has not reported; the automatic reminder an hour before the cut-off goes once', async () => {
    await moveTo('2026-10-12T09:00:00');
    expect((await api(town0, 'POST', `/periodic-reports/${defId}/remind`, { period: '2026-10-12' })).status).toBe(403);
    await submit(town1, '2026-10-12', {}, true);
    const manual = await api(office, 'POST', `/periodic-reports/${defId}/remind`, { period: '2026-10-12', unitIds: [tree.townships[0].id] });
    expect(manual.body.reminded).toBe(1);
    const inbox = await api(town0, 'GET', '/my/notifications?page=1&pageSize=20');
    expect(JSON.stringify(inbox.body)).toContain('【报送提醒】安全生产日报告（10月12日）');
    // 15:59: more than an hour before 17:00 — nothing yet
    expect((await remindBeforeCutOff({ db: t.database.db, now: new Date('2026-10-12T15:59:00+08:00') })).reminded).toBe(0);
    expect((await remindBeforeCutOff({ db: t.database.db, now: new Date('2026-10-12T16:05:00+08:00') })).reminded).toBe(2);
    expect((await remindBeforeCutOff({ db: t.database.db, now: new Date('2026-10-12T16:15:00+08:00') })).reminded).toBe(0);
    const b = await board(office, '2026-10-12');
    expect(b.units.find((u) => u.unitId === tree.townships[0].id)).toMatchObject({ reminders: 2 });
  });

  it('rolls the figures up per period and per unit (a 零报告 counts 0), the same in Excel; a unit sees only its own', async () => {
    const res = await api(office, 'GET', `/periodic-reports/${defId}/rollup?from=2026-10-08&to=2026-10-09`);
    expect(res.body.message).toBeUndefined();
    const r = res.body;
    expect(r.periods.map((p) => [p.periodStart, p.sums, p.reported, p.zero, p.late, p.missing])).toEqual([
      ['2026-10-08', { f1: 7, f2: 1 }, 3, 1, 0, 0],
      ['2026-10-09', { f1: 5, f2: 2 }, 3, 1, 1, 0],
    ]);
    expect(Object.fromEntries(r.units.map((u) => [u.unitId, (u as unknown as { sums: Record<string, number> }).sums]))).toEqual({
      [tree.townships[0].id]: { f1: 6, f2: 1 },
      [tree.townships[1].id]: { f1: 5, f2: 0 },
      [tree.department.id]: { f1: 1, f2: 2 },
    });
    expect(r.total).toEqual({ f1: 12, f2: 3 });
    const own = (await api(town0, 'GET', `/periodic-reports/${defId}/rollup?from=2026-10-08&to=2026-10-09`)).body;
    expect(own.total).toEqual({ f1: 6, f2: 1 });

    const xlsx = await api(office, 'GET', `/periodic-reports/${defId}/rollup/export?from=2026-10-08&to=2026-10-09`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.raw.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const byPeriod = wb.getWorksheet('按期汇总')!;
    expect(byPeriod.getRow(3).values).toContain('排查隐患（处）');
    const total = byPeriod.getRow(6);
    expect(total.getCell(1).value).toBe('合计');
    expect((total.getCell(7).value as { result: number }).result).toBe(12);
    expect((total.getCell(8).value as { result: number }).result).toBe(3);
    const detail = wb.getWorksheet('报送明细')!;
    const words: string[] = [];
    detail.eachRow((row) => words.push(String(row.getCell(3).value)));
    expect(words).toContain('零报告');
    expect(words).toContain('迟报（1分钟）');
  });

  it('a range longer than a year is refused', async () => {
    const res = await api(office, 'GET', `/periodic-reports/${defId}/rollup?from=2025-01-01&to=2026-10-09`);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('最长一年');
  });

  it('the automatic reminder comes as long before the cut-off as the report says; 0 means none', async () => {
    await moveTo('2026-10-13T09:00:00');
    const units = [tree.townships[0].id, tree.townships[1].id, tree.department.id];
    expect((await api(office, 'GET', `/periodic-reports/${defId}`)).body).toMatchObject({ remindBeforeMinutes: 60 });
    const bad = await api(office, 'PUT', `/periodic-reports/${defId}`, { ...definition, unitIds: units, remindBeforeMinutes: -5 });
    expect(bad.status).toBe(400);
    expect((await api(office, 'PUT', `/periodic-reports/${defId}`, { ...definition, unitIds: units, remindBeforeMinutes: 180 })).status).toBe(200);
    expect((await api(office, 'GET', `/periodic-reports/${defId}`)).body).toMatchObject({ remindBeforeMinutes: 180 });
    // cut-off 17:00: three hours before is 14:00
    expect((await remindBeforeCutOff({ db: t.database.db, now: new Date('2026-10-13T13:55:00+08:00') })).reminded).toBe(0);
    expect((await remindBeforeCutOff({ db: t.database.db, now: new Date('2026-10-13T14:05:00+08:00') })).reminded).toBe(3);
    // a PUT without the setting keeps it
    expect((await api(office, 'PUT', `/periodic-reports/${defId}`, { ...definition, unitIds: units })).status).toBe(200);
    expect((await api(office, 'GET', `/periodic-reports/${defId}`)).body).toMatchObject({ remindBeforeMinutes: 180 });
    expect((await api(office, 'PUT', `/periodic-reports/${defId}`, { ...definition, unitIds: units, remindBeforeMinutes: 0 })).status).toBe(200);
    expect((await remindBeforeCutOff({ db: t.database.db, now: new Date('2026-10-14T16:30:00+08:00') })).reminded).toBe(0);
  });
});
