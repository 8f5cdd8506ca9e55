import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../../core/db/database.ts';
import { loadConfig } from '../../../core/config.ts';
import { fixedClock } from '../../../core/clock/clock.ts';
import { openTestDatabase, TEST_BACKEND } from '../../../../../test/support/test-db.ts';
import { attachmentPath, removeAttachmentUnlessNeeded, storeAttachment } from '../../../core/files/attachment-store.ts';
import { currentSlot } from '../../../core/jobs/timer-slots.ts';
import { MODULE_JOBS } from '../../registry.ts';
import { portalHousekeepingJob } from './housekeeping.job.ts';

const NOW = new Date('2026-11-23T08:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe(`portal housekeeping on ${TEST_BACKEND}`, () => {
  let database: Database;
  let dataDir: string;
  const files: Record<string, { sha256: string; size: number }> = {};

  beforeAll(async () => {
    database = await openTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-housekeeping-'));
    const db = database.db;
    // a petition for the track tokens to point at
    await db.insertInto('units').values({ id: 1, code: 'C', name: '测试县', kind: 'county', path: '/1/' }).execute();
    const item = await db
      .insertInto('work_items')
      .values({ module: 'petition', ref_no: 'XF-1', title: '反映道路积水', state: 'handling', owner_unit_id: 1, owner_unit_path: '/1/' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const category = await db.insertInto('petition_categories').values({ name: '城乡建设' }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('petitions')
      .values({
        id: item.id,
        case_no: 'XF-1',
        stage: 'initial',
        channel: 'online',
        matter_type: 'suggestion',
        category_id: category.id,
        place_unit_id: 1,
        title: '反映道路积水',
        content: '道路积水',
        urgency: 'normal',
        received_at: at(-600),
        query_code_hash: 'x',
      })
      .execute();

    await db
      .insertInto('portal_captchas')
      .values([
        { id: 'old', answer_hash: 'h', expires_at: at(-1) },
        { id: 'live', answer_hash: 'h', expires_at: at(5) },
      ])
      .execute();
    await db
      .insertInto('portal_track_tokens')
      .values([
        { token_hash: 'old', petition_id: item.id, expires_at: at(-1) },
        { token_hash: 'live', petition_id: item.id, expires_at: at(30) },
      ])
      .execute();
    await db
      .insertInto('rate_limit_counters')
      .values([
        { bucket: 'submitPerPhone:a', window_start: at(-25 * 60), hits: 3 },
        { bucket: 'submitPerPhone:a', window_start: at(-23 * 60), hits: 1 },
        { bucket: 'submitPerIp:b', window_start: at(-60), hits: 2 },
      ])
      .execute();

    for (const name of ['alone', 'shared', 'claimed', 'fresh']) files[name] = await storeAttachment(dataDir, Buffer.from(`%PDF-1.4 ${name}`));
    const upload = (token: string, file: string, expires: Date, claimed: Date | null = null) => ({
      token_hash: token,
      sha256: files[file]!.sha256,
      size: files[file]!.size,
      type: 'application/pdf',
      name: `${token}.pdf`,
      uploaded_at: at(-24 * 60),
      expires_at: expires,
      claimed_at: claimed,
    });
    await db
      .insertInto('uploads')
      .values([
        upload('expired-alone', 'alone', at(-1)), // row and file go
        upload('expired-shared', 'shared', at(-1)), // row goes; the file stays for the next one
        upload('live-shared', 'shared', at(60)),
        upload('expired-claimed', 'claimed', at(-1), at(-120)), // part of a case: kept
        upload('live', 'fresh', at(60)),
      ])
      .execute();
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is registered as an hourly timer keyed by the Shanghai hour', () => {
    expect(MODULE_JOBS).toContain(portalHousekeepingJob);
    expect(currentSlot(portalHousekeepingJob.id, portalHousekeepingJob.timer!, at(17))?.key).toBe('portal-housekeeping:2026-11-23T16:00');
  });

  it('deletes what expired, keeps what lives, and removes only the files nobody references', async () => {
    const config = { ...loadConfig({}), dataDir };
    const result = await portalHousekeepingJob.run(
      { slot: 'portal-housekeeping:2026-11-23T16:00' },
      { database, config, clock: fixedClock(NOW.toISOString()) },
    );
    expect(result).toEqual({ captchas: 1, trackTokens: 1, rateWindows: 1, uploads: 2, files: 1 });

    const db = database.db;
    expect((await db.selectFrom('portal_captchas').select('id').execute()).map((r) => r.id)).toEqual(['live']);
    expect((await db.selectFrom('portal_track_tokens').select('token_hash').execute()).map((r) => r.token_hash)).toEqual(['live']);
    const windows = await db.selectFrom('rate_limit_counters').select('window_start').orderBy('window_start').execute();
    expect(windows.map((w) => new Date(w.window_start).toISOString())).toEqual([at(-23 * 60).toISOString(), at(-60).toISOString()]);
    expect((await db.selectFrom('uploads').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash)).toEqual([
      'expired-claimed',
      'live',
      'live-shared',
    ]);

    expect(fs.existsSync(attachmentPath(dataDir, files.alone!.sha256))).toBe(false);
    for (const kept of ['shared', 'claimed', 'fresh']) expect(fs.existsSync(attachmentPath(dataDir, files[kept]!.sha256)), kept).toBe(true);
    // nothing left aside under another name
    expect(fs.readdirSync(path.join(dataDir, 'attachments')).sort()).toEqual(['shared', 'claimed', 'fresh'].map((k) => files[k]!.sha256).sort());

    const audit = await db.selectFrom('audit_events').select(['action', 'after']).where('action', '=', 'portal.housekeeping').execute();
    expect(audit).toEqual([{ action: 'portal.housekeeping', after: { captchas: 1, trackTokens: 1, rateWindows: 1, uploads: 2 } }]);
  });

  it('a second run in the same hour finds nothing and audits nothing', async () => {
    const config = { ...loadConfig({}), dataDir };
    const result = await portalHousekeepingJob.run(
      { slot: 'portal-housekeeping:2026-11-23T16:00' },
      { database, config, clock: fixedClock(at(1).toISOString()) },
    );
    expect(result).toEqual({ captchas: 0, trackTokens: 0, rateWindows: 0, uploads: 0, files: 0 });
    const audit = await database.db.selectFrom('audit_events').select('seq').where('action', '=', 'portal.housekeeping').execute();
    expect(audit).toHaveLength(1);
  });

  it('a file that became needed again while being removed is put back', async () => {
    const f = files.fresh!;
    expect(await removeAttachmentUnlessNeeded(dataDir, f.sha256, async () => true)).toBe(false);
    expect(fs.readFileSync(attachmentPath(dataDir, f.sha256)).toString()).toBe('%PDF-1.4 fresh');
    expect(fs.readdirSync(path.join(dataDir, 'attachments'))).toHaveLength(3);
  });
});
