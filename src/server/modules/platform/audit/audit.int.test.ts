import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';

interface EventRow {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  actionName: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  actorUnitId: number | null;
  actorUnitName: string | null;
  unitNames: Record<string, string>;
  fields: { path: string; label: string; before: string | null; after: string | null; change: string }[];
  technical: { path: string; before: string | null; after: string | null }[];
}
interface EventPage {
  items: EventRow[];
  total: number;
}

describe('audit log API', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let admin: LoggedIn;
  let auditor: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp();
    tree = await createUnitTree(t);
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id });
    auditor = await loginAs(t, { roles: ['auditor'], unitId: tree.county.id });
  });
  afterAll(() => t?.close());

  const events = async (who: LoggedIn, query: Record<string, string | number> = {}) => {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit/events${qs ? `?${qs}` : ''}`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as EventPage;
  };

  it('lists events newest first with zh-CN action names, for admins and auditors', async () => {
    const page = await events(auditor, { pageSize: 50 });
    expect(page.total).toBeGreaterThan(5);
    const seqs = page.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    // the auditor's own login is the newest event so far
    expect(page.items[0]).toMatchObject({ action: 'auth.login', actionName: '登录', actorName: expect.stringContaining(auditor.user.displayName) });
    const unitCreate = page.items.find((e) => e.action === 'unit.create' && e.entityId === String(tree.county.id));
    expect(unitCreate).toMatchObject({ actionName: '新建单位', entityType: 'unit', after: { name: tree.county.name } });
    // looking is not a change: listing wrote no event
    expect((await events(admin)).total).toBe(page.total);
  });

  it('names the units an event mentions (actor unit, the unit itself, units on its path, unitId fields) and keeps the ids', async () => {
    const town = tree.townships[0];
    const village = tree.villages[0][1];
    const created = await events(admin, { entityType: 'unit', entityId: String(village.id) });
    const e = created.items[0]!;
    expect(e.after).toMatchObject({ path: expect.stringContaining(`/${town.id}/${village.id}/`) });
    expect(e.unitNames).toEqual(expect.objectContaining({ [String(village.id)]: village.name, [String(town.id)]: town.name }));
    const login = (await events(admin, { actorId: auditor.user.id })).items[0]!;
    expect(login).toMatchObject({ actorUnitId: tree.county.id, actorUnitName: tree.county.name });
    expect(login.unitNames[String(tree.county.id)]).toBe(tree.county.name);
    // an event recording a unitId field of another entity: the user created in a department
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'auditnames01', displayName: '审计名称', unitId: tree.department.id, roles: ['dept_liaison'] },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const userCreate = (await events(admin, { action: 'user.create' })).items[0]!;
    expect(userCreate.unitNames[String(tree.department.id)]).toBe(tree.department.name);
    // the record's fields by their Chinese names, ids by name, role codes by the role's name; never a raw key or code
    const field = (label: string) => userCreate.fields.find((f) => f.label === label);
    expect(field('单位')).toMatchObject({ after: tree.department.name, change: 'added' });
    expect(field('用户名')).toMatchObject({ after: 'auditnames01' });
    expect(field('角色')?.after).toMatch(/^[\u4e00-\u9fa5（）、]+$/);
    for (const f of userCreate.fields) expect(`${f.label}${f.after ?? ''}`).not.toMatch(/unitId|dept_liaison|\{"/);
  });

  it('filters by action (exact and prefix), entity, actor and time range, and pages', async () => {
    const logins = await events(admin, { action: 'auth.login' });
    expect(logins.total).toBe(2);
    expect(logins.items.every((e) => e.action === 'auth.login')).toBe(true);

    const unknownAction = await events(admin, { action: 'no.such.action' });
    expect(unknownAction).toEqual({ items: [], total: 0 });

    const authAll = await events(admin, { action: 'auth.*', pageSize: 200 });
    expect(authAll.items.every((e) => e.action.startsWith('auth.'))).toBe(true);
    expect(authAll.total).toBeGreaterThanOrEqual(logins.total);

    const entity = await events(admin, { entityType: 'unit', entityId: String(tree.villages[0][1].id) });
    expect(entity.items.map((e) => e.action)).toEqual(['unit.create']);

    const byActorId = await events(admin, { actorId: auditor.user.id });
    expect(byActorId.items.map((e) => e.action)).toEqual(['auth.login']);
    const auditorName = byActorId.items[0]!.actorName!;
    const byActorName = await events(admin, { actor: auditor.user.username });
    expect(byActorName.items.map((e) => e.actorName)).toEqual([auditorName]);
    expect(byActorName.total).toBe(1);

    const all = await events(admin, { pageSize: 200 });
    // bare dates are whole Shanghai days, both ends inclusive
    const shanghaiDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
    const firstDay = shanghaiDay(all.items.at(-1)!.at);
    const lastDay = shanghaiDay(all.items[0]!.at);
    expect((await events(admin, { from: firstDay, to: lastDay, pageSize: 200 })).total).toBe(all.total);
    expect((await events(admin, { to: '2000-01-01' })).total).toBe(0);
    expect((await events(admin, { from: '2999-01-01' })).total).toBe(0);
    // an instant bound cuts between events
    const middle = all.items[Math.floor(all.items.length / 2)]!;
    const upTo = await events(admin, { to: middle.at, pageSize: 200 });
    expect(upTo.items.every((e) => e.at <= middle.at)).toBe(true);
    expect(upTo.items.some((e) => e.seq === middle.seq)).toBe(true);

    const p1 = await events(admin, { pageSize: 3, page: 1 });
    const p2 = await events(admin, { pageSize: 3, page: 2 });
    expect(p1.items).toHaveLength(3);
    expect(p2.items[0]!.seq).toBe(p1.items[2]!.seq - 1);
  });

  it('names a bad time bound in a validation error', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/events?from=yesterday', headers: admin.headers });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'VALIDATION_FAILED' });
    expect(res.body).toContain('from');
  });

  it('is forbidden to other roles and to anonymous callers', async () => {
    const staff = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    const leader = await loginAs(t, { roles: ['county_leader'], unitId: tree.county.id });
    for (const who of [staff, leader]) {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/audit/events', headers: who.headers });
      expect(list.statusCode).toBe(403);
      expect(list.json()).toMatchObject({ error: 'FORBIDDEN' });
      const verify = await t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: who.headers });
      expect(verify.statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/events' })).statusCode).toBe(401);
  });

  it('exports a signed checkpoint of the head that a later verify holds the chain to', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoint', headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="anwen-audit-checkpoint-\d+-\d{8}T\d{6}Z\.json"/);
    expect(res.headers['cache-control']).toContain('no-store');
    const checkpoint = res.json() as { format: string; seq: number; hash: string; signature: string };
    const total = (await events(admin)).total;
    expect(checkpoint).toMatchObject({ format: 'anwen-audit-checkpoint/1', seq: total });
    const verify = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: auditor.headers, payload });
    const through = await verify({ checkpoints: [checkpoint] });
    expect(through.json()).toMatchObject({ ok: true, checkpoints: 1 });
    const forged = await verify({ checkpoints: [{ ...checkpoint, seq: checkpoint.seq + 5 }] });
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ error: 'AUDIT_CHECKPOINT_INVALID' });
    expect(forged.json().message).toContain('签名不符');
    const staff = await loginAs(t, { roles: ['xfj_staff'], unitId: tree.department.id });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoint', headers: staff.headers })).statusCode).toBe(403);
  });

  it('verifies the chain without writing to it, then names the first edited event', async () => {
    const before = await events(admin);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: auditor.headers });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ok: true, count: before.total, checkpoints: 0 });
    expect((await events(admin)).total).toBe(before.total);

    const victim = before.items.find((e) => e.action === 'unit.create')!;
    await sql`UPDATE audit_events SET actor_name = '他人' WHERE seq = ${victim.seq}`.execute(t.database.db);
    const broken = await t.app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: admin.headers });
    expect(broken.statusCode).toBe(200);
    const body = broken.json() as { ok: boolean; brokenSeq: number; reason: string; count: number };
    expect(body).toMatchObject({ ok: false, brokenSeq: victim.seq, count: victim.seq - 1, action: 'unit.create', actionName: '新建单位' });
    // the event by number and by action, in the audit vocabulary's Chinese
    expect(body.reason).toContain(`第 ${victim.seq} 号审计事件「新建单位」（unit.create）`);
    // no checkpoint of a broken chain
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoint', headers: admin.headers });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'AUDIT_CHAIN_BROKEN', data: { brokenSeq: victim.seq } });
  });
});
