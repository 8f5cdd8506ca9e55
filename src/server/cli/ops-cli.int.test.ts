import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../core/db/database.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { appendAudit, SYSTEM_ACTOR } from '../core/audit/audit-chain.ts';
import { loadAuditKeys } from '../core/audit/audit-key.ts';
import { openTestDatabase, TEST_BACKEND } from '../../../test/support/test-db.ts';
import { loadConfig } from '../core/config.ts';
import { deriveKeys } from '../core/personal-data/index.ts';
import { parseSecret } from '../core/personal-data/keys.ts';
import { ensureLegalClock } from '../kernel/deadlines/seed-legal-clock.ts';
import { ensureInitialData } from '../seed/initial.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
/** the installation's secret for every command and for the test's own handle: the audit chain is keyed with it */
const SECRET = randomBytes(32).toString('hex');
const auditKeys = loadAuditKeys({ secret: SECRET, dataDir: os.tmpdir() });

/** Runs the real `anwen` command in a child process, as an operator would. */
function anwen(args: string[], env: Record<string, string>, timeout = 180_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/anwen.mjs'), ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ANWEN_SECRET_KEY: SECRET, ...env }, timeout },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * The database the CLI will open: a temp data dir (embedded) or a fresh PostgreSQL database.
 * Embedded: we must close our handle before the CLI opens the same dir (one process per dir).
 */
async function target(dir: string): Promise<{ env: Record<string, string>; open: () => Promise<Database>; dispose: () => Promise<void> }> {
  if (TEST_BACKEND === 'pglite') {
    const dataDir = path.join(dir, 'data');
    return { env: { ANWEN_DATA_DIR: dataDir }, open: async () => openDatabase({ dataDir, auditKeys }), dispose: async () => {} };
  }
  // left unmigrated: migration 0022 seals the chain with the key it runs under, which must be the commands' (SECRET)
  const held = await openTestDatabase({ migrate: false });
  const url = String(held.connection.connectionString);
  return {
    // attachment files (the demo's signatures and evidence) live in the data folder on either back end
    env: { DATABASE_URL: url, ANWEN_DATA_DIR: path.join(dir, 'data') },
    open: async () => {
      const d = await openDatabase({ databaseUrl: url, poolMax: 2, auditKeys });
      return d;
    },
    dispose: () => held.close(),
  };
}

describe(`anwen audit verify / backup / restore (CLI, ${TEST_BACKEND})`, () => {
  let dir: string;
  let t: Awaited<ReturnType<typeof target>>;
  const write = async (fn: (d: Database) => Promise<void>) => {
    const d = await t.open();
    try {
      await migrateToLatest(d.db);
      await fn(d);
    } finally {
      await d.close();
    }
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-cli-'));
    t = await target(dir);
    await write(async (d) => {
      for (let i = 1; i <= 6; i++) {
        await d.db
          .transaction()
          .execute((trx) =>
            appendAudit(trx, SYSTEM_ACTOR, { action: i === 3 ? 'user.create' : 'test.event', entityType: 'thing', entityId: i, after: { n: i } }),
          );
      }
    });
  });
  afterAll(async () => {
    await t?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports an intact chain and exits 0', async () => {
    const r = await anwen(['audit', 'verify'], t.env);
    expect(r.stdout).toContain('审计链完整：6 条事件');
    expect(r.code).toBe(0);
  });

  it('backs up, then restores into an empty target where the chain verifies', async () => {
    const file = path.join(dir, 'b.jsonl.gz');
    const b = await anwen(['backup', file], t.env);
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    const restoreDir = path.join(dir, 'restored');
    const r = await anwen(['restore', file], { ANWEN_DATA_DIR: restoreDir });
    expect(r.code).toBe(0);
    // 6 events + backup.create (taken after the snapshot, so not in the file) → 6 + backup.restore
    expect(r.stdout).toContain('审计链完整：7 条事件');
    const again = await anwen(['restore', file], { ANWEN_DATA_DIR: restoreDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('恢复目标不是空库');
    const junk = path.join(dir, 'junk.gz');
    fs.writeFileSync(junk, 'nope');
    const bad = await anwen(['restore', junk], { ANWEN_DATA_DIR: path.join(dir, 'empty') });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('备份文件无效');
  }, 240_000); // four CLI processes, three of them creating embedded databases

  it('exports a signed checkpoint that catches a deleted tail with the head moved back', async () => {
    const file = path.join(dir, 'checkpoint.json');
    const c = await anwen(['audit', 'checkpoint', '--out', file], t.env);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    const checkpoint = JSON.parse(fs.readFileSync(file, 'utf8')) as { seq: number; signature: string };
    expect(checkpoint).toMatchObject({ format: 'anwen-audit-checkpoint/1', seq: 7 }); // 6 events + backup.create
    await write(async (d) => {
      await sql`DELETE FROM audit_events WHERE seq > 5`.execute(d.db);
      await sql`UPDATE audit_head SET last_seq = 5, last_hash = (SELECT hash FROM audit_events WHERE seq = 5)`.execute(d.db);
    });
    expect((await anwen(['audit', 'verify'], t.env)).code).toBe(0); // the database alone cannot tell
    const r = await anwen(['audit', 'verify', '--checkpoint', file], t.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('检查点记录链已到第 7 号，现在只到第 5 号');
    fs.writeFileSync(file, JSON.stringify({ ...checkpoint, seq: 5 }));
    const forged = await anwen(['audit', 'verify', '--checkpoint', file], t.env);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('签名不符');
  }, 120_000);

  it('exits 1 naming an edited event', async () => {
    await write(async (d) => {
      await sql`UPDATE audit_events SET after = '{"n": 999}'::jsonb WHERE seq = 3`.execute(d.db);
    });
    const r = await anwen(['audit', 'verify'], t.env);
    expect(r.code).toBe(1);
    // named by number and by action, in Chinese
    expect(r.stderr).toContain('第 3 号审计事件「新建用户」（user.create）内容与哈希不符');
  });

  it('exits 1 naming a deleted event', async () => {
    await write(async (d) => {
      // repair the edit first so the deletion is the first break
      await sql`DELETE FROM audit_events WHERE seq >= 2`.execute(d.db);
      await sql`UPDATE audit_head SET last_seq = 1, last_hash = (SELECT hash FROM audit_events WHERE seq = 1)`.execute(d.db);
      for (let i = 2; i <= 5; i++) {
        await d.db.transaction().execute((trx) => appendAudit(trx, SYSTEM_ACTOR, { action: 'test.event', entityId: i }));
      }
      await sql`DELETE FROM audit_events WHERE seq = 2`.execute(d.db);
    });
    const r = await anwen(['audit', 'verify'], t.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('第 2 号审计事件缺失');
  });

  it('backs up a county holding petitions (file 0600), restores it, and refuses to start it without the original key', async () => {
    // a second source: the demo county's encrypted 信访 cases, under a key given in the environment
    const secret = randomBytes(32).toString('hex');
    const county = await target(fs.mkdtempSync(path.join(dir, 'county-')));
    try {
      const d = await county.open();
      try {
        await migrateToLatest(d.db);
        await ensureLegalClock(d.db);
        await ensureInitialData({ database: d, config: { ...loadConfig(county.env), secretKey: secret }, demo: true, keys: deriveKeys(parseSecret(secret)) });
      } finally {
        await d.close();
      }
      const file = path.join(dir, 'county.jsonl.gz');
      const b = await anwen(['backup', file], county.env);
      expect(b.stderr).toBe('');
      expect(b.code).toBe(0);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);

      const restoreDir = path.join(dir, 'county-restored');
      const r = await anwen(['restore', file], { ANWEN_DATA_DIR: restoreDir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/派生表 petition_facts 已按恢复的数据重建：\d+ 行/);

      // the operator forgot secret.key: start makes a new one, finds the data encrypted with another, and stops
      const start = { ANWEN_DATA_DIR: restoreDir, ANWEN_SECRET_KEY: '', ANWEN_WEB_BUILD: '0', PORT: '0', HOST: '127.0.0.1' };
      const refused = await anwen(['start'], start, 90_000);
      expect(refused.stderr).toContain('个人信息密钥与数据库不符，拒绝启动');
      expect(refused.stderr).toContain('personal-data key does not match this database');
      expect(refused.stderr).toContain(path.join(restoreDir, 'secret.key'));
      expect(refused.code).toBe(1);
      const wrongEnv = await anwen(['start'], { ...start, ANWEN_SECRET_KEY: randomBytes(32).toString('hex') }, 90_000);
      expect(wrongEnv.stderr).toContain('当前密钥（ANWEN_SECRET_KEY）');
      expect(wrongEnv.code).toBe(1);
    } finally {
      await county.dispose();
    }
  }, 420_000); // five CLI processes on embedded databases

  it('explains its usage on bad arguments', async () => {
    const r = await anwen(['audit', 'check'], t.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('anwen audit verify');
    expect(r.stderr).toContain('anwen audit checkpoint');
  });
});
