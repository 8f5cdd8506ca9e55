import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/server/core/db/database.ts';
import { SYSTEM_ACTOR, verifyAuditChain } from '../../src/server/core/audit/audit-chain.ts';
import { writeBackup } from '../../src/server/core/backup/write-backup.ts';
import { restoreBackup } from '../../src/server/core/backup/restore-backup.ts';
import { attachmentPath } from '../../src/server/core/files/attachment-store.ts';
import { deriveKeys } from '../../src/server/core/personal-data/index.ts';
import { parseSecret } from '../../src/server/core/personal-data/keys.ts';
import { ensureLegalClock } from '../../src/server/kernel/deadlines/seed-legal-clock.ts';
import { ensureInitialData } from '../../src/server/seed/initial.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { loginAs, type LoggedIn } from '../support/login.ts';
import { openTestDatabase, TEST_BACKEND } from '../support/test-db.ts';
import { solvePow } from '../support/portal-captcha.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const CAPTCHA = '7';
const PORTAL_PHONE = '13912345678';
const actor = { ...SYSTEM_ACTOR, name: '测试' };

async function tableCounts(db: Database['db']): Promise<Record<string, number>> {
  const tables = await sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(db);
  const out: Record<string, number> = {};
  for (const { t } of tables.rows) out[t] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(db)).rows[0]!.n;
  return out;
}

/**
 * The whole county — demo 信访 cases with encrypted petitioners, a 网上信访 submission with an attachment, a generated
 * 文书, 督办 — backed up and restored on the back end under test: every table comes back with its rows, the derived
 * petition_facts is rebuilt (not copied), the chain verifies and a phone number reveals with the original key.
 */
