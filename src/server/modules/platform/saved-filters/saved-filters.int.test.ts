import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import { createUnitTree, loginAs, type LoggedIn } from '../../../../../test/support/login.ts';
import { SAVED_FILTERS_PER_LIST } from './saved-filters.ts';

interface Saved {
  id: number;
  name: string;
  query: string;
}

describe('常用筛选 (saved named filters of a list)', () => {
  let t: TestApp;
  let alice: LoggedIn;
  let bob: LoggedIn;

  beforeAll(async () => {
    t = await createTestApp();
    const tree = await createUnitTree(t);
    alice = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
    bob = await loginAs(t, { roles: ['township_staff'], unitId: tree.townships[0].id });
  });
  afterAll(async () => t?.close());

  const list = async (who: LoggedIn, key: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/my/saved-filters?list=${key}`, headers: who.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Saved[];
  };
  const save = (who: LoggedIn, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/my/saved-filters', headers: who.headers, payload });

  it('saves a list query under a name, per person and per list; the same name replaces it', async () => {
    expect((await save(alice, { list: 'petition-list', name: '本周超期', query: '?overdue=true&sort=due' })).statusCode).toBe(200);
    expect((await save(alice, { list: 'petition-list', name: ' 龙蚕镇 ', query: 'unitId=4' })).statusCode).toBe(200);
    expect((await save(alice, { list: 'todo-list', name: '本周超期', query: 'tab=unit' })).statusCode).toBe(200);
    expect((await list(alice, 'petition-list')).map((s) => [s.name, s.query])).toEqual([
      ['本周超期', 'overdue=true&sort=due'],
      ['龙蚕镇', 'unitId=4'],
    ]);
    // someone else's lists are their own
    expect(await list(bob, 'petition-list')).toEqual([]);

    const again = await save(alice, { list: 'petition-list', name: '本周超期', query: 'overdue=true' });
    expect(again.statusCode).toBe(200);
    const after = await list(alice, 'petition-list');
    expect(after).toHaveLength(2);
    expect(after.find((s) => s.name === '本周超期')?.query).toBe('overdue=true');
  });

  it('refuses a blank name, a bad list key and a control character in Chinese, saving nothing', async () => {
    for (const payload of [
      { list: 'petition-list', name: '   ', query: 'a=1' },
      { list: 'Petition List', name: '甲', query: 'a=1' },
      { list: 'petition-list', name: '甲', query: 'a=\u0000' },
    ]) {
      const res = await save(bob, payload);
      expect(res.statusCode, res.body).toBe(400);
      expect((res.json() as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await list(bob, 'petition-list')).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/my/saved-filters?list=petition-list' })).statusCode).toBe(401);
  });

  it('deletes only the owner’s filter: another person’s id answers 404 and stays', async () => {
    const [mine] = await list(alice, 'todo-list');
    const byBob = await t.app.inject({ method: 'DELETE', url: `/api/v1/my/saved-filters/${mine!.id}`, headers: bob.headers });
    expect(byBob.statusCode).toBe(404);
    expect((byBob.json() as { message: string }).message).toContain('常用筛选');
    expect(await list(alice, 'todo-list')).toHaveLength(1);
    const byAlice = await t.app.inject({ method: 'DELETE', url: `/api/v1/my/saved-filters/${mine!.id}`, headers: alice.headers });
    expect(byAlice.statusCode).toBe(200);
    expect(await list(alice, 'todo-list')).toEqual([]);
  });

  it(`keeps at most ${SAVED_FILTERS_PER_LIST} per list (replacing one still works at the limit)`, async () => {
    for (let i = 0; i < SAVED_FILTERS_PER_LIST; i++) expect((await save(bob, { list: 'audit-table', name: `筛选${i}`, query: `p=${i}` })).statusCode).toBe(200);
    const over = await save(bob, { list: 'audit-table', name: '再多一个', query: 'p=x' });
    expect(over.statusCode).toBe(409);
    expect((over.json() as { message: string }).message).toContain(String(SAVED_FILTERS_PER_LIST));
    expect((await save(bob, { list: 'audit-table', name: '筛选0', query: 'p=new' })).statusCode).toBe(200);
    expect(await list(bob, 'audit-table')).toHaveLength(SAVED_FILTERS_PER_LIST);
  });
});
