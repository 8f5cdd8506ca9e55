import { sql, type Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { SYSTEM_ACTOR, appendAudit } from '../../core/audit/audit-chain.ts';
import { chineseDaysYear, SEED_FIRST_YEAR, SEED_LAST_YEAR } from '../../core/clock/calendar-data.ts';
import { storeCalendarYear } from '../../core/clock/calendar-store.ts';
import { DEFAULT_RULES } from '../../core/clock/default-rules.ts';
import { recomputeOpenDeadlines } from './recompute-open-deadlines.ts';

export interface EnsureLegalClockResult {
  seededYears: number[];
  seededRules: string[];
}

/**
 * Called at every start (server and CLI): adds the calendar years 2004–2026 and the default
 * rules that are missing — never overwriting what an admin loaded or changed — in one
 * audited transaction. An advisory lock keeps two instances starting together from racing.
 */
export async function ensureLegalClock(db: Kysely<DB>): Promise<EnsureLegalClockResult> {
  const years = await db.selectFrom('calendar_years').select('year').execute();
  const rules = await db.selectFrom('legal_rules').select(['key', 'province']).execute();
  const haveYears = new Set(years.map((y) => Number(y.year)));
  const haveRules = new Set(rules.map((r) => `${r.key}|${r.province}`));
  const wanted = Array.from({ length: SEED_LAST_YEAR - SEED_FIRST_YEAR + 1 }, (_, i) => SEED_FIRST_YEAR + i);
  if (wanted.every((y) => haveYears.has(y)) && DEFAULT_RULES.every((r) => haveRules.has(`${r.key}|${r.province}`))) {
    return { seededYears: [], seededRules: [] };
  }
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(7411001)`.execute(trx);
    // re-read under the lock: another instance may have seeded meanwhile
    const present = new Set((await trx.selectFrom('calendar_years').select('year').execute()).map((y) => Number(y.year)));
    const seededYears: number[] = [];
    for (const year of wanted) {
      if (present.has(year)) continue;
      await storeCalendarYear(trx, { data: chineseDaysYear(year), actor: SYSTEM_ACTOR, action: 'calendar.seed' });
      seededYears.push(year);
    }
    const inserted = await trx
      .insertInto('legal_rules')
      .values(
        DEFAULT_RULES.map((r) => ({
          key: r.key,
          province: r.province,
          name: r.name,
          amount: r.amount,
          unit: r.unit,
          source: r.source,
          confidence: r.confidence,
          note: r.note ?? null,
          kind: r.kind ?? 'deadline',
          updated_by: SYSTEM_ACTOR.name,
        })),
      )
      .onConflict((oc) => oc.columns(['key', 'province']).doNothing())
      .returning(['key', 'province'])
      .execute();
    const seededRules = inserted.map((r) => (r.province ? `${r.key}|${r.province}` : r.key));
    if (seededRules.length) {
      await appendAudit(trx, SYSTEM_ACTOR, {
        action: 'rule.seed',
        entityType: 'legal_rule',
        after: { rules: seededRules },
        reason: '写入法定时限默认规则（依据现行法律法规整理的默认配置）',
      });
    }
    const open = await trx.selectFrom('deadlines').select('id').where('status', '<>', 'stopped').limit(1).execute();
    if (open.length && (seededYears.length || seededRules.length)) {
      await recomputeOpenDeadlines(trx, { actor: SYSTEM_ACTOR, reason: '补充默认工作日历/时限规则后重算' });
    }
    return { seededYears, seededRules };
  });
}
