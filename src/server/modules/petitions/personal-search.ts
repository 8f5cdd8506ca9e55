import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.ts';
import type { Actor } from '../../core/audit/audit-chain.ts';
import { appendAudit } from '../../core/audit/audit-chain.ts';
import { blindIndex, decryptValue, maskIdNumber, maskName, maskPhone, normalize, type PersonalDataKeys } from '../../core/personal-data/index.ts';

/** What a list search term is, when it is a person's: an ID number, a phone number or a name. */
export type PersonalTerm = { field: 'id_number' | 'phone' | 'name'; value: string };

const ID_NUMBER = /^(\d{17}[\dX]|\d{15})$/;
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
// 2–20 Chinese characters (with the middle dot of minority and foreign names): a name, not a case number or a title word
const NAME = /^[\u3400-\u9fff·]{2,20}$/;

/** Classifies a search term; a term that is none of them (a case number, a title word) is not personal. */
export function personalTerm(q: string | undefined): PersonalTerm | null {
  if (!q) return null;
  const id = normalize('id_number', q);
  if (ID_NUMBER.test(id)) return { field: 'id_number', value: id };
  const phone = normalize('phone', q);
  if (PHONE.test(phone)) return { field: 'phone', value: phone };
  const name = normalize('name', q);
  if (NAME.test(name)) return { field: 'name', value: name };
  return null;
}

export const maskTerm = (t: PersonalTerm): string =>
  t.field === 'id_number' ? maskIdNumber(t.value) : t.field === 'phone' ? maskPhone(t.value) : maskName(t.value);

/**
 * The petitions of the people a term names, without decrypting anyone else: ID and phone by their blind index
 * (exact), a name by its masked form first (same length, first and last character — a handful of rows), then the
 * few candidates decrypted and compared in full. The caller intersects the ids with the user's scoped list.
 */
export async function petitionsOfPerson(db: Kysely<DB>, keys: PersonalDataKeys, term: PersonalTerm): Promise<number[]> {
  if (term.field !== 'name') {
    const column = term.field === 'id_number' ? 'id_number_bidx' : 'phone_bidx';
    const rows = await db
      .selectFrom('petitioners')
      .select('petition_id')
      .distinct()
      .where(column, '=', blindIndex(keys, term.field, term.value))
      .execute();
    return rows.map((r) => Number(r.petition_id));
  }
  const candidates = await db.selectFrom('petitioners').select(['petition_id', 'name_enc']).where('name_masked', '=', maskName(term.value)).execute();
  const ids = new Set<number>();
  for (const c of candidates) {
    try {
      if (normalize('name', decryptValue(keys, c.name_enc)) === term.value) ids.add(Number(c.petition_id));
    } catch {
      // a value under another key cannot be compared; it is simply not found
    }
  }
  return [...ids];
}

const FIELD_NAMES = { id_number: '身份证号', phone: '联系电话', name: '姓名' } as const;

/**
 * A search by a person's ID number, phone or name is a look into personal data: it is audited like a reveal
 * (who, when, which kind of term and the term masked — never the term itself), in its own transaction.
 */
export async function auditPersonalSearch(db: Kysely<DB>, actor: Actor, term: PersonalTerm, found: number, list: string): Promise<void> {
  await db.transaction().execute((trx) =>
    appendAudit(trx, actor, {
      action: 'personal.search',
      entityType: 'petitioner',
      reason: `按${FIELD_NAMES[term.field]}查找${list}`,
      after: { field: term.field, term: maskTerm(term), found },
    }),
  );
}
