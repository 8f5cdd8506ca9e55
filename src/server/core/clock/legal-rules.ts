import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { appendAudit, type Actor } from '../audit/audit-chain.ts';
import { AppError } from '../errors.ts';
import type { DeadlineRule, RuleKind, RuleUnit } from './deadline-compute.ts';

export const RULE_UNITS: readonly RuleUnit[] = ['calendar_days', 'working_days', 'hours', 'months'];

/** A row of legal_rules as the rest of the code sees it. */
export interface LegalRule extends DeadlineRule {
  kind: RuleKind;
  province: string;
  confidence: string;
  note: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

function toRule(row: {
  key: string;
  province: string;
  name: string;
  amount: number;
  unit: RuleUnit;
  source: string;
  confidence: string;
  note: string | null;
  updated_at: Date;
  updated_by: string | null;
  kind: RuleKind;
}): LegalRule {
  return {
    key: row.key,
    kind: row.kind,
    province: row.province,
    name: row.name,
    amount: Number(row.amount),
    unit: row.unit,
    source: row.source,
    confidence: row.confidence,
    note: row.note,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by,
  };
}

/** All rules in memory with the lookup "province override if present, else national ('')". */
export class RuleBook {
  private readonly byKey = new Map<string, LegalRule>();
  constructor(readonly rules: readonly LegalRule[]) {
    for (const r of rules) this.byKey.set(`${r.key}|${r.province}`, r);
  }
  resolve(key: string, province = ''): LegalRule | undefined {
    return (province ? this.byKey.get(`${key}|${province}`) : undefined) ?? this.byKey.get(`${key}|`);
  }
  national(key: string): LegalRule | undefined {
    return this.byKey.get(`${key}|`);
  }
}

export async function loadRuleBook(db: Kysely<DB>): Promise<RuleBook> {
  const rows = await db.selectFrom('legal_rules').selectAll().orderBy('key').orderBy('province').execute();
  return new RuleBook(rows.map(toRule));
}

/** The rule that applies in `province` (override, else national); RULE_NOT_FOUND otherwise. */
export async function findRule(db: Kysely<DB>, key: string, province = ''): Promise<LegalRule> {
  const rows = await db
    .selectFrom('legal_rules')
    .selectAll()
    .where('key', '=', key)
    .where('province', 'in', province ? [province, ''] : [''])
    .execute();
  const row = rows.find((r) => r.province === province) ?? rows.find((r) => r.province === '');
  if (!row) throw new AppError('RULE_NOT_FOUND', { key });
  return toRule(row);
}

export interface SaveRuleInput {
  key: string;
  /** '' or omitted = the national rule; a code = that province's override */
  province?: string;
  amount: number;
  unit: RuleUnit;
  source: string;
  note?: string | null;
  confidence?: string;
  /** why (audited) */
  reason?: string;
  actor: Actor;
}

/**
 * Changes a rule or creates a province override of an existing key (audited, before/after).
 * The caller recomputes open deadlines in the same transaction.
 */
export async function saveRule(trx: Transaction<DB>, input: SaveRuleInput): Promise<{ before: LegalRule | null; after: LegalRule }> {
  const province = input.province ?? '';
  if (!RULE_UNITS.includes(input.unit)) throw new AppError('RULE_UNIT_INVALID', { unit: input.unit });
  if (!Number.isInteger(input.amount) || input.amount < 0) {
    throw new AppError('VALIDATION_FAILED', { detail: 'amount：应为非负整数' }, { field: 'amount' });
  }
  if (!input.source.trim()) throw new AppError('VALIDATION_FAILED', { detail: 'source：法律依据必填' }, { field: 'source' });
  if (province && !/^\d{2}$/.test(province)) {
    throw new AppError('VALIDATION_FAILED', { detail: 'province：应为两位省级行政区划代码，如 33' }, { field: 'province' });
  }
  const national = await trx.selectFrom('legal_rules').selectAll().where('key', '=', input.key).where('province', '=', '').executeTakeFirst();
  if (!national) throw new AppError('RULE_NOT_FOUND', { key: input.key });
  const existing = province
    ? await trx.selectFrom('legal_rules').selectAll().where('key', '=', input.key).where('province', '=', province).executeTakeFirst()
    : national;
  const values = {
    amount: input.amount,
    unit: input.unit,
    source: input.source.trim(),
    note: input.note ?? null,
    confidence: input.confidence ?? existing?.confidence ?? national.confidence,
    updated_at: new Date(),
    updated_by: input.actor.name,
  };
  const row = await trx
    .insertInto('legal_rules')
    .values({ key: input.key, province, name: existing?.name ?? national.name, ...values })
    .onConflict((oc) => oc.columns(['key', 'province']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  const before = existing ? toRule(existing) : null;
  const after = toRule(row);
  await appendAudit(trx, input.actor, {
    action: before ? 'rule.update' : 'rule.override.create',
    entityType: 'legal_rule',
    entityId: `${input.key}|${province}`,
    before: before && { amount: before.amount, unit: before.unit, source: before.source, note: before.note, confidence: before.confidence },
    after: { amount: after.amount, unit: after.unit, source: after.source, note: after.note, confidence: after.confidence },
    reason: input.reason,
  });
  return { before, after };
}
