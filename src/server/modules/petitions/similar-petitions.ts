import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { EarlierPetition } from './flags.ts';

/** One person-and-text probe: the blind indexes of a new petition's people, and its title+content. */
export interface PeopleProbe {
  idBidx: string[];
  phoneBidx: string[];
  text: string;
}

export interface EarlierRow {
  id: number;
  case_no: string;
  category_id: number;
  stage: string;
  state: string;
  title: string;
  received_at: Date;
  sim: number;
}

/**
 * Earlier petitions of the same people (by blind index of ID number or phone), with the trigram
 * similarity of their title+content to `text`. Never decrypts anything.
 */
export async function findEarlierOfPeople(db: Kysely<DB> | Transaction<DB>, opts: PeopleProbe & { limit?: number }): Promise<EarlierRow[]> {
  return (await findEarlierOfPeopleMany(db, [opts], opts.limit))[0]!;
}

/**
 * The same for several probes in one statement (a batch of registrations): one index lookup per blind
 * index, one similarity per (earlier petition, probe) pair; at most `limit` earlier petitions per probe.
 */
export async function findEarlierOfPeopleMany(db: Kysely<DB> | Transaction<DB>, probes: readonly PeopleProbe[], limit = 500): Promise<EarlierRow[][]> {
  const out: EarlierRow[][] = probes.map(() => []);
  const keys: { ix: number; kind: 'id' | 'phone'; bidx: string }[] = [];
  probes.forEach((p, ix) => {
    for (const bidx of p.idBidx) keys.push({ ix, kind: 'id', bidx });
    for (const bidx of p.phoneBidx) keys.push({ ix, kind: 'phone', bidx });
  });
  if (keys.length === 0) return out;
  const rows = await sql<EarlierRow & { ix: number }>`
    WITH probe AS (SELECT * FROM unnest(${keys.map((k) => k.ix)}::int[], ${keys.map((k) => k.kind)}::text[], ${keys.map((k) => k.bidx)}::text[]) AS t(ix, kind, bidx)),
         texts AS (SELECT * FROM unnest(${probes.map((_, i) => i)}::int[], ${probes.map((p) => p.text)}::text[]) AS t(ix, txt)),
         hits AS (
           SELECT pr.ix, pe.petition_id FROM probe pr JOIN petitioners pe ON pe.id_number_bidx = pr.bidx WHERE pr.kind = 'id'
           UNION
           SELECT pr.ix, pe.petition_id FROM probe pr JOIN petitioners pe ON pe.phone_bidx = pr.bidx WHERE pr.kind = 'phone'
         ),
         ranked AS (SELECT h.ix, h.petition_id, row_number() OVER (PARTITION BY h.ix ORDER BY h.petition_id) AS n FROM hits h)
    SELECT r.ix, p.id, p.case_no, p.category_id, p.stage, wi.state, p.title, p.received_at,
           similarity(p.title || ' ' || p.content, t.txt)::float8 AS sim
      FROM ranked r
      JOIN petitions p ON p.id = r.petition_id
      JOIN work_items wi ON wi.id = p.id
      JOIN texts t ON t.ix = r.ix
     WHERE r.n <= ${limit}
     ORDER BY r.ix, p.id`.execute(db);
  for (const r of rows.rows)
    out[r.ix]!.push({
      id: Number(r.id),
      case_no: r.case_no,
      category_id: Number(r.category_id),
      stage: r.stage,
      state: r.state,
      title: r.title,
      received_at: r.received_at,
      sim: Number(r.sim),
    });
  return out;
}

export const toEarlier = (r: EarlierRow): EarlierPetition => ({ id: r.id, categoryId: r.category_id, similarity: r.sim, stage: r.stage, state: r.state });
