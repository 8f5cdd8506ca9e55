import { createHash, randomInt } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.ts';

/** Next number of (module, year); the upsert's row lock makes concurrent registrations queue, never collide. */
export async function nextSequence(trx: Transaction<DB>, module: string, year: number): Promise<number> {
  return (await nextSequences(trx, module, year, 1))[0]!;
}

/** `count` consecutive numbers of (module, year) with one statement (a batch of registrations). */
export async function nextSequences(trx: Transaction<DB>, module: string, year: number, count: number): Promise<number[]> {
  const row = await sql<{ last: number }>`
    INSERT INTO number_sequences(module, year, last) VALUES (${module}, ${year}, ${count})
    ON CONFLICT (module, year) DO UPDATE SET last = number_sequences.last + ${count}
    RETURNING last`.execute(trx);
  const last = Number(row.rows[0]!.last);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

/** '<county code>-<year>-<6-digit seq>', e.g. 519901-2026-000015. */
export function formatCaseNo(countyCode: string, year: number, seq: number): string {
  return `${countyCode}-${year}-${String(seq).padStart(6, '0')}`;
}

/** The county code: the code of the root unit above `unitPath` ('/1/7/' → unit 1). */
export async function countyCodeOf(trx: Transaction<DB>, unitPath: string): Promise<string> {
  const rootId = Number(unitPath.split('/').filter(Boolean)[0]);
  const row = await trx.selectFrom('units').select('code').where('id', '=', rootId).executeTakeFirstOrThrow();
  return row.code;
}

/** Allocates a case number for `module` in `year`. */
export async function allocateCaseNo(trx: Transaction<DB>, opts: { module: string; year: number; unitPath: string }): Promise<string> {
  const [code, seq] = [await countyCodeOf(trx, opts.unitPath), await nextSequence(trx, opts.module, opts.year)];
  return formatCaseNo(code, opts.year, seq);
}

/** No 0/O, 1/I/L: read over the phone without confusion. */
export const QUERY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A fresh 8-character 查询码 and its SHA-256 (only the hash is stored; the code is shown once). */
export function newQueryCode(): { code: string; hash: string } {
  let code = '';
  for (let i = 0; i < 8; i++) code += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return { code, hash: hashQueryCode(code) };
}

export function hashQueryCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
}