describe(`backup and restore of a county holding every module's data (${TEST_BACKEND})`, () => {
  const now = new Date('2026-08-05T02:00:00Z');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-county-backup-'));
  const sourceDir = path.join(dir, 'source');
  const targetDir = path.join(dir, 'target');
  const file = path.join(dir, 'county.jsonl.gz');
  let source: TestApp;
  let target: Database;
  let xfj: LoggedIn;
  let portalCase = 0;
  let staffCase = 0;

  const req = (who: LoggedIn, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    source.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, ...(payload ? { payload } : {}) });
  const ok = <T>(res: { statusCode: number; body: string; json: () => unknown }): T => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    source = await createTestApp({ clock: { now: () => now }, config: { dataDir: sourceDir, captchaTestAnswer: CAPTCHA, captchaPowBits: 4 } });
    const db = source.database.db;
    await ensureLegalClock(db);
    // the demo county and its 信访 cases, registered through the module with encrypted petitioners
    await ensureInitialData({
      database: source.database,
      config: source.config,
      demo: true,
      keys: deriveKeys(parseSecret(source.config.secretKey!)),
      clock: { now: () => now },
    });
    const xfjUnit = await db.selectFrom('users').select('unit_id').where('username', '=', 'xfj01').executeTakeFirstOrThrow();
    xfj = await loginAs(source, { roles: ['xfj_staff'], unitId: Number(xfjUnit.unit_id) });

    // 网上信访: an attachment, then the submission that claims it
    const boundary = '----anwenCountyBoundary';
    const upload = await source.app.inject({
      method: 'POST',
      url: '/api/v1/portal/attachments',
      remoteAddress: '10.9.0.1',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`),
        PNG,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    const { token } = ok<{ token: string }>(upload);
    const captcha = ok<{ id: string }>(await source.app.inject({ method: 'POST', url: '/api/v1/portal/captcha', remoteAddress: '10.9.0.1' }));
    const cats = ok<{ items: { children: { id: number }[] }[] }>(await source.app.inject({ method: 'GET', url: '/api/v1/portal/categories' }));
    const catId = cats.items[0]!.children[0]!.id;
    const village = await db.selectFrom('units').select('id').where('kind', '=', 'village').orderBy('id').executeTakeFirstOrThrow();
    const submitted = ok<{ caseNo: string }>(
      await source.app.inject({
        method: 'POST',
        url: '/api/v1/portal/petitions',
        remoteAddress: '10.9.0.1',
        headers: { 'idempotency-key': 'county-backup-1' },
        payload: {
          matterType: 'appeal',
          categoryId: catId,
          placeUnitId: Number(village.id),
          title: '村道硬化工程拖欠工资',
          content: '村道硬化工程施工队拖欠我们八名工人工资共计六万元，多次讨要未果，请求协调解决。',
          anonymous: false,
          name: '王小明',
          idNumber: '11010519491231002X',
          phone: PORTAL_PHONE,
          attachments: [token],
          consent: true,
          noticeVersion: '2025-01',
          captcha: { id: captcha.id, answer: CAPTCHA, nonce: solvePow(captcha.id, 4) },
        },
      }),
    );
    portalCase = Number((await db.selectFrom('petitions').select('id').where('case_no', '=', submitted.caseNo).executeTakeFirstOrThrow()).id);

    // a staff-registered case: 受理, its 受理告知书 (文书 with a 发文字号), then 督办 (挂牌 and a 督办通知)
    const registered = ok<{ id: number }>(
      await req(xfj, 'POST', '/petitions', {
        channel: 'letter',
        petitioners: [{ name: '李四', idNumber: '11010519491231002X', phone: '13800138000' }],
        matterType: 'appeal',
        categoryId: catId,
        placeUnitId: Number(village.id),
        title: '社保补缴争议',
        content: '原单位未为其足额缴纳社会保险，要求补缴。',
      }),
    );
    staffCase = registered.id;
    ok(await req(xfj, 'POST', `/petitions/${staffCase}/actions/accept`, {}));
    ok(await req(xfj, 'POST', `/petitions/${staffCase}/documents/accept_notice`));
    ok(await req(xfj, 'POST', `/work-items/${staffCase}/supervision/listing`, { reason: '群众反映强烈，县级挂牌' }));
    ok(await req(xfj, 'POST', `/work-items/${staffCase}/supervision/notices`, { level: 'county', text: '请于期限内回复办理情况' }));

    target = await openTestDatabase({ migrate: false });
  }, 240_000);

  afterAll(async () => {
    await source?.close();
    await target?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the source holds every kind of data the restore must carry', async () => {
    const n = await tableCounts(source.database.db);
    for (const table of [
      'petitions',
      'petitioners',
      'petition_facts',
      'disputes',
      'dispute_facts',
      'intake_idempotency',
      'uploads',
      'item_attachments',
      'item_documents',
      'supervision_listings',
      'supervision_notices',
      'deadlines',
      'case_parties',
    ]) {
      expect(n[table], table).toBeGreaterThan(0);
    }
  });

  it('restores a database holding petitions: every table has its rows again, petition_facts rebuilt, the chain intact', async () => {
    const backup = await writeBackup({ database: source.database, file, dataDir: sourceDir, actor, now });
    // petition_facts is derived: never in the file, rebuilt by the restore
    expect(backup.header.tables.map((t) => t.name)).not.toContain('petition_facts');
    expect(backup.header.tables.map((t) => t.name)).not.toContain('dispute_facts');
    const result = await restoreBackup({ database: target, file, dataDir: targetDir, actor });
    expect(result.audit).toMatchObject({ ok: true });
    expect(await verifyAuditChain(target.db)).toMatchObject({ ok: true });

    const before = await tableCounts(source.database.db);
    const after = await tableCounts(target.db);
    // the source gained backup.create after its snapshot, the target backup.restore: the same number of events
    expect(after).toEqual({ ...before, sessions: 0, kysely_migration_lock: after.kysely_migration_lock });

    const facts = (db: Database['db']) => db.selectFrom('petition_facts').selectAll().orderBy('id').execute();
    expect(await facts(target.db)).toEqual(await facts(source.database.db));
    // 矛盾纠纷 facts (migration 0079): rebuilt from the restored disputes, row for row what the source's triggers kept
    const disputeFacts = (db: Database['db']) => db.selectFrom('dispute_facts').selectAll().orderBy('id').execute();
    expect(await disputeFacts(target.db)).toEqual(await disputeFacts(source.database.db));
    const daily = (db: Database['db']) => db.selectFrom('dispute_stats_daily').selectAll().orderBy('dim').orderBy('found_on').orderBy('key').execute();
    expect(await daily(target.db)).toEqual(await daily(source.database.db));
    // the attachment and the 文书 file come back with the rows that point at them
    for (const { sha256 } of await target.db.selectFrom('uploads').select('sha256').execute()) {
      expect(fs.existsSync(attachmentPath(targetDir, sha256)), sha256).toBe(true);
    }
  });

  it('restores a backup written before petition_facts was derived (its copied rows are skipped, the facts rebuilt)', async () => {
    const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const facts = await sql<{ j: string }>`SELECT row_to_json(f)::text AS j FROM petition_facts f ORDER BY id`.execute(source.database.db);
    // the facts as an old backup carried them: after petitions, listed in the header, counted in the trailer
    const header = JSON.parse(lines[0]!) as { tables: { name: string; rows: number }[] };
    const at = header.tables.findIndex((t) => t.name === 'petitions') + 1;
    header.tables.splice(at, 0, { name: 'petition_facts', rows: facts.rows.length });
    const petitionsSection = lines.findIndex((l) => l.startsWith('{"table":"petitions",'));
    const afterPetitions = petitionsSection + 1 + (JSON.parse(lines[petitionsSection]!) as { rows: number }).rows;
    const trailer = JSON.parse(lines.at(-1)!) as { tables: number };
    const legacy = [
      JSON.stringify(header),
      ...lines.slice(1, afterPetitions),
      JSON.stringify({ table: 'petition_facts', rows: facts.rows.length }),
      // one hand-edited fact: a copy would carry it, a rebuild does not
      ...facts.rows.map((r, i) => (i === 0 ? r.j.replace(/"persons":\d+/, '"persons":999') : r.j)),
      ...lines.slice(afterPetitions, -1),
      JSON.stringify({ ...trailer, tables: trailer.tables + 1 }),
    ];
    const legacyFile = path.join(dir, 'legacy.jsonl.gz');
    fs.writeFileSync(legacyFile, zlib.gzipSync(legacy.join('\n') + '\n'));
    const other = await openTestDatabase({ migrate: false });
    try {
      const result = await restoreBackup({ database: other, file: legacyFile, dataDir: path.join(dir, 'legacy'), actor });
      expect(result.audit).toMatchObject({ ok: true });
      const rollup = await source.database.db
        .selectFrom('dashboard_monthly_new')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const openCounts = await source.database.db
        .selectFrom('dashboard_open_counts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const hazards = await sql<{ id: number }>`SELECT id FROM hazards`.execute(source.database.db);
      const daily = await source.database.db
        .selectFrom('dispute_stats_daily')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const disputes = await source.database.db
        .selectFrom('disputes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(result.rebuilt).toEqual([
        { name: 'petition_facts', rows: facts.rows.length },
        { name: 'dashboard_monthly_new', rows: Number(rollup.n) },
        // migration 0097: the dashboard's open-item counter
        { name: 'dashboard_open_counts', rows: Number(openCounts.n) },
        // migration 0089: the demo county's hazards, one fact each
        { name: 'hazard_facts', rows: hazards.rows.length },
        { name: 'dispute_facts', rows: Number(disputes.n) },
        { name: 'dispute_stats_daily', rows: Number(daily.n) },
      ]);
      expect(hazards.rows.length).toBeGreaterThan(0);
      const rebuilt = (db: Database['db']) => db.selectFrom('petition_facts').selectAll().orderBy('id').execute();
      expect(await rebuilt(other.db)).toEqual(await rebuilt(source.database.db));
      const hazardFacts = (db: Database['db']) => db.selectFrom('hazard_facts').selectAll().orderBy('id').execute();
      expect(await hazardFacts(other.db)).toEqual(await hazardFacts(source.database.db));
    } finally {
      await other.close();
    }
  });

  it('reveals a restored phone number with the original key', async () => {
    const config = { ...source.config, dataDir: targetDir };
    const app = await buildApp({ database: target, config, clock: { now: () => now }, logger: false });
    try {
      await app.ready();
      const restored: TestApp = { app, database: target, config, close: async () => {} };
      const xfjUnit = await target.db.selectFrom('users').select('unit_id').where('username', '=', 'xfj01').executeTakeFirstOrThrow();
      const staff = await loginAs(restored, { roles: ['xfj_staff'], unitId: Number(xfjUnit.unit_id) });
      const petitioner = await target.db.selectFrom('petitioners').select('id').where('petition_id', '=', portalCase).executeTakeFirstOrThrow();
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/petitions/${portalCase}/petitioners/${petitioner.id}/reveal`,
        headers: staff.headers,
        payload: { field: 'phone', reason: '电话回访核实情况' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ value: PORTAL_PHONE });
      // the restored 督办 and 文书 read back through the app
      const supervision = await app.inject({ method: 'GET', url: `/api/v1/work-items/${staffCase}/supervision`, headers: staff.headers });
      expect(supervision.statusCode, supervision.body).toBe(200);
      expect(supervision.json()).toMatchObject({ listed: true, notices: [{ replyText: null }] });
    } finally {
      await app.close();
    }
  });
});
