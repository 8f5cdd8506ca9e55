import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';

export interface IssuerView {
  unitId: number;
  /** 发文代字, e.g. 青信 (the number reads 青信〔2026〕15号) */
  prefix: string;
  /** 机关标志 printed in red at the top */
  mark: string;
  /** true when nothing is set and these are derived from the unit's name */
  derived: boolean;
}

async function unitName(db: Kysely<DB>, unitId: number) {
  const u = await db.selectFrom('units').select(['name', 'short_name']).where('id', '=', unitId).executeTakeFirst();
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

/** A unit's 发文代字 and 机关标志 as documents will use them (numbering.ts derives the same fallback). */
export async function getIssuer(db: Kysely<DB>, unitId: number): Promise<IssuerView> {
  const u = await unitName(db, unitId);
  const row = await db.selectFrom('document_issuers').select(['prefix', 'mark']).where('unit_id', '=', unitId).executeTakeFirst();
  return { unitId, prefix: row?.prefix ?? `${[...(u.short_name || u.name)][0] ?? ''}信`, mark: row?.mark ?? u.name, derived: !row };
}

/** Sets them (audited); the unit's next 发文字号 counts in the sequence of the new 代字. */
export async function setIssuer(opts: { db: Kysely<DB>; actor: Actor; unitId: number; prefix: string; mark: string }): Promise<IssuerView> {
  const before = await getIssuer(opts.db, opts.unitId);
  await opts.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('document_issuers')
      .values({ unit_id: opts.unitId, prefix: opts.prefix, mark: opts.mark })
      .onConflict((oc) => oc.column('unit_id').doUpdateSet({ prefix: opts.prefix, mark: opts.mark }))
      .execute();
    await appendAudit(trx, opts.actor, {
      action: 'unit.document_issuer',
      entityType: 'unit',
      entityId: opts.unitId,
      before: before.derived ? null : { prefix: before.prefix, mark: before.mark },
      after: { prefix: opts.prefix, mark: opts.mark },
    });
  });
  return getIssuer(opts.db, opts.unitId);
}
