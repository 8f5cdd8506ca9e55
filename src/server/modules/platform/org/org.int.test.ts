import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn, type TestUnitTree } from '../../../../../test/support/login.ts';

describe('org API: units, users, leaders, scope', () => {
  let t: TestApp;
  let tree: TestUnitTree;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await createTestApp();
    tree = await createUnitTree(t);
    admin = await loginAs(t, { roles: ['sys_admin'], unitId: tree.county.id, username: 'admin1' });
  });
  afterAll(async () => t?.close());

  const auditOf = (action: string, entityId: number | string) =>
    t.database.db.selectFrom('audit_events').selectAll().where('action', '=', action).where('entity_id', '=', String(entityId)).execute();

  it('admin creates a village under a township, with path, level and an audit event', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: admin.headers,
      payload: { parentId: tree.townships[0].id, code: 'V-NEW-1', name: '金竹村', kind: 'village' },
    });
    expect(res.statusCode).toBe(201);
    const unit = res.json();
    expect(unit).toMatchObject({
      parentId: tree.townships[0].id,
      name: '金竹村',
      kind: 'village',
      kindName: '村',
      level: 3,
      path: `${tree.townships[0].path}${unit.id}/`,
    });
    const audit = await auditOf('unit.create', unit.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_name).toContain('admin1');
    expect(audit[0]!.after).toMatchObject({ name: '金竹村', code: 'V-NEW-1' });
  });

  it('rejects a village directly under the county, a duplicate code and a missing field', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: admin.headers,
      payload: { parentId: tree.county.id, code: 'V-X', name: '错村', kind: 'village' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('UNIT_PARENT_INVALID');
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: admin.headers,
      payload: { parentId: tree.townships[1].id, code: 'V-NEW-1', name: '重码村', kind: 'village' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toBe('UNIT_CODE_TAKEN');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: admin.headers,
      payload: { parentId: tree.townships[1].id, code: 'V-Y', kind: 'village' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().data.field).toBe('name');
  });

  it('updates a unit with before/after in the audit, and refuses to disable a unit with children', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${tree.villages[0][0].id}`,
      headers: admin.headers,
      payload: { name: '龙头村（新）', sort: 3 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('龙头村（新）');
    const [ev] = await auditOf('unit.update', tree.villages[0][0].id);
    expect(ev!.before).toMatchObject({ name: tree.villages[0][0].name });
    expect(ev!.after).toMatchObject({ name: '龙头村（新）', sort: 3 });
    const busy = await t.app.inject({ method: 'PATCH', url: `/api/v1/units/${tree.townships[1].id}`, headers: admin.headers, payload: { disabled: true } });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error).toBe('UNIT_HAS_CHILDREN');
  });

  it('scope: township staff list only their subtree; other township → 404, own unit write → 403', async () => {
    const town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: town.headers });
    const ids = list.json().items.map((u: { id: number }) => u.id);
    expect(ids).toContain(tree.townships[0].id);
    expect(ids).toContain(tree.villages[0][1].id);
    expect(ids).not.toContain(tree.townships[1].id);
    expect(ids).not.toContain(tree.county.id);
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/units/${tree.villages[1][0].id}`, headers: town.headers });
    expect(other.statusCode).toBe(404);
    const otherWrite = await t.app.inject({ method: 'PATCH', url: `/api/v1/units/${tree.villages[1][0].id}`, headers: town.headers, payload: { name: 'x' } });
    expect(otherWrite.statusCode).toBe(404);
    const ownWrite = await t.app.inject({ method: 'PATCH', url: `/api/v1/units/${tree.villages[0][0].id}`, headers: town.headers, payload: { name: 'x' } });
    expect(ownWrite.statusCode).toBe(403);
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=200', headers: town.headers });
    const names = users.json().items.map((u: { username: string }) => u.username);
    expect(names).toContain(town.user.username);
    expect(names).not.toContain('admin1');
  });

  it('the auditor reads everything and changes nothing', async () => {
    const auditor = await loginAs(t, { roles: ['auditor'], unitId: tree.department.id });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/units', headers: auditor.headers });
    expect(list.json().items.map((u: { id: number }) => u.id)).toContain(tree.townships[1].id);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: auditor.headers,
      payload: { parentId: tree.county.id, code: 'AUD', name: '审计乡', kind: 'township' },
    });
    expect(write.statusCode).toBe(403);
  });

  it('admin creates a user (random password once), the user must change it, reset and unlock work', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'zhangsan', displayName: '张三', unitId: tree.villages[1][0].id, roles: ['village_staff'] },
    });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user).toMatchObject({ username: 'zhangsan', unitId: tree.villages[1][0].id, roles: ['village_staff'], mustChangePassword: true, disabled: false });
    expect(initialPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{8,}$/);
    const created = await auditOf('user.create', user.id);
    expect(created).toHaveLength(1);
    expect(JSON.stringify(created)).not.toContain(initialPassword);

    const login1 = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhangsan', password: initialPassword } });
    expect(login1.statusCode).toBe(200);
    expect(login1.json().user.mustChangePassword).toBe(true);

    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'zhangsan', displayName: '张三2', unitId: tree.county.id, roles: ['xfj_staff'] },
    });
    expect(dup.json().error).toBe('USERNAME_TAKEN');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { username: 'lisi', displayName: '李四', unitId: tree.county.id, roles: ['xfj_staff'], password: 'password' },
    });
    expect(weak.json().error).toBe('PASSWORD_TOO_WEAK');

    const reset = await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/reset-password`, headers: admin.headers });
    expect(reset.statusCode).toBe(200);
    const newPassword = reset.json().password;
    expect(newPassword).not.toBe(initialPassword);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhangsan', password: initialPassword } })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhangsan', password: newPassword } })).statusCode).toBe(200);
    const resetAudit = await auditOf('user.resetPassword', user.id);
    expect(resetAudit).toHaveLength(1);
    expect(JSON.stringify(resetAudit)).not.toContain(newPassword);

    for (let i = 0; i < 5; i++) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhangsan', password: `bad${i}bad` } });
    const locked = await t.app.inject({ method: 'GET', url: `/api/v1/users/${user.id}`, headers: admin.headers });
    expect(locked.json().locked).toBe(true);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/unlock`, headers: admin.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhangsan', password: newPassword } })).statusCode).toBe(200);
  });

  it('admin edits and disables a user; the disabled user is logged out', async () => {
    const victim = await loginAs(t, { roles: ['mediator'], unitId: tree.villages[0][1].id });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${victim.user.id}`,
      headers: admin.headers,
      payload: { displayName: '王调解', roles: ['mediator', 'village_staff'], disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '王调解', roles: ['mediator', 'village_staff'], disabled: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: victim.headers })).statusCode).toBe(401);
    const [ev] = await auditOf('user.update', victim.user.id);
    expect(ev!.before).toMatchObject({ disabled: false, roles: ['mediator'] });
    expect(ev!.after).toMatchObject({ disabled: true });
    const filtered = await t.app.inject({ method: 'GET', url: `/api/v1/users?disabled=true&role=mediator`, headers: admin.headers });
    expect(filtered.json().items.map((u: { id: number }) => u.id)).toEqual([victim.user.id]);
  });

  it('non-admins cannot create users (403) and get 404 for users out of scope', async () => {
    const town = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[1].id });
    const inScope = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[1][1].id });
    const outScope = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[0][0].id });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: town.headers,
          payload: { username: 'wang5', displayName: '王五', unitId: tree.townships[1].id, roles: ['village_staff'] },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/users/${inScope.user.id}`, headers: town.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/users/${outScope.user.id}`, headers: town.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${outScope.user.id}/reset-password`, headers: town.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${inScope.user.id}/reset-password`, headers: town.headers })).statusCode).toBe(403);
  });

  it('admin creates and edits a county leader with portfolio; everyone signed in can read the roster', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leaders',
      headers: admin.headers,
      payload: { name: '陈明', title: '副县长', unitId: tree.county.id, portfolio: ['安全生产', '应急管理'], overseesUnitIds: [tree.department.id] },
    });
    expect(res.statusCode).toBe(201);
    const leader = res.json();
    expect(leader).toMatchObject({ name: '陈明', portfolio: ['安全生产', '应急管理'], overseesUnitIds: [tree.department.id] });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/leaders/${leader.id}`,
      headers: admin.headers,
      payload: { title: '常务副县长', portfolio: ['政府常务'] },
    });
    expect(patch.json()).toMatchObject({ title: '常务副县长', portfolio: ['政府常务'] });
    const [ev] = await auditOf('leader.update', leader.id);
    expect(ev!.before).toMatchObject({ title: '副县长' });
    const village = await loginAs(t, { roles: ['village_staff'], unitId: tree.villages[0][0].id });
    const roster = await t.app.inject({ method: 'GET', url: '/api/v1/leaders', headers: village.headers });
    expect(roster.json().items.map((l: { name: string }) => l.name)).toContain('陈明');
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/leaders/${leader.id}`, headers: village.headers, payload: { title: 'x' } })).statusCode).toBe(
      403,
    );
  });

  it('group membership: a joint meeting gets member units, shown on its detail', async () => {
    const group = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: admin.headers,
        payload: { parentId: tree.county.id, code: 'G-LXHY', name: '信访工作联席会议', kind: 'joint_meeting' },
      })
    ).json();
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/units/${group.id}/members`,
      headers: admin.headers,
      payload: { memberIds: [tree.department.id, tree.townships[0].id], duty: '成员单位' },
    });
    expect(put.statusCode).toBe(200);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/units/${group.id}`, headers: admin.headers })).json();
    expect(detail.members.map((m: { id: number }) => m.id).sort()).toEqual([tree.department.id, tree.townships[0].id].sort());
    const notGroup = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/units/${tree.townships[0].id}/members`,
      headers: admin.headers,
      payload: { memberIds: [tree.department.id] },
    });
    expect(notGroup.statusCode).toBe(409);
    expect(await auditOf('unit.members.set', group.id)).toHaveLength(1);
  });

  it('GET /roles lists the catalogue in zh-CN', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/roles', headers: admin.headers });
    const items = res.json().items as { code: string; name: string }[];
    expect(items).toHaveLength(12);
    expect(items.find((r) => r.code === 'auditor')?.name).toBe('只读审计员');
    // an enterprise's own account (安全生产 self-reports): an outside party, not a staff role
    expect(items.find((r) => r.code === 'enterprise')?.name).toMatch(/企业/);
  });
});
