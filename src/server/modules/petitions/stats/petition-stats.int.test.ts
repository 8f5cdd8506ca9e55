import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';
import { ensureLegalClock } from '../../../kernel/deadlines/seed-legal-clock.ts';
import { INDICATORS } from './indicators.ts';

interface Row {
  key: string;
  label: string;
  counts: Record<string, number>;
  indicators: { key: string; numerator: number; denominator: number; value: number | null }[];
  previous?: { counts: Record<string, number> };
}
interface Stats {
  rows: Row[];
  total: Row;
  previousPeriod: { from: string; to: string } | null;
}

describe('信访统计: indicators on a fixture with known outcomes, drill-down equals the numbers', () => {
  let current = new Date('2026-02-10T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let xfj: LoggedIn;
  let catId: number;
  const at = async (day: string) => {
    current = new Date(`${day}T02:00:00Z`);
    xfj = await loginAs(t, { roles: ['xfj_staff'], username: xfj.user.username });
  };
  const ids: Record<string, number> = {};
  const flags: Record<string, { repeat: boolean }> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { id: number; name: string; children: { id: number }[] }[];
    };
    catId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
  });
  afterAll(() => t.close());

  const register = async (name: string, extra: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      headers: xfj.headers,
      payload: {
        channel: 'letter',
        petitioners: [{ name: '李四', idNumber: '11010519491231002X' }],
        matterType: 'appeal',
        categoryId: catId,
        placeUnitId: tree.townships[0].id,
        title: '拖欠工资问题',
        content: '某工地拖欠农民工工资，多次讨要未果。',
        ...extra,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    ids[name] = res.json().id;
    flags[name] = res.json().flags;
  };
  const act = async (name: string, action: string, payload: Record<string, unknown> = {}) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/petitions/${ids[name]}/actions/${action}`, headers: xfj.headers, payload });
    expect(res.statusCode, res.body).toBe(200);
  };
  const reply = { outcome: 'support', facts: '经调查情况属实，已督促解决。', legalBasis: '《保障农民工工资支付条例》' };
  const stats = async (query: string, who = xfj) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/stats/petition?${query}`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Stats;
  };

  it('builds the fixture through the real actions', async () => {
    await register('F', {}); // February: for 环比
    await at('2026-02-12');
    await act('F', 'accept');
    await at('2026-03-02');
    await register('A', {
      channel: 'visit',
      visit: { persons: 6 },
      petitioners: [{ name: '王五', phone: '13900139000' }],
      title: '征地补偿款未发放',
      content: '村里征地补偿款至今未发放到户。',
    });
    await register('B', { petitioners: [{ name: '赵六' }], title: '噪声扰民', content: '夜间施工噪声严重影响休息。' });
    await at('2026-03-03');
    await register('C', { channel: 'online', lawRelated: true, petitioners: [{ name: '钱七' }], title: '判决执行不到位', content: '法院判决后对方拒不执行。' });
    await at('2026-03-04');
    await register('D', { channel: 'online', petitioners: [{ name: '孙八' }], title: '道路破损', content: '村道破损多年无人维修。' });
    await at('2026-03-05');
    await act('A', 'accept');
    await at('2026-03-06');
    await act('D', 'accept');
    await at('2026-03-10');
    await register('E', { channel: 'phone' }); // same person and matter as F: a repeat petition
    await at('2026-03-11');
    await act('E', 'accept');
    await at('2026-03-12');
    await act('E', 'reply', reply);
    await act('E', 'deliver');
    await at('2026-03-13');
    await act('E', 'evaluate', { result: 'unsatisfied' });
    await at('2026-03-20');
    await act('A', 'reply', reply);
    await act('A', 'deliver');
    await at('2026-03-25');
    await act('A', 'evaluate', { result: 'satisfied' });
    await act('B', 'accept'); // route limit 03-17 passed: 超期受理
    await at('2026-07-15');
    await act('B', 'reply', reply); // handling limit (60 days from 03-25) passed: 超期答复
    await act('B', 'deliver');
    await at('2026-09-01'); // B's evaluation window has passed: 超期未评价; C never routed; D never answered
    expect(flags.E!.repeat).toBe(true);
  });

  it('counts 件次/人次 and each indicator as defined', async () => {
    const s = await stats('from=2026-03-01&to=2026-03-31&groupBy=channel');
    const c = s.total.counts;
    expect(c).toMatchObject({
      batches: 5,
      persons: 10,
      routeTimely: 3,
      routeLate: 1,
      routeOverdueOpen: 1,
      routeBase: 5,
      replyOnTime: 2,
      replyLate: 1,
      replyOverdueOpen: 1,
      replyBase: 4,
    });
    expect(c).toMatchObject({ evaluated: 2, evalOverdue: 1, evalBase: 3, satisfied: 1, nonLawRelated: 4, repeatNonLaw: 1, online: 2 });
    const v = Object.fromEntries(s.total.indicators.map((i) => [i.key, i.value]));
    expect(v).toMatchObject({ timelyAcceptance: 0.6, onTimeReply: 0.5, satisfactionRate: 0.5, repeatRate: 0.25, onlineShare: 0.4 });
    expect(v.evaluationRate).toBeCloseTo(2 / 3, 10);
    const online = s.rows.find((r) => r.key === 'online')!;
    expect(online).toMatchObject({ label: '网上', counts: { batches: 2, routeOverdueOpen: 1, replyOverdueOpen: 1 } });
    expect(s.rows.find((r) => r.key === 'visit')!.counts.persons).toBe(6);
  });

  it('环比 compares with the previous month; 同比 with the same month a year earlier', async () => {
    const mom = await stats('from=2026-03-01&to=2026-03-31&groupBy=channel&compare=mom');
    expect(mom.previousPeriod).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(mom.total.previous!.counts).toMatchObject({ batches: 1, routeTimely: 1 });
    expect(mom.rows.find((r) => r.key === 'letter')!.previous!.counts.batches).toBe(1);
    const yoy = await stats('from=2026-03-01&to=2026-03-31&groupBy=month&compare=yoy');
    expect(yoy.total.previous!.counts.batches).toBe(0);
    expect(yoy.rows.map((r) => r.label)).toEqual(['2026年03月']);
  });

  it('grouped by month lists every month of the range, a month without items as zeros', async () => {
    const s = await stats('from=2025-12-01&to=2026-05-20&groupBy=month');
    expect(s.rows.map((r) => r.label)).toEqual(['2025年12月', '2026年01月', '2026年02月', '2026年03月', '2026年04月', '2026年05月']);
    expect(s.rows.map((r) => r.counts.batches)).toEqual([0, 0, 1, 5, 0, 0]);
    expect(s.rows[0]!.indicators.every((i) => i.value === null)).toBe(true);
  });

  it('every number on screen equals the count of its drill-down list', async () => {
    for (const groupBy of ['channel', 'township', 'unit']) {
      const s = await stats(`from=2026-02-01&to=2026-03-31&groupBy=${groupBy}`);
      for (const row of [...s.rows, s.total]) {
        for (const ind of row.indicators) {
          for (const part of ['numerator', 'denominator'] as const) {
            const dim = row === s.total ? '' : `&dimension=${groupBy}&value=${encodeURIComponent(row.key)}`;
            const res = await t.app.inject({
              method: 'GET',
              url: `/api/v1/stats/petition/items?from=2026-02-01&to=2026-03-31${dim}&indicator=${ind.key}&part=${part}&pageSize=500`,
              headers: xfj.headers,
            });
            expect(res.statusCode, res.body).toBe(200);
            const body = res.json() as { total: number; items: { id: number }[] };
            expect(body.total, `${groupBy}/${row.key}/${ind.key}/${part}`).toBe(ind[part]);
            expect(body.items.length).toBe(ind[part]);
          }
        }
      }
    }
    const persons = (
      await t.app.inject({ method: 'GET', url: '/api/v1/stats/petition/items?from=2026-03-01&to=2026-03-31&indicator=persons', headers: xfj.headers })
    ).json() as { sums: { persons: number }; items: { id: number; no: string; href: string; values: Record<string, unknown> }[] };
    expect(persons.sums.persons).toBe(10);
    expect(persons.items[0]).toMatchObject({ href: `/xf/${persons.items[0]!.id}`, values: { channel: expect.stringMatching(/^(来信|来访|电话|网上)$/) } });
    const overdue = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/stats/petition/items?from=2026-03-01&to=2026-03-31&indicator=timelyAcceptance&part=denominator',
        headers: xfj.headers,
      })
    ).json() as { items: { id: number }[] };
    expect(overdue.items.map((i) => i.id).sort()).toEqual([ids.A, ids.B, ids.C, ids.D, ids.E].sort());
  });

  it('counts the petitions linked to other items (either way), and drills down to them', async () => {
    const before = (await stats('from=2026-03-01&to=2026-03-31')).total.counts.linked;
    const link = await t.app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${ids.A}/links`,
      headers: xfj.headers,
      payload: { toId: ids.D, kind: 'relates', note: '同一村道问题' },
    });
    expect(link.statusCode, link.body).toBe(200);
    expect((await stats('from=2026-03-01&to=2026-03-31')).total.counts.linked).toBe(before! + 2);
    const drill = (
      await t.app.inject({ method: 'GET', url: '/api/v1/stats/petition/items?from=2026-03-01&to=2026-03-31&indicator=linked', headers: xfj.headers })
    ).json() as { items: { id: number }[] };
    expect(drill.items.map((i) => i.id).sort()).toEqual([ids.A, ids.D].sort());
  });

  it('is scoped like the list: a township with no part in these cases sees nothing', async () => {
    const town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    expect((await stats('from=2026-02-01&to=2026-03-31', town)).total.counts.batches).toBe(0);
    const items = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/petition/items?from=2026-02-01&to=2026-03-31&indicator=batches',
      headers: town.headers,
    });
    expect(items.json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/stats/petition?from=2026-02-01&to=2026-03-31' })).statusCode).toBe(401);
  });

  it('exports the table with a formulas sheet', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/petition/export.xlsx?from=2026-03-01&to=2026-03-31&groupBy=channel',
      headers: xfj.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('信访统计')!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    const totalRow = ws.getRow(ws.rowCount);
    expect(totalRow.getCell(1).value).toBe('合计');
    expect(totalRow.getCell(header.indexOf('批次（件次）') + 1).value).toBe(5);
    expect(totalRow.getCell(header.indexOf('及时受理率') + 1).value).toBeCloseTo(0.6, 10);
    const formulas = wb.getWorksheet('公式说明')!;
    expect(formulas.getColumn(1).values).toEqual(expect.arrayContaining(INDICATORS.map((d) => d.name)));
    // the sources people outside read cite the law and official documents, never the project's own notes
    const sources = (formulas.getColumn(5).values as unknown[]).filter((v) => typeof v === 'string').join('\n');
    expect(sources).toContain('《信访工作条例》');
    expect(sources).not.toMatch(/rules\.md|§|\.md\b/);
    // frozen, filterable heading and columns wide enough for their headings
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(header.indexOf('及时受理率') + 1).width).toBeGreaterThanOrEqual(10);
  });

  it('the monthly export has a row for every month of the range', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/petition/export.xlsx?from=2026-01-01&to=2026-04-30&groupBy=month',
      headers: xfj.headers,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const labels = (wb.getWorksheet('信访统计')!.getColumn(1).values as unknown[]).slice(3);
    expect(labels).toEqual(['2026年01月', '2026年02月', '2026年03月', '2026年04月', '合计']);
  });
});
