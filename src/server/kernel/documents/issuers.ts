import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { appendAudit, type Actor } from '../../core/audit/audit-chain.ts';
import { AppError } from '../../core/errors.ts';

type Q = Kysely<DB> | Transaction<DB>;

/** How an issuing unit signs its documents. */
export interface Issuer {
  unitId: number;
  /** 发文代字, e.g. 青信 (the number reads 青信〔2026〕15号) */
  prefix: string;
  /** 机关标志 printed in red at the top: the organ's full name as the administrator set it */
  mark: string;
  /** the organ's full name signed at the end: the unit's 机关全称, else its name */
  unitName: string;
}

export interface IssuerView {
  unitId: number;
  /** the 代字 set for the unit, '' when none is set */
  prefix: string;
  /** the 机关标志 set for the unit; when none is set, the unit's full name as a suggestion */
  mark: string;
  /** true once an administrator set the pair (documents can be made) */
  configured: boolean;
}

async function unitOf(db: Q, unitId: number) {
  const u = await db.selectFrom('units').select(['name', 'full_name']).where('id', '=', unitId).executeTakeFirst();
  if (!u) throw new AppError('NOT_FOUND');
  return u;
}

/** The unit's 代字 and 机关标志, or null when none is set (nothing is derived from the unit's name). */
export async function findIssuer(db: Q, unitId: number): Promise<Issuer | null> {
  const [unit, row] = await Promise.all([
    unitOf(db, unitId),
    db.selectFrom('document_issuers').select(['prefix', 'mark']).where('unit_id', '=', unitId).executeTakeFirst(),
  ]);
  const fullName = unit.full_name || unit.name;
  return row ? { unitId, prefix: row.prefix, mark: row.mark ?? fullName, unitName: fullName } : null;
}

/** The issuer a document of `unitId` is signed with; DOCUMENT_ISSUER_NOT_SET (naming the unit) when an administrator has set none. */
export async function requireIssuer(db: Q, unitId: number): Promise<Issuer> {
  const issuer = await findIssuer(db, unitId);
  if (!issuer) throw new AppError('DOCUMENT_ISSUER_NOT_SET', { unit: (await unitOf(db, unitId)).name });
  return issuer;
}

/** What the unit form shows. */
export async function getIssuer(db: Q, unitId: number): Promise<IssuerView> {
  const [unit, issuer] = await Promise.all([unitOf(db, unitId), findIssuer(db, unitId)]);
  return issuer
    ? { unitId, prefix: issuer.prefix, mark: issuer.mark, configured: true }
    : { unitId, prefix: '', mark: unit.full_name || unit.name, configured: false };
}

/** Sets them (audited); the unit's next 发文字号 counts in the sequence of the new 代字. */
export async function setIssuer(opts: { db: Kysely<DB>; actor: Actor; unitId: number; prefix: string; mark: string }): Promise<IssuerView> {
  const before = await findIssuer(opts.db, opts.unitId);
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
      before: before ? { prefix: before.prefix, mark: before.mark } : null,
      after: { prefix: opts.prefix, mark: opts.mark },
    });
  });
  return getIssuer(opts.db, opts.unitId);
}
