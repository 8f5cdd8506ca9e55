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

/** A module's case-number prefix: two to four capital Latin letters (XF, JF …), read out letter by letter on the phone. */
export const CASE_NO_PREFIX = /^[A-Z]{2,4}$/;

/**
 * '<prefix>-<county code>-<year>-<6-digit seq>', e.g. XF-519901-2026-000015: the prefix names the module, so two
 * modules' numbers never coincide (the sequence still runs per module and year). Numbers issued before the
 * prefix (519901-2026-000015) stay as they were printed.
 */
export function formatCaseNo(prefix: string, countyCode: string, year: number, seq: number): string {
  return `${prefix}-${countyCode}-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * A typed case number cleaned of what people add by hand: full-width forms folded (ＸＦ－５１…), spaces dropped,
 * any dash read as '-'. Letter case is left alone (a prefix is matched ignoring it; county codes are digits).
 */
export function normalizeCaseNo(typed: string): string {
  return typed
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, '-');
}

/**
 * A typed case number split at one of the `prefixes` it starts with (any case, with or without the dash after
 * it): 'xf 519901－2026－000015' → { prefix: 'XF', rest: '519901-2026-000015' }; without a known prefix the
 * whole cleaned text is the rest.
 */
export function splitCaseNo(typed: string, prefixes: readonly string[]): { prefix: string | null; rest: string } {
  const text = normalizeCaseNo(typed);
  const m = /^([A-Za-z]{2,4})(?:-|(?=\d))(.+)$/.exec(text);
  const prefix = m ? m[1]!.toUpperCase() : null;
  return m && prefixes.includes(prefix!) ? { prefix, rest: m[2]! } : { prefix: null, rest: text };
}

/**
 * The numbers a typed case number may stand for in the module with `prefix`: the prefixed number and the same
 * number as issued before prefixes (a staff member who adds the letters to an old number, or leaves them off a
 * new one, still finds the item). A number with another module's prefix matches neither.
 */
export function caseNoCandidates(typed: string, prefix: string): string[] {
  const { rest } = splitCaseNo(typed, [prefix]);
  return rest ? [`${prefix}-${rest}`, rest] : [];
}

/** The county code: the code of the root unit above `unitPath` ('/1/7/' → unit 1). */
export async function countyCodeOf(trx: Transaction<DB>, unitPath: string): Promise<string> {
  const rootId = Number(unitPath.split('/').filter(Boolean)[0]);
  const row = await trx.selectFrom('units').select('code').where('id', '=', rootId).executeTakeFirstOrThrow();
  return row.code;
}

/** Allocates a case number for `module` in `year`, printed with the module's prefix. */
export async function allocateCaseNo(trx: Transaction<DB>, opts: { module: string; prefix: string; year: number; unitPath: string }): Promise<string> {
  const [code, seq] = [await countyCodeOf(trx, opts.unitPath), await nextSequence(trx, opts.module, opts.year)];
  return formatCaseNo(opts.prefix, code, opts.year, seq);
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
