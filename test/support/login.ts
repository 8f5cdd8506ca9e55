import { randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '../../src/server/core/auth/types.ts';
import { hashPassword } from '../../src/server/core/auth/password.ts';
import { appendAudit, SYSTEM_ACTOR } from '../../src/server/core/audit/audit-chain.ts';
import type { TestApp } from './test-app.ts';

/** The password of every user loginAs() creates. */
export const TEST_PASSWORD = 'Test-pass-2026';

let testHash: Promise<string> | undefined;
/** argon2 is deliberately slow: hash the shared test password once per test process. */
const testPasswordHash = () => (testHash ??= hashPassword(TEST_PASSWORD));

const suffix = () => randomBytes(4).toString('hex');

export interface TestUnit {
  id: number;
  name: string;
  kind: string;
  path: string;
}

/**
 * Inserts one unit (with its materialised path) directly, audited as the system. Like every unit of a county that
 * decides, it issues documents under a 发文代字 (`T<id>`, 机关标志 its name) unless `issuer: false` — a 信访
 * decision issues its written notice in its own transaction and is refused where no 代字 is set.
 */
export async function insertUnit(
  testApp: TestApp,
  opts: { parentId: number | null; kind: string; name: string; code?: string; issuer?: false },
): Promise<TestUnit> {
  return testApp.database.db.transaction().execute(async (trx) => {
    const parent = opts.parentId === null ? null : await trx.selectFrom('units').select(['path']).where('id', '=', opts.parentId).executeTakeFirstOrThrow();
    const { id } = await trx
      .insertInto('units')
      .values({ parent_id: opts.parentId, code: opts.code ?? `T${suffix()}`, name: opts.name, kind: opts.kind, path: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const path = `${parent?.path ?? '/'}${id}/`;
    await trx.updateTable('units').set({ path }).where('id', '=', id).execute();
    await appendAudit(trx, SYSTEM_ACTOR, { action: 'unit.create', entityType: 'unit', entityId: id, after: { name: opts.name, kind: opts.kind, path } });
    if (opts.issuer !== false)
      await trx
        .insertInto('document_issuers')
        .values({ unit_id: id, prefix: `T${id}`, mark: opts.name })
        .execute();
    return { id: Number(id), name: opts.name, kind: opts.kind, path };
  });
}

export interface TestUnitTree {
  county: TestUnit;
  townships: [TestUnit, TestUnit];
  /** villages[i] are the two villages of townships[i] */
  villages: [[TestUnit, TestUnit], [TestUnit, TestUnit]];
  department: TestUnit;
}

/** A fresh small tree (county → 2 townships → 2 villages each, + 1 department), isolated by its own root. */
export async function createUnitTree(testApp: TestApp): Promise<TestUnitTree> {
  const tag = suffix();
  const county = await insertUnit(testApp, { parentId: null, kind: 'county', name: `测试县${tag}` });
  const t1 = await insertUnit(testApp, { parentId: county.id, kind: 'township', name: `龙蚕镇${tag}` });
  const t2 = await insertUnit(testApp, { parentId: county.id, kind: 'township', name: `碧溪乡${tag}` });
  const v = async (t: TestUnit, name: string) => insertUnit(testApp, { parentId: t.id, kind: 'village', name: `${name}${tag}` });
  const villages: TestUnitTree['villages'] = [
    [await v(t1, '龙头村'), await v(t1, '蚕丝村')],
    [await v(t2, '碧水村'), await v(t2, '溪口村')],
  ];
  const department = await insertUnit(testApp, { parentId: county.id, kind: 'department', name: `县信访局${tag}` });
  return { county, townships: [t1, t2], villages, department };
}

async function anyRootUnit(testApp: TestApp): Promise<number> {
  const root = await testApp.database.db.selectFrom('units').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
  if (root) return Number(root.id);
  return (await insertUnit(testApp, { parentId: null, kind: 'county', name: '测试县' })).id;
}

export interface LoggedIn {
  user: SessionUser;
  cookie: string;
  csrfToken: string;
  /** pass as inject({headers}) on every request: session cookie + CSRF token */
  headers: Record<string, string>;
}

/**
 * Signs in through POST /api/v1/auth/login as a user with `roles` in `unitId` (default: the
 * first root unit), creating the user directly in the database when the username is new.
 */
export async function loginAs(testApp: TestApp, opts: { roles: Role[]; unitId?: number; username?: string }): Promise<LoggedIn> {
  const db = testApp.database.db;
  const username = opts.username ?? `${opts.roles[0] ?? 'user'}_${suffix()}`;
  const existing = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (!existing) {
    const unitId = opts.unitId ?? (await anyRootUnit(testApp));
    const passwordHash = await testPasswordHash();
    await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('users')
        .values({ username, display_name: `测试${username}`, unit_id: unitId, roles: opts.roles, password_hash: passwordHash })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, SYSTEM_ACTOR, { action: 'user.create', entityType: 'user', entityId: id, after: { username, unitId, roles: opts.roles } });
    });
  }
  const res = await testApp.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`loginAs(${username}) failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user: SessionUser; csrfToken: string };
  const setCookie = res.cookies.find((c) => c.name === 'anwen_session');
  if (!setCookie) throw new Error('loginAs: no anwen_session cookie');
  const cookie = `anwen_session=${setCookie.value}`;
  return { user: body.user, cookie, csrfToken: body.csrfToken, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}
