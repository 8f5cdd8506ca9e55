import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../support/login.ts';
import { TEST_BACKEND } from '../support/test-db.ts';
import { DRILL_MODULE } from '../support/drill-module.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';
import { actorOf } from '../../src/server/core/auth/session-user.ts';
import { createItem } from '../../src/server/kernel/actions/index.ts';
import { MODULES } from '../../src/server/modules/registry.ts';

/**
 * Links between items of any modules, through HTTP: a 信访 case and an item of a module that exists only in
 * the tests (test/support/drill-module.ts), linked both ways, each end read under the one visibility rule —
 * a 检举控告 linked to a plain case never shows itself to the accused unit through the plain case.
 */
type Who = 'xfj' | 'town1' | 'town2' | 'leader';
interface LinkRow {
  id: number;
  kind: string;
  direction: 'out' | 'in';
  name: string;
  note: string | null;
  occurredOn: string;
  other: { id: number; module: string; moduleName: string; refNo: string; title: string; stateName: string; href: string };
}

describe(`links between items of any modules (${TEST_BACKEND})`, () => {
  const current = new Date('2026-08-03T02:00:00Z');
  let t: TestApp;
  let tree: TestUnitTree;
  const users = {} as Record<Who, LoggedIn>;
  let catId = 0;
  const ids = { plain: 0, accusation: 0, drill: 0, drillT2: 0, old1: 0, old2: 0 };
  const refs = { plain: '', accusation: '', drill: '', drillT2: '' };

  const req = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: users[who].headers, ...(payload === undefined ? {} : { payload }) });
  const links = async (who: Who, id: number) => {
    const res = await req(who, 'GET', `/work-items/${id}/links`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: LinkRow[]; mayLink: boolean };
  };
  const link = (who: Who, from: number, body: object) => req(who, 'POST', `/work-items/${from}/links`, body);
  const linkCounts = async (who: Who) => {
    const res = await req(who, 'GET', '/work-items?pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json() as { items: { id: number; linkCount: number }[] }).items.map((i) => [i.id, i.linkCount]));
  };
  const timelineOf = async (who: Who, id: number) => {
    const res = await req(who, 'GET', `/work-items/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { timeline: { kind: string; label: string; detail: string }[] }).timeline;
  };
  const audits = async (id: number, action: string) =>
    t.database.db
      .selectFrom('audit_events')
      .select(['entity_id', 'reason', 'before', 'after'])
      .where('action', '=', action)
      .where('entity_type', '=', 'work_item')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();

  const register = async (extra: Record<string, unknown>) => {
    const res = await req('xfj', 'POST', '/petitions', {
      channel: 'letter',
      petitioners: [{ name: '李四', idNumber: '11010519491231002X', phone: '13900139000' }],
      matterType: 'appeal',
      categoryId: catId,
      placeUnitId: tree.townships[0].id,
      title: '反映问题',
      content: '反映有关单位的问题，请依法处理。',
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: number; caseNo: string };
  };
  const createDrill = (title: string, unitId: number, occurredOn?: string) =>
    t.database.db.transaction().execute((trx) =>
      createItem(trx, {
        module: DRILL_MODULE,
        title,
        state: 'open',
        ownerUnitId: unitId,
        actor: actorOf(users.xfj.user, null),
        now: current,
        occurredOn,
        backdateReason: occurredOn ? '演练记录补录' : undefined,
      }),
    );

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => current }, modules: [...MODULES, DRILL_MODULE] });
    await ensureLegalClock(t.database.db);
    tree = await createUnitTree(t);
    users.xfj = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    users.town1 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    users.town2 = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    users.leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id });
    const cats = (await req('xfj', 'GET', '/petition-categories')).json() as { items: { children: { id: number }[] }[] };
    catId = cats.items[0]!.children[0]!.id;
    // an accusation against township 1, handled by township 2; a plain case handled by township 1
    const acc = await register({ matterType: 'accusation', accusedUnitId: tree.townships[0].id, title: '检举龙蚕镇某站所违规收费' });
    const plain = await register({ title: '道路积水影响出行' });
    expect((await req('xfj', 'POST', `/petitions/${acc.id}/actions/assign`, { leadUnitId: tree.townships[1].id })).statusCode).toBe(200);
    expect((await req('xfj', 'POST', `/petitions/${plain.id}/actions/assign`, { leadUnitId: tree.townships[0].id })).statusCode).toBe(200);
    const drill = await createDrill('防汛应急演练', tree.townships[0].id);
    const drillT2 = await createDrill('碧溪乡山洪演练', tree.townships[1].id);
    ids.old1 = (await createDrill('往年演练甲', tree.townships[0].id, '2026-06-01')).id;
    ids.old2 = (await createDrill('往年演练乙', tree.townships[0].id, '2026-06-01')).id;
    Object.assign(ids, { plain: plain.id, accusation: acc.id, drill: drill.id, drillT2: drillT2.id });
    Object.assign(refs, { plain: plain.caseNo, accusation: acc.caseNo, drill: drill.refNo, drillT2: drillT2.refNo });
  });
  afterAll(async () => t?.close());

  it('links a petition and an item of another module, kept and shown both ways', async () => {
    const res = await link('xfj', ids.plain, { toId: ids.drill, kind: 'reveals', note: '群众反映中发现易涝点隐患' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ occurredOn: '2026-08-03' });

    const fromPetition = (await links('xfj', ids.plain)).items;
    expect(fromPetition).toEqual([
      expect.objectContaining({
        kind: 'reveals',
        direction: 'out',
        name: '发现隐患',
        note: '群众反映中发现易涝点隐患',
        occurredOn: '2026-08-03',
        other: expect.objectContaining({
          id: ids.drill,
          refNo: refs.drill,
          title: '防汛应急演练',
          moduleName: '演练',
          stateName: '待演练',
          href: `/work-items/${ids.drill}`,
        }),
      }),
    ]);
    const fromDrill = (await links('town1', ids.drill)).items;
    expect(fromDrill).toEqual([
      expect.objectContaining({
        direction: 'in',
        name: '由…发现',
        other: expect.objectContaining({ id: ids.plain, refNo: refs.plain, moduleName: '信访', href: `/xf/${ids.plain}` }),
      }),
    ]);
    // one audit event on each item, each naming the other
    expect((await audits(ids.plain, 'item.link'))[0]?.after).toMatchObject({ kind: 'reveals', direction: 'out', otherId: ids.drill, otherRefNo: refs.drill });
    expect((await audits(ids.drill, 'item.link'))[0]?.after).toMatchObject({ kind: 'reveals', direction: 'in', otherId: ids.plain, otherRefNo: refs.plain });
  });

  it("gives two modules' first items of a year different numbers: the prefix names the module", async () => {
    // numbers still run per module and year, so the first 信访件 and the first drill share the tail — not the number
    expect(refs.accusation).toMatch(/^XF-\w+-\d{4}-000001$/);
    expect(refs.drill).toMatch(/^YL-\w+-\d{4}-000001$/);
    expect(refs.accusation.slice(3)).toBe(refs.drill.slice(3));
    expect(refs.accusation).not.toBe(refs.drill);
  });

  it('links by case number: the prefix picks the module; a number without it asks for the type when several modules answer', async () => {
    const bare = refs.drill.slice(3);
    const ambiguous = await link('xfj', ids.drillT2, { toRefNo: bare, kind: 'relates' });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json()).toMatchObject({ error: 'LINK_TARGET_AMBIGUOUS', data: { field: 'toModule' } });
    expect(ambiguous.json().message).toContain('信访、演练');
    expect(ambiguous.json().message).toContain('信访 XF、演练 YL');
    // lower case, spaces, full-width dashes: the prefix still names the drill
    const typed = await link('xfj', ids.drillT2, { toRefNo: `yl － ${bare.replace(/-/g, '－')}`, kind: 'relates' });
    expect(typed.statusCode, typed.body).toBe(200);
    expect((await links('xfj', ids.drillT2)).items.map((l) => [l.kind, l.other.id])).toContainEqual(['relates', ids.drill]);
    // township 1 sees only its own drill under that tail: no ambiguity for it, and no hint of the accusation
    const own = await link('town1', ids.plain, { toRefNo: ` ${bare} `, kind: 'relates' });
    expect(own.statusCode, own.body).toBe(200);
    expect((await links('town1', ids.plain)).items.map((l) => [l.kind, l.other.id])).toEqual([
      ['reveals', ids.drill],
      ['relates', ids.drill],
    ]);
  });

  it('still finds an item by the number it was issued before prefixes, typed bare or with its letters', async () => {
    const [from, old] = [await createDrill('新编号演练', tree.townships[1].id), await createDrill('旧编号演练', tree.townships[1].id)];
    const issued = old.refNo.slice(3); // as printed before prefixes: <county>-<year>-<seq>
    await t.database.db.updateTable('work_items').set({ ref_no: issued }).where('id', '=', old.id).execute();
    const bare = await link('xfj', from.id, { toRefNo: issued, kind: 'relates' });
    expect(bare.statusCode, bare.body).toBe(200);
    expect((await links('xfj', from.id)).items.map((l) => l.other.id)).toEqual([old.id]);
    // the same item again with its letters: the pair is already linked
    const prefixed = await link('xfj', from.id, { toRefNo: `yl－${issued}`, kind: 'relates' });
    expect(prefixed.json().error).toBe('LINK_DUPLICATE');
    // another module's letters name another module: no 信访件 carries that number
    const wrong = await link('xfj', from.id, { toRefNo: `XF-${issued}`, kind: 'relates' });
    expect(wrong.json().error).toBe('LINK_TARGET_NOT_FOUND');
  });

  it('accepts the kinds a module declares in its descriptor', async () => {
    const kinds = (await req('town1', 'GET', '/item-link-kinds')).json() as {
      items: { code: string; forward: string; reverse: string }[];
      modules: { kind: string; name: string }[];
    };
    expect(kinds.items.map((k) => k.code)).toEqual(['reveals', 'escalates', 'decides', 'relates', 'mediates', 'yanlian_rehearses']);
    expect(kinds.modules).toEqual(
      expect.arrayContaining([
        { kind: 'petition', name: '信访' },
        { kind: 'yanlian', name: '演练' },
      ]),
    );
    const res = await link('town1', ids.drill, { toId: ids.old1, kind: 'yanlian_rehearses' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await links('town1', ids.old1)).items[0]).toMatchObject({ name: '由…演练', other: { id: ids.drill } });
    const unknown = await link('town1', ids.drill, { toId: ids.old2, kind: 'causes' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'LINK_KIND_UNKNOWN', data: { field: 'kind' } });
    expect(unknown.json().message).toContain('reveals（发现隐患）');
  });

  it('never shows a linked 检举控告 to the accused unit through the other item', async () => {
    expect((await link('xfj', ids.plain, { toId: ids.accusation, kind: 'escalates', note: '同一站所收费问题升级为检举' })).statusCode).toBe(200);
    // the 信访局 (county-wide, not accused) sees the link from both ends
    expect((await links('xfj', ids.plain)).items.map((l) => l.other.id)).toContain(ids.accusation);
    expect((await links('town2', ids.accusation)).items).toEqual([]); // township 2 handles the accusation, does not see the plain case
    expect((await links('leader', ids.accusation)).items.map((l) => [l.name, l.other.id])).toEqual([['由…升级', ids.plain]]);

    // the accused township sees the plain case, never the accusation: not in the list, the count, the timeline
    const seen = await req('town1', 'GET', `/work-items/${ids.plain}/links`);
    expect(seen.json().items.map((l: LinkRow) => l.other.id)).not.toContain(ids.accusation);
    for (const page of [seen.body, (await req('town1', 'GET', `/work-items/${ids.plain}`)).body, (await req('town1', 'GET', `/petitions/${ids.plain}`)).body]) {
      // its number carries the 信访 prefix, so it differs from the drill's that the page does show
      expect(page).not.toContain(refs.accusation);
      expect(page).not.toContain('检举龙蚕镇某站所违规收费');
      expect(page).not.toContain(`/xf/${ids.accusation}"`);
      expect(page).not.toContain('升级为');
    }
    expect((await linkCounts('town1')).get(ids.plain)).toBe(2);
    expect((await linkCounts('xfj')).get(ids.plain)).toBe(3);

    // out of sight is out of reach, and indistinguishable from absent
    for (const body of [
      { toId: ids.accusation, kind: 'relates' },
      { toId: 999_999_999, kind: 'relates' },
    ]) {
      const res = await link('town1', ids.plain, body);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBe('NOT_FOUND');
    }
    const byNumber = await link('town1', ids.plain, { toRefNo: refs.drillT2, toModule: 'yanlian', kind: 'relates' });
    expect(byNumber.statusCode).toBe(404);
    expect(byNumber.json().error).toBe('LINK_TARGET_NOT_FOUND');
    const accLinkId = (await links('xfj', ids.plain)).items.find((l) => l.other.id === ids.accusation)!.id;
    expect((await req('town1', 'POST', `/work-items/${ids.plain}/links/${accLinkId}/remove`, { reason: '误关联' })).statusCode).toBe(404);
    expect((await req('town1', 'GET', `/work-items/${ids.accusation}/links`)).statusCode).toBe(404);
  });

  it('shows a township only the links whose other end it may see', async () => {
    expect((await link('xfj', ids.plain, { toId: ids.drillT2, kind: 'relates' })).statusCode).toBe(200);
    // township 1 sees the plain case but not township 2's drill, township 2 the other way round
    expect((await links('town1', ids.plain)).items.map((l) => l.other.id)).not.toContain(ids.drillT2);
    expect((await links('town2', ids.drillT2)).items.map((l) => l.other.id)).not.toContain(ids.plain);
    expect((await links('xfj', ids.drillT2)).items.map((l) => l.other.id)).toEqual(expect.arrayContaining([ids.plain, ids.drill]));
    expect((await linkCounts('town2')).get(ids.drillT2)).toBe(0);
    expect((await linkCounts('xfj')).get(ids.drillT2)).toBe(2);
  });

  it('lets only handling roles link', async () => {
    const view = await links('leader', ids.plain);
    expect(view.mayLink).toBe(false);
    expect(view.items.length).toBe(4);
    const res = await link('leader', ids.plain, { toId: ids.old2, kind: 'decides' });
    expect(res.statusCode).toBe(403);
    expect((await links('town1', ids.plain)).mayLink).toBe(true);
  });

  it('checks the business date like every event', async () => {
    const refused = async (body: object, field: string, text: string) => {
      const res = await link('town1', ids.old1, { toId: ids.old2, kind: 'relates', ...body });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ error: 'VALIDATION_FAILED', data: { field } });
      expect(res.json().message).toContain(text);
    };
    await refused({ occurredOn: '2026-08-04' }, 'occurredOn', '不能晚于今天');
    await refused({ occurredOn: '2026-05-31' }, 'occurredOn', '不能早于该事项上一次办理的日期（2026-06-01）');
    await refused({ occurredOn: '2026-02-30' }, 'occurredOn', '不是有效日期');
    await refused({ occurredOn: '2026-06-10' }, 'backdateReason', '须说明理由');
    // the later of the two items' last events counts: the drill of today refuses a date before today
    const beforeToday = await link('town1', ids.old1, { toId: ids.drill, kind: 'relates', occurredOn: '2026-08-02' });
    expect(beforeToday.statusCode).toBe(400);
    const ok = await link('town1', ids.old1, { toId: ids.old2, kind: 'relates', occurredOn: '2026-06-10', backdateReason: '会议纪要补录' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ occurredOn: '2026-06-10' });
    expect((await audits(ids.old2, 'item.link'))[0]).toMatchObject({
      reason: '补录：会议纪要补录',
      after: expect.objectContaining({ occurredOn: '2026-06-10' }),
    });
    expect((await links('town1', ids.old2)).items[0]).toMatchObject({ occurredOn: '2026-06-10', name: '相关' });
  });

  it('refuses a duplicate (either direction) with 409, and a self-link', async () => {
    for (const [from, to] of [
      [ids.plain, ids.drill],
      [ids.drill, ids.plain],
    ]) {
      const res = await link('town1', from!, { toId: to, kind: 'reveals' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toBe('LINK_DUPLICATE');
      expect(res.json().message).toMatch(/已有“发现隐患”关联，不能重复关联/);
    }
    const self = await link('town1', ids.plain, { toId: ids.plain, kind: 'relates' });
    expect(self.statusCode).toBe(400);
    expect(self.json().error).toBe('LINK_SELF');
    const nothing = await link('town1', ids.plain, { kind: 'relates' });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().message).toContain('请填写要关联的事项编号');
  });

  it('removes a link only with a reason, keeps the row and audits both items; the pair may be linked again', async () => {
    const linkId = (await links('town1', ids.drill)).items.find((l) => l.kind === 'reveals')!.id;
    const noReason = await req('town1', 'POST', `/work-items/${ids.drill}/links/${linkId}/remove`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ error: 'VALIDATION_FAILED', data: { field: 'reason' } });
    expect(noReason.json().message).toContain('解除关联须说明理由');
    // removed from the other end than it was made on
    const removed = await req('town1', 'POST', `/work-items/${ids.drill}/links/${linkId}/remove`, { reason: '经核实隐患与该信访无关' });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await links('town1', ids.plain)).items.map((l) => l.kind)).not.toContain('reveals');
    const row = await t.database.db.selectFrom('item_links').selectAll().where('id', '=', linkId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ removed_by: users.town1.user.id, removed_reason: '经核实隐患与该信访无关' });
    expect(row.removed_at).not.toBeNull();
    for (const [id, other, direction] of [
      [ids.plain, ids.drill, 'out'],
      [ids.drill, ids.plain, 'in'],
    ] as const) {
      expect(await audits(id, 'item.unlink')).toEqual([
        expect.objectContaining({ reason: '经核实隐患与该信访无关', before: expect.objectContaining({ linkId, kind: 'reveals', direction, otherId: other }) }),
      ]);
    }
    expect((await req('town1', 'POST', `/work-items/${ids.drill}/links/${linkId}/remove`, { reason: '再次解除' })).statusCode).toBe(409);
    expect((await req('town1', 'POST', `/work-items/${ids.old2}/links/${linkId}/remove`, { reason: '不是它的关联' })).statusCode).toBe(404);
    const again = await link('town1', ids.drill, { toId: ids.plain, kind: 'reveals' });
    expect(again.statusCode, again.body).toBe(200);
  });

  it('reads readably in both timelines and names the actions in the audit viewer', async () => {
    const plain = await timelineOf('xfj', ids.plain);
    const lines = plain.filter((e) => e.kind.startsWith('item.')).map((e) => `${e.label}｜${e.detail}`);
    expect(lines).toEqual([
      `关联事项｜关联：发现隐患 ${refs.drill}；说明：群众反映中发现易涝点隐患`,
      `关联事项｜关联：相关 ${refs.drill}`,
      `关联事项｜关联：升级为 ${refs.accusation}；说明：同一站所收费问题升级为检举`,
      `关联事项｜关联：相关 ${refs.drillT2}`,
      `解除关联｜解除关联：发现隐患 ${refs.drill}。理由：经核实隐患与该信访无关`,
      `关联事项｜关联：由 ${refs.drill} 发现`,
    ]);
    const drill = (await timelineOf('town1', ids.drill)).filter((e) => e.kind.startsWith('item.')).map((e) => e.detail);
    expect(drill[0]).toBe(`关联：由 ${refs.plain} 发现；说明：群众反映中发现易涝点隐患`);
    expect(drill).toContain(`解除关联：由 ${refs.plain} 发现。理由：经核实隐患与该信访无关`);
    for (const e of [...plain, ...(await timelineOf('town1', ids.drill))].filter((x) => x.kind.startsWith('item.'))) expect(e.detail).not.toMatch(/[{}"]/);
    // the accused township's timeline of the plain case leaves out the events naming the accusation
    const town1Plain = (await timelineOf('town1', ids.plain)).filter((e) => e.kind.startsWith('item.'));
    expect(town1Plain.length).toBe(lines.length - 2);
    expect(town1Plain.map((e) => e.detail).join('\n')).not.toContain('升级为');
    const admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    const vocabulary = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/vocabulary', headers: admin.headers })).json() as {
      actions: { code: string; name: string }[];
    };
    expect(vocabulary.actions).toEqual(
      expect.arrayContaining([
        { code: 'item.link', name: '关联事项' },
        { code: 'item.unlink', name: '解除关联' },
      ]),
    );
  });
});
