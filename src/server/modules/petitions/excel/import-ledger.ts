import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { shanghaiDate } from '../../../core/clock/clock.ts';
import type { PersonalDataKeys } from '../../../core/personal-data/index.ts';
import { prepareRegistration, registerInTransaction } from '../register-petition.ts';
import { canRegister } from '../policy.ts';
import { validateRows, type Lookups, type RowReport } from './validate-rows.ts';
import { readLedger } from './ledger-workbook.ts';
import { withoutUnsafeChars } from '../../../core/files/file-name.ts';

export interface ImportReport {
  rows: { row: number; ok: boolean; errors: string[]; id?: number; caseNo?: string }[];
  imported: number;
}

async function loadLookups(db: Kysely<DB>, today: string): Promise<Lookups> {
  const [cats, units] = await Promise.all([
    db
      .selectFrom('petition_categories as c')
      .leftJoin('petition_categories as pc', 'pc.id', 'c.parent_id')
      .select(['c.id', 'c.name', 'pc.name as parent_name'])
      .where('c.disabled', '=', false)
      .execute(),
    db.selectFrom('units').select(['id', 'name']).where('disabled', '=', false).execute(),
  ]);
  return {
    categories: cats.map((c) => ({ id: Number(c.id), name: c.name, parentName: c.parent_name })),
    units: units.map((u) => ({ id: Number(u.id), name: u.name })),
    today,
  };
}

/**
 * 导入信访台账: validates EVERY row first; registers only when all are valid, in one transaction, through
 * the same registration use case as manual intake (numbers, flags, clocks, audit), plus one audit event
 * for the import itself. A row failing at registration rolls everything back and is named in the report.
 */
export async function importLedger(opts: {
  db: Kysely<DB>;
  keys: PersonalDataKeys;
  user: SessionUser;
  actor: Actor;
  now: Date;
  file: Buffer;
  filename?: string;
}): Promise<ImportReport> {
  const { db, keys, user, actor, now } = opts;
  if (!canRegister(user)) throw new AppError('FORBIDDEN');
  const raw = await readLedger(opts.file);
  const reports: RowReport[] = validateRows(raw, await loadLookups(db, shanghaiDate(now)));
  const plain = (r: RowReport) => ({ row: r.row, ok: r.ok, errors: r.errors });
  if (reports.some((r) => !r.ok)) return { rows: reports.map(plain), imported: 0 };

  let current = 0;
  try {
    const done = await db.transaction().execute(async (trx) => {
      const results: { id: number; caseNo: string }[] = [];
      // row by row, so a later row of the same person sees the earlier one (重复信访 within one ledger);
      // no 登记回执: an imported ledger holds past cases
      for (const r of reports) {
        current = r.row;
        const prepared = prepareRegistration({ keys, user, actor, now, body: r.body!, acknowledge: false });
        const [res] = await registerInTransaction(trx, [prepared]);
        results.push({ id: res!.id, caseNo: res!.caseNo });
      }
      await appendAudit(trx, actor, {
        action: 'petition.import',
        entityType: 'petition_import',
        after: { filename: opts.filename ? withoutUnsafeChars(opts.filename) : null, rows: results.length, caseNos: results.map((x) => x.caseNo) },
      });
      return results;
    });
    return { rows: reports.map((r, i) => ({ ...plain(r), ...done[i]! })), imported: done.length };
  } catch (err) {
    if (!(err instanceof AppError) || err.code === 'FORBIDDEN') throw err;
    return { rows: reports.map((r) => (r.row === current ? { row: r.row, ok: false, errors: [err.message] } : plain(r))), imported: 0 };
  }
}
