import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { createUnitTree, insertUnit, loginAs, type LoggedIn, type TestUnit, type TestUnitTree } from '../../../../test/support/login.ts';
import { TEST_BACKEND } from '../../../../test/support/test-db.ts';
import { ensureLegalClock } from '../../kernel/deadlines/seed-legal-clock.ts';
import { docxParagraphs } from '../../core/documents/index.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe(`考核 and 问责 through HTTP (${TEST_BACKEND})`, () => {
  let now = new Date('2026-06-01T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let office: TestUnit;
  let dcb: LoggedIn;
  let town0: LoggedIn;
  let town1: LoggedIn;
  let v00: LoggedIn;
  let v10: LoggedIn;
  let typeId = 0;
  const town0Disputes: number[] = [];
  let town1Dispute = 0;
  let periodId = 0;
  let ind: { rate: number; count: number; acc: number } = { rate: 0, count: 0, acc: 0 };

  const api = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: (res.headers['content-type']?.toString().includes('json') ? res.json() : {}) as Json, raw: res };
  };
  const register = async (who: LoggedIn, placeUnitId: number) => {
    const r = await api(who, 'POST', '/disputes', {
      source: 'screening',
      typeId,
      placeUnitId,
      facts: '两户相邻宅基地之间的排水沟被一方填埋，雨季另一方院内积水，双方多次争吵。',
      peopleCount: 2,
      foundOn: '2026-06-01',
      parties: [
        { role: 'applicant', name: '赵明远' },
        { role: 'respondent', name: '钱立新' },
      ],
    });
    expect(r.status).toBe(200);
    return r.body.id as number;
  };
  const accept = async (who: LoggedIn, id: number) =>
    expect((await api(who, 'POST', `/disputes/${id}/actions/accept`, { consent: true, mediationKind: 'people', mediatorName: '孙调解' })).status).toBe(200);
  const signIn = async () => {
    dcb = await loginAs(t, { roles: ['dcb_staff'], unitId: office.id, username: 'as_dcb' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'as_town0' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'as_town1' });
    v00 = await loginAs(t, { roles: ['mediator'], unitId: tree.villages[0][0].id, username: 'as_v00' });
    v10 = await loginAs(t, { roles: ['mediator'], unitId: tree.villages[1][0].id, username: 'as_v10' });
  };
  const moveTo = async (iso: string) => {
    now = new Date(iso);
    await signIn();
  };
  const period = async (who: LoggedIn, id = periodId) => (await api(who, 'GET', `/assessment/periods/${id}`)).body;
  const row = (p: Json, unitId: number) => (p.groups as Json[]).flatMap((g) => g.rows as Json[]).find((r) => r.unitId === unitId)!;

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    office = await insertUnit(t, { parentId: tree.county.id, kind: 'office', name: '测试县督查室' });
    await t.database.db
      .insertInto('document_issuers')
      .values({ unit_id: office.id, prefix: '测督', mark: '测试县委县政府督查室' })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet({ prefix: '测督', mark: '测试县委县政府督查室' }))
      .execute();
    await signIn();
    typeId = Number((await t.database.db.selectFrom('dispute_types').select('id').where('code', '=', 'neighbour').executeTakeFirstOrThrow()).id);
    // 龙蚕镇: 3 disputes, 2 accepted, 1 agreed; the other township: 1 accepted, none agreed
    for (let i = 0; i < 3; i++) town0Disputes.push(await register(v00, tree.villages[0][0].id));
    await accept(v00, town0Disputes[0]!);
    await accept(v00, town0Disputes[1]!);
    town1Dispute = await register(v10, tree.villages[1][0].id);
    await accept(v10, town1Dispute);
    await moveTo('2026-06-05T02:00:00Z');
    const agreed = await api(v00, 'POST', `/disputes/${town0Disputes[0]}/actions/agree`, {
      form: 'written',
      points: '排水沟是否应恢复、费用由谁承担',
      responsibility: '钱立新填埋排水沟负主要责任，赵明远未及时沟通负次要责任。',
      terms: '钱立新于2026年6月20日前恢复排水沟原状；赵明远承担材料费500元。',
      performMethod: '钱立新自行施工恢复，赵明远现金支付材料费',
      performDueOn: '2026-06-20',
    });
    expect(agreed.status).toBe(200);
  });
  afterAll(() => t?.close());

  it('configures indicators over the modules’ declared statistics, with their definitions in words; refuses what makes no sense', async () => {
    const sources = (await api(dcb, 'GET', '/assessment/sources')).body;
    const disputes = (sources.modules as Json[]).find((m) => m.module === 'dispute')!;
    expect(disputes.dimensions.map((d: Json) => d.name)).toEqual(['乡镇（街道）']);
    const bad = await api(dcb, 'POST', '/assessment/indicators', {
      name: '调解成功率',
      source: 'stats',
      module: 'dispute',
      measure: 'successRate',
      dimension: 'township',
      weight: 60,
      formula: { type: 'deduction', per: 2, cap: 6 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('比率达标');
    const notUnit = await api(dcb, 'POST', '/assessment/indicators', {
      name: '调解成功率',
      source: 'stats',
      module: 'dispute',
      measure: 'successRate',
      dimension: 'type',
      weight: 60,
      formula: { type: 'rate', target: 0.8 },
    });
    expect(notUnit.status).toBe(400);
    expect(
      (await api(town0, 'POST', '/assessment/indicators', { name: 'x', source: 'accountability', weight: 1, formula: { type: 'bonus', per: 1, cap: 1 } }))
        .status,
    ).toBe(403);
    const add = async (body: object) => {
      const r = await api(dcb, 'POST', '/assessment/indicators', body);
      expect(r.status).toBe(200);
      return r.body.id as number;
    };
    ind = {
      rate: await add({
        name: '调解成功率',
        source: 'stats',
        module: 'dispute',
        measure: 'successRate',
        dimension: 'township',
        appliesTo: 'township',
        weight: 60,
        formula: { type: 'rate', target: 0.8 },
        sort: 1,
      }),
      count: await add({
        name: '矛盾纠纷排查',
        source: 'stats',
        module: 'dispute',
        measure: 'disputes',
        dimension: 'township',
        appliesTo: 'township',
        weight: 0,
        formula: { type: 'bonus', per: 1, cap: 2 },
        sort: 2,
      }),
      acc: await add({
        name: '问责扣分',
        source: 'accountability',
        appliesTo: 'township',
        weight: 40,
        formula: { type: 'deduction', per: 5, cap: 10 },
        sort: 3,
      }),
    };
    const list = (await api(town0, 'GET', '/assessment/indicators')).body.rows as Json[];
    expect(list.find((r) => r.id === ind.rate)!.definition).toContain('调解成功 ÷ 受理调解');
    expect(list.find((r) => r.id === ind.rate)!.formulaText).toBe('满分 60 分；达到 80% 得满分，低于目标按比例计分；当期无考核事项记满分');
  });

  it('records a 约谈 linked to the overdue item that caused it, followed from the item and from the record', async () => {
    await moveTo('2026-06-20T02:00:00Z');
    const future = await api(dcb, 'POST', '/accountability', {
      measure: 'talk',
      decidedOn: '2026-06-21',
      responsibleUnitId: tree.townships[1].id,
      itemIds: [town1Dispute],
      text: '约谈镇分管负责同志',
    });
    expect(future.status).toBe(400);
    // the item by the number people know it by, its 矛盾纠纷 prefix typed in lower case with a full-width dash
    const { ref_no } = await t.database.db.selectFrom('work_items').select('ref_no').where('id', '=', town1Dispute).executeTakeFirstOrThrow();
    expect(ref_no).toMatch(/^JF-/);
    const ok = await api(dcb, 'POST', '/accountability', {
      measure: 'talk',
      decidedOn: '2026-06-20',
      responsibleUnitId: tree.townships[1].id,
      itemRefs: [ref_no.replace(/^JF-/, 'jf－')],
      text: '纠纷受理后未及时组织调解，约谈镇分管负责同志',
    });
    expect(ok.status).toBe(200);
    const fromItem = (await api(town1, 'GET', `/accountability?workItemId=${town1Dispute}`)).body;
    expect(fromItem.rows).toHaveLength(1);
    expect(fromItem.rows[0]).toMatchObject({ measureName: '约谈', automatic: false, decidedOn: '2026-06-20', responsibleUnitName: tree.townships[1].name });
    expect(fromItem.rows[0].items.map((i: Json) => i.id)).toEqual([town1Dispute]);
    // the other township does not see a record against another unit
    expect((await api(town0, 'GET', `/accountability?workItemId=${town1Dispute}`)).body.rows).toHaveLength(0);
    // the record opened from the item's page: by its id, for whoever may read it
    const one = (await api(dcb, 'GET', `/accountability?id=${ok.body.id}`)).body;
    expect(one.rows.map((r: Json) => [r.id, r.items.map((i: Json) => i.id)])).toEqual([[ok.body.id, [town1Dispute]]]);
    expect((await api(town0, 'GET', `/accountability?id=${ok.body.id}`)).body.rows).toHaveLength(0);
    const audit = await t.database.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'supervision.accountability').execute();
    expect(audit.map((a) => Number(a.entity_id))).toEqual([town1Dispute]);
  });

  it('computes a month: each township’s values equal the items drilled down, marks by the hand-computed formulas, and the ranking', async () => {
    await moveTo('2026-07-02T02:00:00Z');
    const created = await api(dcb, 'POST', '/assessment/periods', { kind: 'month', year: 2026, n: 6 });
    expect(created.status).toBe(200);
    periodId = created.body.id;
    expect((await api(dcb, 'POST', `/assessment/periods/${periodId}/compute`)).body).toMatchObject({ asOf: '2026-06-30', units: 2 });
    const p = await period(dcb);
    expect(p.label).toBe('2026年6月');
    const t0 = row(p, tree.townships[0].id);
    const t1 = row(p, tree.townships[1].id);
    // 龙蚕镇: 1/2 = 50 % against 80 % → 60 × 0.5 / 0.8 = 37.5; 3 disputes → bonus min(2, 3) = 2; no 问责 → 40
    expect(t0.scores.map((s: Json) => s.score)).toEqual([37.5, 2, 40]);
    expect(t0.total).toBe(79.5);
    // the other: 0/1 → 0; 1 dispute → 1; one 约谈 → 40 − 5 = 35
    expect(t1.scores.map((s: Json) => s.score)).toEqual([0, 1, 35]);
    expect(t1.total).toBe(36);
    expect([t0.rank, t1.rank]).toEqual([1, 2]);
    // the drill-down lists exactly the items counted, and agrees with the module's own statistics
    const num = (await api(dcb, 'GET', `/assessment/periods/${periodId}/items?indicatorId=${ind.rate}&unitId=${tree.townships[0].id}&part=numerator`)).body;
    const den = (await api(dcb, 'GET', `/assessment/periods/${periodId}/items?indicatorId=${ind.rate}&unitId=${tree.townships[0].id}&part=denominator`)).body;
    expect(num.items.map((i: Json) => i.id)).toEqual([town0Disputes[0]]);
    expect(den.items.map((i: Json) => i.id).sort()).toEqual([town0Disputes[0], town0Disputes[1]].sort());
    expect([num.total, den.total]).toEqual([t0.scores[0].numerator, t0.scores[0].denominator]);
    const stats = (
      await api(
        dcb,
        'GET',
        `/stats/dispute/items?from=2026-06-01&to=2026-06-30&dimension=township&value=${tree.townships[0].id}&indicator=successRate&part=denominator`,
      )
    ).body;
    expect(stats.items.map((i: Json) => i.id).sort()).toEqual(den.items.map((i: Json) => i.id).sort());
    const acc = (await api(dcb, 'GET', `/assessment/periods/${periodId}/items?indicatorId=${ind.acc}&unitId=${tree.townships[1].id}`)).body;
    expect(acc.records.map((r: Json) => r.measureName)).toEqual(['约谈']);
    expect(acc.items.map((i: Json) => i.id)).toEqual([town1Dispute]);
  });

  it('a draft is the office’s; once published the figures are a snapshot a weight change never rewrites', async () => {
    expect((await api(town0, 'GET', `/assessment/periods/${periodId}`)).status).toBe(404);
    expect((await api(town0, 'GET', '/assessment/periods')).body.rows).toHaveLength(0);
    expect((await api(town0, 'POST', `/assessment/periods/${periodId}/publish`)).status).toBe(403);
    expect((await api(dcb, 'POST', `/assessment/periods/${periodId}/publish`)).status).toBe(200);
    const change = (weight: number) =>
      api(dcb, 'PUT', `/assessment/indicators/${ind.rate}`, {
        name: '调解成功率',
        source: 'stats',
        module: 'dispute',
        measure: 'successRate',
        dimension: 'township',
        appliesTo: 'township',
        weight,
        formula: { type: 'rate', target: 0.8 },
      });
    // a group is assessed out of 100: 80 + 40 is refused and nothing changes
    const over = await change(80);
    expect(over.status).toBe(400);
    expect(over.body.message).toContain('乡镇（街道）的指标权重合计将为 120 分');
    expect((await api(dcb, 'GET', '/assessment/indicators')).body.rows.find((r: Json) => r.id === ind.rate).weight).toBe(60);
    const lowered = await change(50);
    expect(lowered.status).toBe(200);
    const again = await api(dcb, 'POST', `/assessment/periods/${periodId}/compute`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已发布');
    // new facts after publication change nothing either
    await accept(v00, town0Disputes[2]!);
    const p = await period(dcb);
    expect(row(p, tree.townships[0].id).total).toBe(79.5);
    expect(p.indicators.find((i: Json) => i.id === ind.rate).weight).toBe(60);
    const den = (await api(dcb, 'GET', `/assessment/periods/${periodId}/items?indicatorId=${ind.rate}&unitId=${tree.townships[0].id}&part=denominator`)).body;
    expect(den.total).toBe(2);
    // a new period is not computed while the township group adds up to 90
    const july = await api(dcb, 'POST', '/assessment/periods', { kind: 'month', year: 2026, n: 7 });
    const refused = await api(dcb, 'POST', `/assessment/periods/${july.body.id}/compute`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('乡镇（街道）的指标权重合计为 90 分，应为 100 分');
  });

  it('a township sees the published ranking and its own marks, never another township’s marks or items', async () => {
    const p = await period(town1);
    expect(row(p, tree.townships[0].id)).toMatchObject({ total: 79.5, rank: 1, scores: null });
    expect(row(p, tree.townships[1].id).scores.map((s: Json) => s.score)).toEqual([0, 1, 35]);
    expect((await api(town1, 'GET', `/assessment/periods/${periodId}/items?indicatorId=${ind.rate}&unitId=${tree.townships[0].id}`)).status).toBe(404);
    const own = await api(town1, 'GET', `/assessment/periods/${periodId}/items?indicatorId=${ind.rate}&unitId=${tree.townships[1].id}&part=denominator`);
    expect(own.body.items.map((i: Json) => i.id)).toEqual([town1Dispute]);
    // a village sees, of its township's figures, only the items the one visibility rule lets it open
    const v = await api(v10, 'GET', `/assessment/periods/${periodId}/items?indicatorId=${ind.rate}&unitId=${tree.townships[1].id}&part=denominator`);
    expect(v.status).toBe(404);
  });

  it('issues the 通报 under the office’s 代字 to the units, who confirm reading it; the office sees who has not and reminds them', async () => {
    expect((await api(town0, 'POST', `/assessment/periods/${periodId}/notice`)).status).toBe(403);
    const issued = await api(dcb, 'POST', `/assessment/periods/${periodId}/notice`);
    expect(issued.status).toBe(200);
    expect(issued.body.number).toBe('测督〔2026〕1号');
    expect((await api(dcb, 'POST', `/assessment/periods/${periodId}/notice`)).status).toBe(409);
    const noticeId = issued.body.id as number;
    const file = await api(town0, 'GET', `/assessment/notices/${noticeId}/file`);
    expect(file.status).toBe(200);
    const text = (await docxParagraphs(file.raw.rawPayload)).join('\n');
    expect(text).toContain(`第1名\u3000${tree.townships[0].name}\u300079.5分`);
    expect(text).toContain(`第2名\u3000${tree.townships[1].name}\u300036分`);
    expect(text).toContain('测督〔2026〕1号');
    let n = (await api(dcb, 'GET', `/assessment/notices/${noticeId}`)).body;
    expect([n.readCount, n.unitCount]).toEqual([0, 2]);
    expect((await api(town0, 'POST', `/assessment/notices/${noticeId}/read`)).status).toBe(200);
    const mine = (await api(town0, 'GET', `/assessment/notices/${noticeId}`)).body;
    expect(mine.myUnit.readAt).not.toBeNull();
    expect(mine.reads).toEqual([]);
    n = (await api(dcb, 'GET', `/assessment/notices/${noticeId}`)).body;
    expect(n.reads.filter((r: Json) => r.readAt).map((r: Json) => r.unitName)).toEqual([tree.townships[0].name]);
    expect((await api(dcb, 'POST', `/assessment/notices/${noticeId}/remind`)).body.reminded).toBe(1);
    const notes = await t.database.db.selectFrom('notifications').select(['unit_id', 'kind']).where('kind', '=', 'assessment.remind').execute();
    expect(notes.map((x) => Number(x.unit_id))).toEqual([tree.townships[1].id]);
    // a unit not addressed cannot confirm
    expect((await api(dcb, 'POST', `/assessment/notices/${noticeId}/read`)).status).toBe(400);
  });

  it('a unit set as 不参加考核 (with its reason) is left out of the next computation; only assessable units, only the office', async () => {
    const put = (who: LoggedIn, units: { unitId: number; reason: string }[]) => api(who, 'PUT', '/assessment/excluded-units', { units });
    expect((await put(town0, [{ unitId: tree.townships[1].id, reason: '撤并中' }])).status).toBe(403);
    const village = await put(dcb, [{ unitId: tree.villages[0][0].id, reason: '不参加' }]);
    expect(village.status).toBe(400);
    expect(village.body.message).toContain('不是参加考核的乡镇（街道）或县直部门');
    const noReason = await put(dcb, [{ unitId: tree.townships[1].id, reason: '' }]);
    expect(noReason.status).toBe(400);
    expect((await api(dcb, 'GET', '/assessment/excluded-units')).body.units).toEqual([]);
    const set = await put(dcb, [{ unitId: tree.townships[1].id, reason: '乡镇撤并过渡期' }]);
    expect(set.status).toBe(200);
    expect(set.body.units).toEqual([{ unitId: tree.townships[1].id, unitName: tree.townships[1].name, reason: '乡镇撤并过渡期' }]);
    const audit = await t.database.db.selectFrom('audit_events').select(['after']).where('action', '=', 'assessment.excluded_units').execute();
    expect(JSON.stringify(audit.at(-1)!.after)).toContain('乡镇撤并过渡期');
    // the township group back to 100, then a new month: only 龙蚕镇 is assessed; the published June keeps both
    const fixed = await api(dcb, 'PUT', `/assessment/indicators/${ind.rate}`, {
      name: '调解成功率',
      source: 'stats',
      module: 'dispute',
      measure: 'successRate',
      dimension: 'township',
      appliesTo: 'township',
      weight: 60,
      formula: { type: 'rate', target: 0.8 },
    });
    expect(fixed.status).toBe(200);
    await moveTo('2026-09-02T02:00:00Z');
    const aug = await api(dcb, 'POST', '/assessment/periods', { kind: 'month', year: 2026, n: 8 });
    expect((await api(dcb, 'POST', `/assessment/periods/${aug.body.id}/compute`)).body).toMatchObject({ units: 1 });
    const p = await period(dcb, aug.body.id);
    const ranked = (p.groups as Json[]).flatMap((g) => g.rows as Json[]).map((r) => r.unitId);
    expect(ranked).toEqual([tree.townships[0].id]);
    expect(row(await period(dcb), tree.townships[1].id).total).toBe(36);
    expect((await put(dcb, [])).body.units).toEqual([]);
  });
});

describe(`考核 报告及时率 from the 定期报告 (${TEST_BACKEND})`, () => {
  const now = new Date('2026-12-02T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  let dcb: LoggedIn;
  let town0: LoggedIn;
  let town1: LoggedIn;

  const api = async (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Json };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    dcb = await loginAs(t, { roles: ['dcb_staff'], unitId: tree.county.id, username: 'rk_dcb' });
    town0 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id, username: 'rk_town0' });
    town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id, username: 'rk_town1' });
    const db = t.database.db;
    // a weekly report in use for one week only (2 to 8 November 2026), due Friday 6 November 17:00 Shanghai = 09:00 UTC
    const weekly = {
      issuer_unit_id: tree.county.id,
      zero_policy: 'allowed' as const,
      scope_kind: 'units' as const,
      frequency: 'weekly' as const,
      due_time: '17:00',
      due_weekday: 5,
      workdays_only: true,
      active_from: '2026-11-02',
      active_to: '2026-11-08',
      created_by: dcb.user.id,
      created_at: now,
      updated_at: now,
    };
    const def = Number(
      (
        await db
          .insertInto('periodic_report_defs')
          .values({ ...weekly, name: '矛盾纠纷排查周报' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    // a report no longer in use (停用) counts for nobody
    const stopped = Number(
      (
        await db
          .insertInto('periodic_report_defs')
          .values({ ...weekly, name: '已停用的周报', stopped: true })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const [t0, v00, v01] = [tree.townships[0].id, tree.villages[0][0].id, tree.villages[0][1].id];
    const v10 = tree.villages[1][0].id;
    await db
      .insertInto('periodic_report_units')
      .values(
        [t0, v00, v01, v10].flatMap((unit_id) => [
          { def_id: def, unit_id },
          { def_id: stopped, unit_id },
        ]),
      )
      .execute();
    const submission = (unit_id: number, at: string) => ({
      def_id: def,
      unit_id,
      period_start: '2026-11-02',
      due_at: new Date('2026-11-06T09:00:00Z'),
      zero: true,
      submitted_at: new Date(at),
    });
    // 龙头村 on time (at the cut-off), 蚕丝村 a minute late, the township itself never; 碧水村 (the other township) on time
    await db
      .insertInto('periodic_report_submissions')
      .values([submission(v00, '2026-11-06T09:00:00Z'), submission(v01, '2026-11-06T09:01:00Z'), submission(v10, '2026-11-05T03:00:00Z')])
      .execute();
  });
  afterAll(() => t?.close());

  it('an indicator over the 定期报告 is a rate with its definition in words; any other formula is refused', async () => {
    const sources = (await api(dcb, 'GET', '/assessment/sources')).body;
    expect(sources.reports.name).toBe('定期报告报送（报告及时率）');
    const bad = await api(dcb, 'POST', '/assessment/indicators', {
      name: '报告及时率',
      source: 'reports',
      appliesTo: 'township',
      weight: 100,
      formula: { type: 'deduction', per: 2, cap: 10 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('比率达标');
    const ok = await api(dcb, 'POST', '/assessment/indicators', {
      name: '报告及时率',
      source: 'reports',
      appliesTo: 'township',
      weight: 100,
      formula: { type: 'rate', target: 0.9 },
    });
    expect(ok.status).toBe(200);
    const row = ((await api(town0, 'GET', '/assessment/indicators')).body.rows as Json[]).find((r) => r.id === ok.body.id)!;
    expect(row).toMatchObject({ source: 'reports', module: null, measure: null, dimension: null });
    expect(row.definition).toContain('按时报送次数÷应报次数');
  });

  it('a township’s figure counts its own slots and its units’ below it; the drill-down lists exactly those slots', async () => {
    const created = await api(dcb, 'POST', '/assessment/periods', { kind: 'month', year: 2026, n: 11 });
    expect(created.status).toBe(200);
    const periodId = created.body.id as number;
    expect((await api(dcb, 'POST', `/assessment/periods/${periodId}/compute`)).body).toMatchObject({ asOf: '2026-11-30', units: 2 });
    const p = (await api(dcb, 'GET', `/assessment/periods/${periodId}`)).body;
    const rowOf = (unitId: number) => (p.groups as Json[]).flatMap((g) => g.rows as Json[]).find((r) => r.unitId === unitId)!;
    const indicatorId = p.indicators[0].id as number;
    expect(p.indicators[0].kind).toBe('报告及时率');
    // 龙蚕镇: 1 on time of 3 due → 100 × (1/3) / 0.9 = 37.04; 碧溪乡: 1 of 1 → 100
    expect(rowOf(tree.townships[0].id).scores[0]).toMatchObject({ numerator: 1, denominator: 3, score: 37.04 });
    expect(rowOf(tree.townships[1].id).scores[0]).toMatchObject({ numerator: 1, denominator: 1, score: 100 });
    const drill = async (who: LoggedIn, unitId: number, part: string) =>
      api(who, 'GET', `/assessment/periods/${periodId}/items?indicatorId=${indicatorId}&unitId=${unitId}&part=${part}`);
    const den = (await drill(dcb, tree.townships[0].id, 'denominator')).body;
    const show = (b: Json) => (b.slots as Json[]).map((s) => [s.defName, s.periodLabel, s.unitName, s.statusName]).sort();
    expect(den.total).toBe(3);
    expect(show(den)).toEqual(
      [
        ['矛盾纠纷排查周报', '11月2日至11月8日', tree.townships[0].name, '缺报'],
        ['矛盾纠纷排查周报', '11月2日至11月8日', tree.villages[0][0].name, '按时报送'],
        ['矛盾纠纷排查周报', '11月2日至11月8日', tree.villages[0][1].name, '迟报'],
      ].sort(),
    );
    const num = (await drill(dcb, tree.townships[0].id, 'numerator')).body;
    expect(show(num)).toEqual([['矛盾纠纷排查周报', '11月2日至11月8日', tree.villages[0][0].name, '按时报送']]);
    expect(num.total).toBe(1);
    // once published, a township drills into its own figure, never into another township's
    expect((await api(dcb, 'POST', `/assessment/periods/${periodId}/publish`)).status).toBe(200);
    expect((await drill(town0, tree.townships[0].id, 'denominator')).body.total).toBe(3);
    expect((await drill(town1, tree.townships[0].id, 'denominator')).status).toBe(404);
    expect(show((await drill(town1, tree.townships[1].id, 'denominator')).body)).toEqual([
      ['矛盾纠纷排查周报', '11月2日至11月8日', tree.villages[1][0].name, '按时报送'],
    ]);
  });
});
