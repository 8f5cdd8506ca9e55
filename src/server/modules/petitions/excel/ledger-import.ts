import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { ImportColumn, ImportDeclaration } from '../../../kernel/imports/index.ts';
import type { IntakeBody } from '../intake-schema.ts';
import { prepareRegistration, registerInTransaction } from '../register-petition.ts';
import { canRegister } from '../policy.ts';
import { IMPORT_COLUMNS } from './ledger-columns.ts';
import { validateRows, type Lookups, type RawRow } from './validate-rows.ts';

const CHOICES: Partial<Record<(typeof IMPORT_COLUMNS)[number]['key'], ImportColumn['choices']>> = {
  channel: ['来信', '来访', '电话', '网上', '领导信箱', '上级交办转送'],
  matterType: ['建议意见类', '检举控告类', '申诉求决类'],
};
const FORMATS: Partial<Record<(typeof IMPORT_COLUMNS)[number]['key'], ImportColumn['format']>> = {
  receivedDate: 'date',
  upperDueDate: 'date',
  idNumber: 'text',
  phone: 'text',
};

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
 * 导入信访台账 through the kernel's import mechanism: each row is registered by the same registration use case as
 * manual intake (numbers, flags, clocks, audit), row by row so a later row of the same person sees the earlier
 * one (重复信访 within one ledger); no 登记回执 — an imported ledger holds past cases.
 */
export const PETITION_LEDGER_IMPORT: ImportDeclaration<IntakeBody> = {
  kind: 'petition_ledger',
  name: '信访台账',
  sheetName: '信访台账',
  columns: IMPORT_COLUMNS.map((c) => ({ ...c, choices: CHOICES[c.key], format: FORMATS[c.key] })),
  rules: '先逐行校验全部数据；只要有一行有误，整批都不导入，请按校验报告修改后重新上传。每行按登记程序入库：自动生成编号、查询码、标记和期限，并记入审计。',
  maxRows: 5000,
  auditAction: 'petition.import',
  mayImport: canRegister,
  validate: async (db, rows, { today }) =>
    validateRows(rows as RawRow[], await loadLookups(db, today)).map((r) => ({ row: r.row, ok: r.ok, errors: r.errors, value: r.body })),
  write: async (trx, body, { keys, user, actor, now }) => {
    const prepared = prepareRegistration({ keys, user, actor, now, body, acknowledge: false });
    const [res] = await registerInTransaction(trx, [prepared]);
    return { id: res!.id, no: res!.caseNo };
  },
};
