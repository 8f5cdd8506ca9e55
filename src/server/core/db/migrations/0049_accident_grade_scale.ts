import { sql, type Kysely } from 'kysely';

/**
 * 事故等级 thresholds as data with their source (they were literals in the accidents' code): the lower bound of
 * 较大 / 重大 / 特别重大 per measure — deaths, serious injuries (incl. acute industrial poisoning), direct economic
 * loss in 元 — per 《生产安全事故报告和调查处理条例》（国务院令第493号）第三条 ("以上"包括本数). A province or a later
 * rule that changes them is a change of this setting, not of code. Kept if an administrator already set it.
 */
export const ACCIDENT_GRADE_SCALE = {
  deaths: { larger: 3, major: 10, especially_major: 30 },
  seriousInjuries: { larger: 10, major: 50, especially_major: 100 },
  directLossYuan: { larger: 10_000_000, major: 50_000_000, especially_major: 100_000_000 },
  source: '《生产安全事故报告和调查处理条例》（国务院令第493号）第三条',
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO settings (key, value, updated_at) VALUES ('safety.accident_grades', ${JSON.stringify(ACCIDENT_GRADE_SCALE)}::jsonb, now())
    ON CONFLICT DO NOTHING
  `.execute(db);
}
