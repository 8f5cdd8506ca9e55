import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/server/core/personal-data/index.ts';
import { parseSecret } from '../../src/server/core/personal-data/keys.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';
import { ensureInitialData } from '../../src/server/seed/initial.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { loginAs, type LoggedIn } from '../support/login.ts';
import { TEST_BACKEND } from '../support/test-db.ts';
import { findIssuer } from '../../src/server/kernel/documents/issuers.ts';

/** What a reader must never meet in a timeline or the audit log: JSON, codes, ids, rule keys. */
function offences(text: string, ruleKeys: readonly string[]): string[] {
  const found: string[] = [];
  if (/\{"|\[\{/.test(text)) found.push('raw JSON');
  const code = /\b[a-z_]+\.[a-z_]+\b/.exec(text);
  if (code) found.push(`code ${code[0]}`);
  if (/[:：]\s*空\s*→\s*\d/.test(text) || /→\s*\d+(；|$)/.test(text)) found.push('id arrow');
  if (/#\d/.test(text)) found.push('#id');
  if (/\b(assigneeId|unitId|leaderId|parties|username|ruleKey)\b/.test(text)) found.push('field code');
  for (const k of ruleKeys) if (new RegExp(`(^|[^a-z_.])${k.replace(/\./g, '\\.')}($|[^a-z_.])`).test(text)) found.push(`rule key ${k}`);
  return found;
}

/**
 * The demo county's case timelines and audit log, read through the API as a clerk and an administrator see them:
 * case numbers, unit and people's names, Chinese words — never JSON, codes, ids or rule keys.
 */
describe(`the words people read in timelines and the audit log (${TEST_BACKEND})`, () => {
  const now = new Date('2026-08-05T02:00:00Z');
  let t: TestApp;
  let admin: LoggedIn;
  let ruleKeys: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock: { now: () => now } });
    await ensureLegalClock(t.database.db);
    await ensureInitialData({
      database: t.database,
      config: t.config,
      demo: true,
      keys: deriveKeys(parseSecret(t.config.secretKey!)),
      clock: { now: () => now },
    });
    admin = await loginAs(t, { roles: ['sys_admin'] });
    ruleKeys = (await t.database.db.selectFrom('legal_rules').select('key').distinct().execute()).map((r) => r.key);
    // a reveal with its reason, as the audit log must word it
    const p = await t.database.db.selectFrom('petitioners').select(['id', 'petition_id']).orderBy('id').executeTakeFirstOrThrow();
    const xfj = await t.database.db.selectFrom('users').select(['id', 'unit_id']).where('username', '=', 'xfj01').executeTakeFirstOrThrow();
    const clerk = await loginAs(t, { roles: ['xfj_staff'], unitId: Number(xfj.unit_id) });
    const reveal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/petitions/${p.petition_id}/petitioners/${p.id}/reveal`,
      headers: clerk.headers,
      payload: { field: 'phone', reason: '电话回访核实诉求' },
    });
    expect(reveal.statusCode, reveal.body).toBe(200);
  }, 180_000);
  afterAll(() => t?.close());

  it('every timeline entry of every demo case reads in Chinese, with names, in the order and on the days things happened', async () => {
    const items = await t.database.db.selectFrom('work_items').select(['id', 'ref_no']).orderBy('id').execute();
    expect(items.length).toBeGreaterThan(10);
    const bad: string[] = [];
    let entries = 0;
    for (const { id } of items) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/work-items/${id}`, headers: admin.headers });
      expect(res.statusCode, res.body).toBe(200);
      const { timeline } = res.json() as { timeline: { at: string; label: string; detail: string; actorName: string; deadlineLabel: string | null }[] };
      for (const e of timeline) {
        entries++;
        const text = [e.label, e.detail, e.actorName, e.deadlineLabel ?? ''].join(' | ');
        const o = offences(text, ruleKeys);
        if (o.length) bad.push(`#${id}: ${o.join(', ')} — ${text}`);
        // nothing in a demo case happened after the demo's "now"
        if (Date.parse(e.at) > now.getTime()) bad.push(`#${id}: dated after now — ${e.at} ${text}`);
      }
      const times = timeline.map((e) => Date.parse(e.at));
      expect(times, `item ${id} in order`).toEqual([...times].sort((a, b) => a - b));
    }
    expect(entries).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  }, 120_000);

  it('names the responsible units and the 经办人 of a 交办 in its entry, not as a separate change of ids', async () => {
    const row = await t.database.db
      .selectFrom('case_parties as p')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['p.work_item_id', 'u.name'])
      .where('p.role', '=', 'lead')
      .orderBy('p.work_item_id')
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/work-items/${row.work_item_id}`, headers: admin.headers });
    const { timeline } = res.json() as { timeline: { kind: string; label: string; detail: string }[] };
    const assign = timeline.find((e) => e.label === '交办');
    expect(assign?.detail).toContain(`主办：${row.name}`);
    expect(timeline.some((e) => e.kind === 'work_item.parties')).toBe(false);
  });

  it('every audit event reads in Chinese: its action, its object by name and what happened', async () => {
    const bad: string[] = [];
    let seen = 0;
    let fieldsSeen = 0;
    for (let page = 1; ; page++) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit/events?pageSize=200&page=${page}`, headers: admin.headers });
      expect(res.statusCode, res.body).toBe(200);
      const { items, total } = res.json() as {
        items: {
          seq: number;
          action: string;
          actionName: string;
          entityName: string | null;
          detail: string;
          actorName: string | null;
          fields: { label: string; before: string | null; after: string | null }[];
        }[];
        total: number;
      };
      for (const e of items) {
        seen++;
        // the expanded row too: every field shown by a Chinese name, with a readable value (the rest is 技术细节)
        fieldsSeen += e.fields.length;
        const fields = e.fields.map((f) => `${f.label}：${f.before ?? ''}，${f.after ?? ''}`);
        const text = [e.actionName, e.entityName ?? '', e.detail, e.actorName ?? '', ...fields].join(' | ');
        if (e.fields.some((f) => !/^[\u4e00-\u9fa5·/（）]+$/.test(f.label)))
          bad.push(`seq ${e.seq} (${e.action}): a field label not in Chinese — ${fields.join('; ')}`);
        const o = offences(text, ruleKeys);
        if (o.length) bad.push(`seq ${e.seq} (${e.action}): ${o.join(', ')} — ${text}`);
      }
      if (seen >= total || items.length === 0) break;
    }
    expect(seen).toBeGreaterThan(100);
    expect(fieldsSeen).toBeGreaterThan(200);
    expect(bad).toEqual([]);
  }, 120_000);

  it('shows a reveal as who looked at which of a petitioner’s details and why, naming the case', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/events?action=personal.reveal', headers: admin.headers });
    const [e] = (res.json() as { items: { actionName: string; detail: string; entityName: string | null }[] }).items;
    expect(e?.actionName).toBe('查看信访人信息');
    expect(e?.detail).toBe('查看了信访人联系方式（理由：电话回访核实诉求）');
    expect(e?.entityName).toMatch(/^XF-519901-2026-\d{6} 信访人/);
  });

  it('signs documents with the organ’s full name, which an administrator edits as 机关全称', async () => {
    const town = await t.database.db.selectFrom('units').select('id').where('name', '=', '龙蚕镇').executeTakeFirstOrThrow();
    expect((await findIssuer(t.database.db, Number(town.id)))?.unitName).toBe('青岚县龙蚕镇人民政府');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${town.id}`,
      headers: admin.headers,
      payload: { fullName: '青岚县龙蚕镇人民政府（测试）' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { fullName: string }).fullName).toBe('青岚县龙蚕镇人民政府（测试）');
    expect((await findIssuer(t.database.db, Number(town.id)))?.unitName).toBe('青岚县龙蚕镇人民政府（测试）');
  });
});
