import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { AppError } from '../../core/errors.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** settings 'xf.collective.min_persons' (seeded 5 by migration 0006; confidence U in rules.md). */
const COLLECTIVE_SETTING = 'xf.collective.min_persons';

/** A setting the law's figures live in is missing or malformed: say which, rather than fall back to a literal. */
const settingInvalid = (key: string) => new AppError('SETTING_INVALID', { key });

/** The most representatives a 集体访 may name, with the provision it comes from. */
export interface RepresentativesRule {
  max: number;
  source: string;
}

export const REPRESENTATIVES_SETTING = 'xf.visit.reps_max';

const asRule = (v: unknown): RepresentativesRule | null => {
  if (typeof v !== 'object' || v === null) return null;
  const { max, source } = v as { max?: unknown; source?: unknown };
  return Number.isInteger(max) && (max as number) > 0 && typeof source === 'string' && source ? { max: max as number, source } : null;
};

/**
 * Registration check the zod schema cannot make (the limit is data): at most `rule.max`
 * representatives of a visit. Throws VALIDATION_FAILED naming the field `visit.representatives`.
 */
export function checkRepresentatives(body: { visit?: { representatives?: string[] } }, rule: RepresentativesRule): void {
  const n = body.visit?.representatives?.length ?? 0;
  if (n > rule.max) {
    throw new AppError(
      'VALIDATION_FAILED',
      { detail: `代表：集体访推选代表不超过 ${rule.max} 人（${rule.source}），现填写 ${n} 人` },
      { field: 'visit.representatives' },
    );
  }
}

/** What an admin edits: the 集体访 threshold and the representatives limit (national + per province). */
export interface IntakeSettings {
  collectiveMinPersons: number;
  representatives: RepresentativesRule & { byProvince: Record<string, RepresentativesRule> };
}

/**
 * Both intake settings in one round trip (registration reads them once per batch). 'xf.visit.reps_max'
 * (migration 0011) is `{max, source, byProvince: {"33": {max, source}}}` — the national figure of 条例 Art. 20
 * and any province's own (浙江 differs). The figures live only there: a missing or malformed setting is an error.
 */
export async function loadIntakeSettings(db: Db): Promise<IntakeSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', [REPRESENTATIVES_SETTING, COLLECTIVE_SETTING]).execute();
  const threshold = Number(rows.find((r) => r.key === COLLECTIVE_SETTING)?.value);
  if (!Number.isInteger(threshold) || threshold <= 0) throw settingInvalid(COLLECTIVE_SETTING);
  const value = (rows.find((r) => r.key === REPRESENTATIVES_SETTING)?.value ?? {}) as { byProvince?: Record<string, unknown> };
  const national = asRule(value);
  if (!national) throw settingInvalid(REPRESENTATIVES_SETTING);
  const byProvince: Record<string, RepresentativesRule> = {};
  for (const [code, v] of Object.entries(value.byProvince ?? {})) {
    const rule = asRule(v);
    if (rule) byProvince[code] = rule;
  }
  return { collectiveMinPersons: threshold, representatives: { ...national, byProvince } };
}

/** Saves both settings in the caller's transaction, audited with the values before and after. */
export async function saveIntakeSettings(trx: Transaction<DB>, opts: { input: IntakeSettings; actor: Actor }): Promise<IntakeSettings> {
  const before = await loadIntakeSettings(trx);
  const { collectiveMinPersons, representatives } = opts.input;
  const rows = [
    { key: COLLECTIVE_SETTING, value: JSON.stringify(collectiveMinPersons) },
    {
      key: REPRESENTATIVES_SETTING,
      value: JSON.stringify({ max: representatives.max, source: representatives.source, byProvince: representatives.byProvince }),
    },
  ];
  for (const row of rows) {
    await trx
      .insertInto('settings')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: new Date() }))
      .execute();
  }
  const after = await loadIntakeSettings(trx);
  await appendAudit(trx, opts.actor, { action: 'settings.update', entityType: 'settings', entityId: 'xf.intake', before, after });
  return after;
}

/** The limit that applies to a registering unit of `province` ('' = none known): its own figure, else the national one. */
export function representativesRuleFor(settings: IntakeSettings, province: string): RepresentativesRule {
  const { byProvince, max, source } = settings.representatives;
  return (province && byProvince[province]) || { max, source };
}
