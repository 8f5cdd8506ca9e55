import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { EarlierPetition } from './flags.ts';

/**
 * Earlier petitions of the same people (by blind index of ID number or phone), with the trigram
 * similarity of their title+content to `text`. Never decrypts anything.
 */
export async function findEarlierOfPeople(db: Kysely<DB> | Transaction<DB>, opts: { idBidx: string[]; phoneBidx: string[]; text: string; limit?: number }) {
  if (opts.idBidx.length === 0 && opts.phoneBidx.length === 0) return [];
  const rows = await sql<{ id: number; case_no: string; category_id: number; stage: string; state: string; title: string; received_at: Date; sim: number }>`
    SELECT p.id, p.case_no, p.category_id, p.stage, wi.state, p.title, p.received_at,
           similarity(p.title || ' ' || p.content, ${opts.text})::float8 AS sim
      FROM petitions p JOIN work_items wi ON wi.id = p.id
     WHERE p.id IN (SELECT pe.petition_id FROM petitioners pe
                     WHERE pe.id_number_bidx = ANY(${opts.idBidx}::text[]) OR pe.phone_bidx = ANY(${opts.phoneBidx}::text[]))
     ORDER BY p.id
     LIMIT ${opts.limit ?? 500}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id), category_id: Number(r.category_id), sim: Number(r.sim) }));
}

export const toEarlier = (r: Awaited<ReturnType<typeof findEarlierOfPeople>>[number]): EarlierPetition => ({ id: r.id, categoryId: r.category_id, similarity: r.sim, stage: r.stage, state: r.state });
