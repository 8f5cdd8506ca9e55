import { sql, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import { formatDocNumber } from '../../core/documents/index.ts';

/**
 * The next 发文字号 of (unit, 代字, year): one row upsert, serialised by the row lock and taken in
 * the transaction that stores the document — a refused or failed document rolls its number back,
 * so the numbers have no gaps and are never repeated.
 */
export async function nextDocumentNumber(trx: Transaction<DB>, opts: { unitId: number; prefix: string; year: number }): Promise<{ n: number; number: string }> {
  const r = await sql<{ last: number }>`
    INSERT INTO document_sequences(unit_id, prefix, year, last) VALUES (${opts.unitId}, ${opts.prefix}, ${opts.year}, 1)
    ON CONFLICT (unit_id, prefix, year) DO UPDATE SET last = document_sequences.last + 1
    RETURNING last`.execute(trx);
  const n = Number(r.rows[0]!.last);
  return { n, number: formatDocNumber(opts.prefix, opts.year, n) };
}
