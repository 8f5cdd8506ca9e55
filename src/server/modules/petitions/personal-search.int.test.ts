import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../test/support/login.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';

const ZHANG_ID = '11010519491231002X';
const LI_ID = '110105198001010016';

describe('信访事项 list: search by the petitioner’s ID number, phone or name, audited like a reveal', () => {
  const now = new Date('2026-03-10T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let xfj: LoggedIn;
  let town: LoggedIn;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    const cats = (await t.app.inject({ method: 'GET', url: '/api/v1/petition-categories', headers: xfj.headers })).json() as {
      items: { name: string; children: { id: number }[] }[];
    };
    const categoryId = cats.items.find((c) => c.name === '劳动和社会保障')!.children[0]!.id;
    const people = {
      zhang: { name: '张三丰', idNumber: ZHANG_ID, phone: '13800138000' },
      // same masked name (张*丰) as 张三丰: only the full name tells them apart
      zhangwu: { name: '张五丰', phone: '13900139000' },
      li: { name: '李四', idNumber: LI_ID },
    };
    for (const [key, person] of Object.entries(people)) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/petitions',
        headers: xfj.headers,
        payload: {
          channel: 'letter',
          petitioners: [person],
          matterType: 'appeal',
          categoryId,
          placeUnitId: tree.townships[0].id,
          title: `反映工资问题（${key}）`,
          content: '工地拖欠农民工工资，多次讨要未果。',
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      ids[key] = res.json().id;
    }
  });
  afterAll(() => t.close());

  const search = async (q: string, who = xfj) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/petitions?q=${encodeURIComponent(q)}`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { id: number }[] }).items.map((i) => i.id).sort();
  };
  const searches = () =>
    t.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'entity_type', 'reason', 'after'])
      .where('action', '=', 'personal.search')
      .orderBy('seq')
      .execute();

  it('finds a petitioner by ID number (any case of X, spaces ignored), by phone and by full name', async () => {
    expect(await search(ZHANG_ID.toLowerCase())).toEqual([ids.zhang]);
    expect(await search('138 0013 8000')).toEqual([ids.zhang]);
    expect(await search('张三丰')).toEqual([ids.zhang]);
    expect(await search('张五丰')).toEqual([ids.zhangwu]);
    expect(await search('李四')).toEqual([ids.li]);
    expect(await search('王小明')).toEqual([]);
  });

  it('writes one audit event per search, with the term masked and never in full', async () => {
    const events = await searches();
    expect(events).toHaveLength(6);
    expect(events.every((e) => e.actor_id === xfj.user.id && e.entity_type === 'petitioner')).toBe(true);
    expect(events[0]!.reason).toBe('按身份证号查找信访事项');
    expect(events.map((e) => (e.after as { term: string }).term)).toEqual(['110***********002X', '138****8000', '张*丰', '张*丰', '李*', '王*明']);
    expect(events.map((e) => (e.after as { found: number }).found)).toEqual([1, 1, 1, 1, 1, 0]);
    const text = JSON.stringify(events);
    for (const full of [ZHANG_ID, '13800138000', '张三丰']) expect(text).not.toContain(full);
  });

  it('a case number or title word is an ordinary search and is not audited', async () => {
    const before = (await searches()).length;
    expect(await search('工资问题（li）')).toEqual([ids.li]);
    expect(await search('2026')).toHaveLength(3);
    expect((await searches()).length).toBe(before);
  });

  it('stays inside the searcher’s scope: a township with no part in the cases finds nothing (and the look is still logged)', async () => {
    expect(await search(ZHANG_ID, town)).toEqual([]);
    const last = (await searches()).at(-1)!;
    expect(last.actor_id).toBe(town.user.id);
    expect((last.after as { found: number }).found).toBe(0);
  });

  it('the export of a search by phone holds that person’s cases and is audited too', async () => {
    const before = (await searches()).length;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/petitions/export.xlsx?q=13900139000', headers: xfj.headers });
    expect(res.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('信访台账')!;
    expect(ws.rowCount).toBe(2);
    expect(JSON.stringify(ws.getRow(2).values)).toContain('（zhangwu）');
    const events = await searches();
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)!.reason).toBe('按联系电话查找信访台账导出');
  });
});
