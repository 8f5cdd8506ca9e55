import { afterAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestDatabase } from '../../../test/support/test-db.ts';
import { loadConfig } from '../core/config.ts';
import { fixedClock } from '../core/clock/clock.ts';
import { verifyAuditChain } from '../core/audit/audit-chain.ts';
import { deriveKeys } from '../core/personal-data/index.ts';
import { ensureLegalClock } from '../kernel/deadlines/seed-legal-clock.ts';
import { ensureInitialData } from './initial.ts';

/**
 * The demo county is written through the modules' own use cases, relative to the moment of the first start, and those
 * use cases refuse what has not happened yet. A start just after midnight in Shanghai once stopped the seed (a duty
 * handover "at 08:30 today" lay in the future) and the server never came up, so the demo is seeded here at moments of
 * the day and of the year where "today", "this month" and "this quarter" turn over.
 */
const MOMENTS = [
  ['00:30 in Shanghai (16:30 UTC the day before)', '2026-12-07T16:30:00Z'],
  ['23:55 in Shanghai', '2026-12-08T15:55:00Z'],
  ['00:05 on the first day of a quarter and of the 国庆 holiday', '2026-09-30T16:05:00Z'],
  ['00:05 on New Year’s Day, a year whose holidays may not be loaded yet', '2026-12-31T16:05:00Z'],
] as const;

describe('the demo county can be seeded at any moment', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  for (const [when, instant] of MOMENTS) {
    it(`seeds at ${when}`, async () => {
      const database = await openTestDatabase();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-demo-times-'));
      dirs.push(dir);
      try {
        await ensureLegalClock(database.db);
        const result = await ensureInitialData({
          database,
          config: loadConfig({ ANWEN_DATA_DIR: dir }),
          demo: true,
          clock: fixedClock(instant),
          keys: deriveKeys(randomBytes(32)),
        });
        expect(result.demoLogins.length).toBeGreaterThan(5);
        const modules = await database.db.selectFrom('work_items').select('module').distinct().execute();
        expect(new Set(modules.map((m) => m.module))).toEqual(new Set(['petition', 'accident', 'dispute', 'hazard', 'risk', 'supervision']));
        expect((await verifyAuditChain(database.db)).ok).toBe(true);
        // 定期报告: nothing reported after "now"; yesterday one township late and one missing, whatever the hour
        const subs = await database.db.selectFrom('periodic_report_submissions').select(['submitted_at', 'due_at', 'period_start']).execute();
        expect(subs.length).toBeGreaterThan(0);
        expect(subs.every((x) => x.submitted_at.getTime() <= Date.parse(instant))).toBe(true);
        const yesterday = new Date(Date.parse(instant) + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
        const ofYesterday = subs.filter((x) => x.period_start === yesterday);
        const towns = await database.db.selectFrom('periodic_report_units').select('unit_id').execute();
        expect(towns.length - ofYesterday.length).toBe(1);
        expect(ofYesterday.filter((x) => x.submitted_at > x.due_at)).toHaveLength(1);
        // 考核: last month published with its 通报 (some units read it), this month computed only, a filled ranking;
        // two 问责 decided today over overdue items; nothing recorded after "now"
        const today = new Date(Date.parse(instant) + 8 * 3_600_000).toISOString().slice(0, 10);
        const periods = await database.db.selectFrom('assessment_periods').selectAll().orderBy('from_on').execute();
        expect(periods.map((p) => [p.state, p.to_on < today, p.from_on <= today])).toEqual([
          ['published', true, true],
          ['draft', false, true],
        ]);
        expect(periods.every((p) => p.computed_at && p.computed_at.getTime() <= Date.parse(instant))).toBe(true);
        expect(periods[0]!.published_at!.getTime()).toBeGreaterThanOrEqual(Date.parse(`${periods[1]!.from_on}T00:00:00+08:00`));
        for (const p of periods)
          expect(
            Number(
              (
                await database.db
                  .selectFrom('assessment_totals')
                  .select((eb) => eb.fn.countAll().as('n'))
                  .where('period_id', '=', p.id)
                  .executeTakeFirstOrThrow()
              ).n,
            ),
          ).toBeGreaterThan(5);
        // the 督查室 organises the 考核 and is set as 不参加考核: never in its own ranking
        const offices = await database.db.selectFrom('units').select('id').where('name', 'like', '%督查室').execute();
        expect(offices.length).toBeGreaterThan(0);
        const officeTotals = await database.db
          .selectFrom('assessment_totals')
          .select('unit_id')
          .where(
            'unit_id',
            'in',
            offices.map((o) => o.id),
          )
          .execute();
        expect(officeTotals).toEqual([]);
        const reads = await database.db.selectFrom('assessment_notice_reads').select(['read_at', 'reminded_at']).execute();
        expect(reads.filter((r) => r.read_at).length).toBeGreaterThan(0);
        expect(reads.filter((r) => !r.read_at && r.reminded_at).length).toBeGreaterThan(0);
        expect(reads.every((r) => !r.read_at || r.read_at.getTime() <= Date.parse(instant))).toBe(true);
        const acc = await database.db
          .selectFrom('supervision_escalations')
          .select(['measure', 'decided_on', 'escalated_at'])
          .where('measure', 'is not', null)
          .orderBy('id')
          .execute();
        expect(acc.map((a) => [a.measure, a.decided_on])).toEqual([
          ['talk', today],
          ['criticism', today],
        ]);
        expect(acc.every((a) => a.escalated_at.getTime() <= Date.parse(instant))).toBe(true);
        // 专项行动: the 问题清单's 8 rows are 督办事项, 调度 never dated after today
        const rows = await database.db.selectFrom('sv_action_items').select(['task_id', 'linked_item_id']).execute();
        expect(rows).toHaveLength(8);
        // two rows are old petitions (积案), linked although case numbers repeat across modules
        expect(rows.filter((r) => r.linked_item_id !== null)).toHaveLength(2);
        const held = await database.db.selectFrom('sv_action_dispatches').select('dispatched_on').execute();
        expect(held.length).toBeGreaterThan(2);
        expect(held.every((d) => d.dispatched_on < today)).toBe(true);
      } finally {
        await database.close();
      }
    }, 120_000);
  }
});
