import { sql, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { formatDocNumber } from '../../core/documents/index.ts';

/**
 * The issuing unit's 代字 and 机关标志: its document_issuers row, else derived from the unit's
 * (short) name — '青山县信访局' → '青信' — so a fresh county can issue documents at once.
 */
export async function issuerOf(trx: Transaction<DB>, unitId: number): Promise<{ prefix: string; mark: string; unitName: string }> {
  const unit = await trx.selectFrom('units').select(['name', 'short_name']).where('id', '=', unitId).executeTakeFirstOrThrow();
  const row = await trx.selectFrom('document_issuers').select(['prefix', 'mark']).where('unit_id', '=', unitId).executeTakeFirst();
  const derived = `${[...(unit.short_name || unit.name)][0] ?? ''}信`;
  return { prefix: row?.prefix ?? derived, mark: row?.mark ?? unit.name, unitName: unit.name };
}

/** The next 发文字号 of (unit, 代字, year): one row upsert, serialised by the row lock. */
export async function nextDocumentNumber(trx: Transaction<DB>, opts: { unitId: number; prefix: string; year: number }): Promise<{ n: number; number: string }> {
  const r = await sql<{ last: number }>`
    INSERT INTO document_sequences(unit_id, prefix, year, last) VALUES (${opts.unitId}, ${opts.prefix}, ${opts.year}, 1)
    ON CONFLICT (unit_id, prefix, year) DO UPDATE SET last = document_sequences.last + 1
    RETURNING last`.execute(trx);
  const n = Number(r.rows[0]!.last);
  return { n, number: formatDocNumber(opts.prefix, opts.year, n) };
}
