import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { appendAudit, type Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { isCountyWide } from '../../../core/access/scope.ts';
import { encryptValue, maskName, maskPhone, revealPersonalValue, type PersonalDataKeys } from '../../../core/personal-data/index.ts';
import type { ScopedUser } from '../../../kernel/catalog/index.ts';
import { moveOpenHazards } from '../hazards/move-hazards.ts';
import { enterpriseVisibleSql } from './scope.ts';
import { RISK_GRADES, type EnterpriseInput, type RiskGrade } from './enterprise-input.ts';

type Db = Kysely<DB> | Transaction<DB>;
const TOWNSHIP_KINDS = ['township', 'street'];

export interface EnterpriseRow {
  id: number;
  name: string;
  creditCode: string | null;
  sectorId: number;
  sectorName: string;
  townshipUnitId: number;
  townshipName: string;
  regulatorUnitId: number | null;
  regulatorName: string | null;
  legalRepName: string | null;
  legalRepPhone: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  longitude: number | null;
  latitude: number | null;
  riskGrade: RiskGrade | null;
  riskGradeName: string | null;
  employees: number | null;
  /** the earliest licence expiry, if any */
  nextLicenceExpiry: string | null;
  openHazards: number;
  closeFlaggedOn: string | null;
}

export interface EnterpriseFilter {
  /** one enterprise only (the detail reads it through the list's own query) */
  id?: number;
  q?: string;
  sectorId?: number;
  townshipUnitId?: number;
  regulatorUnitId?: number;
  riskGrade?: RiskGrade;
  page: number;
  pageSize: number;
}

function baseQuery(db: Db, user: ScopedUser) {
  return db
    .selectFrom('safety_enterprises as e')
    .innerJoin('safety_sectors as s', 's.id', 'e.sector_id')
    .leftJoin('safety_sectors as sp', 'sp.id', 's.parent_id')
    .innerJoin('units as tu', 'tu.id', 'e.township_unit_id')
    .leftJoin('units as ru', 'ru.id', 'e.regulator_unit_id')
    .where('e.disabled', '=', false)
    .where(enterpriseVisibleSql(user, 'e'));
}

/** The register as `user` may see it, filtered and paged (also the Excel export's pages). */
export async function listEnterprises(db: Db, user: ScopedUser, f: EnterpriseFilter): Promise<{ items: EnterpriseRow[]; total: number }> {
  let q = baseQuery(db, user);
  if (f.id) q = q.where('e.id', '=', f.id);
  if (f.q) q = q.where((eb) => eb.or([eb('e.name', 'like', `%${f.q}%`), eb('e.credit_code', '=', f.q!.toUpperCase()), eb('e.address', 'like', `%${f.q}%`)]));
  if (f.sectorId) q = q.where((eb) => eb.or([eb('e.sector_id', '=', f.sectorId!), eb('s.parent_id', '=', f.sectorId!)]));
  if (f.townshipUnitId) q = q.where('e.township_unit_id', '=', f.townshipUnitId);
  if (f.regulatorUnitId) q = q.where('e.regulator_unit_id', '=', f.regulatorUnitId);
  if (f.riskGrade) q = q.where('e.risk_grade', '=', f.riskGrade);
  const [{ total }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    q
      .select([
        'e.id',
        'e.name',
        'e.credit_code',
        'e.sector_id',
        sql<string>`coalesce(sp.name || ' / ', '') || s.name`.as('sector_name'),
        'e.township_unit_id',
        'tu.name as township_name',
        'e.regulator_unit_id',
        'ru.name as regulator_name',
        'e.legal_rep_name_masked',
        'e.legal_rep_phone_masked',
        'e.contact_name',
        'e.contact_phone_masked',
        'e.address',
        'e.longitude',
        'e.latitude',
        'e.risk_grade',
        'e.employees',
        'e.close_flagged_on',
        sql<string | null>`(select min(l.expires_on)::text from safety_licences l where l.enterprise_id = e.id)`.as('next_expiry'),
        sql<number>`(select count(*)::int from hazards h join work_items w on w.id = h.id where h.enterprise_id = e.id and w.open)`.as('open_hazards'),
      ])
      .orderBy('e.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
  ]);
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      creditCode: r.credit_code,
      sectorId: Number(r.sector_id),
      sectorName: r.sector_name,
      townshipUnitId: Number(r.township_unit_id),
      townshipName: r.township_name,
      regulatorUnitId: r.regulator_unit_id === null ? null : Number(r.regulator_unit_id),
      regulatorName: r.regulator_name,
      legalRepName: r.legal_rep_name_masked,
      legalRepPhone: r.legal_rep_phone_masked,
      contactName: r.contact_name,
      contactPhone: r.contact_phone_masked,
      address: r.address,
      longitude: r.longitude === null ? null : Number(r.longitude),
      latitude: r.latitude === null ? null : Number(r.latitude),
      riskGrade: r.risk_grade,
      riskGradeName: r.risk_grade ? RISK_GRADES[r.risk_grade] : null,
      employees: r.employees,
      nextLicenceExpiry: r.next_expiry,
      openHazards: Number(r.open_hazards),
      closeFlaggedOn: r.close_flagged_on,
    })),
  };
}

export interface EnterpriseDetail extends EnterpriseRow {
  licences: { id: number; name: string; number: string | null; expiresOn: string }[];
  accounts: { id: number; username: string; displayName: string; disabled: boolean }[];
}

/** One enterprise as `user` may see it, else NOT_FOUND. */
export async function getEnterprise(db: Db, user: ScopedUser, id: number): Promise<EnterpriseDetail> {
  const found = (await listEnterprises(db, user, { id, page: 1, pageSize: 1 })).items[0];
  if (!found) throw new AppError('NOT_FOUND');
  const [licences, accounts] = await Promise.all([
    db.selectFrom('safety_licences').select(['id', 'name', 'number', 'expires_on']).where('enterprise_id', '=', id).orderBy('expires_on').execute(),
    db.selectFrom('users').select(['id', 'username', 'display_name', 'disabled']).where('enterprise_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    ...found,
    licences: licences.map((l) => ({ id: Number(l.id), name: l.name, number: l.number, expiresOn: l.expires_on })),
    accounts: accounts.map((a) => ({ id: Number(a.id), username: a.username, displayName: a.display_name, disabled: a.disabled })),
  };
}

/** Checks the units and the editor's reach, then writes the enterprise (new or changed) with its licences, audited. */
export async function saveEnterprise(
  trx: Transaction<DB>,
  opts: { id?: number; input: EnterpriseInput; user: SessionUser; actor: Actor; keys: PersonalDataKeys; now: Date },
): Promise<{ id: number }> {
  const { input, user } = opts;
  const [township, regulator, sector] = await Promise.all([
    trx.selectFrom('units').select(['id', 'path', 'kind', 'name']).where('id', '=', input.townshipUnitId).where('disabled', '=', false).executeTakeFirst(),
    input.regulatorUnitId
      ? trx.selectFrom('units').select(['id', 'path', 'kind', 'name']).where('id', '=', input.regulatorUnitId).where('disabled', '=', false).executeTakeFirst()
      : Promise.resolve(null),
    trx.selectFrom('safety_sectors').select(['id', 'disabled']).where('id', '=', input.sectorId).executeTakeFirst(),
  ]);
  if (!sector || sector.disabled) throw new AppError('SAFETY_ENTERPRISE_INVALID', { detail: '行业领域不存在或已停用' }, { field: 'sectorId' });
  if (!township || !TOWNSHIP_KINDS.includes(township.kind))
    throw new AppError('SAFETY_ENTERPRISE_INVALID', { detail: '属地应为一个乡镇（街道）' }, { field: 'townshipUnitId' });
  if (input.regulatorUnitId && (!regulator || regulator.kind !== 'department'))
    throw new AppError('SAFETY_ENTERPRISE_INVALID', { detail: '行业主管部门应为一个县直部门' }, { field: 'regulatorUnitId' });
  // a township or department registers only enterprises it will itself see
  if (!isCountyWide(user) && !township.path.startsWith(user.unitPath) && !(regulator && regulator.path.startsWith(user.unitPath)))
    throw new AppError('SAFETY_ENTERPRISE_INVALID', { detail: '只能登记属地为本乡镇（街道）或由本部门主管的企业' }, { field: 'townshipUnitId' });
  const creditCode = input.creditCode?.toUpperCase() ?? null;
  const dup = await trx
    .selectFrom('safety_enterprises')
    .select(['id', 'name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('name', '=', input.name), eb('township_unit_id', '=', input.townshipUnitId)]),
        ...(creditCode ? [eb('credit_code', '=', creditCode)] : []),
      ]),
    )
    .$if(opts.id !== undefined, (q) => q.where('id', '<>', opts.id!))
    .executeTakeFirst();
  if (dup) throw new AppError('SAFETY_ENTERPRISE_DUPLICATE', { detail: `“${dup.name}”` });
  const enc = (v: string | undefined) => (v ? encryptValue(opts.keys, v) : null);
  const values = {
    name: input.name,
    credit_code: creditCode,
    sector_id: input.sectorId,
    township_unit_id: input.townshipUnitId,
    regulator_unit_id: input.regulatorUnitId ?? null,
    legal_rep_name_enc: enc(input.legalRepName),
    legal_rep_name_masked: input.legalRepName ? maskName(input.legalRepName) : null,
    legal_rep_phone_enc: enc(input.legalRepPhone),
    legal_rep_phone_masked: input.legalRepPhone ? maskPhone(input.legalRepPhone) : null,
    contact_name: input.contactName ?? null,
    contact_phone_enc: enc(input.contactPhone),
    contact_phone_masked: input.contactPhone ? maskPhone(input.contactPhone) : null,
    address: input.address ?? null,
    longitude: input.longitude ?? null,
    latitude: input.latitude ?? null,
    risk_grade: input.riskGrade ?? null,
    employees: input.employees ?? null,
    updated_at: opts.now,
  };
  // never the personal values in the audit trail: which fields were given, masked
  const auditView = {
    name: input.name,
    creditCode,
    sectorId: input.sectorId,
    townshipUnitId: input.townshipUnitId,
    regulatorUnitId: input.regulatorUnitId ?? null,
    legalRepName: values.legal_rep_name_masked,
    legalRepPhone: values.legal_rep_phone_masked,
    riskGrade: input.riskGrade ?? null,
    licences: input.licences.map((l) => ({ name: l.name, expiresOn: l.expiresOn })),
  };
  let id: number;
  if (opts.id === undefined) {
    const row = await trx
      .insertInto('safety_enterprises')
      .values({ ...values, created_at: opts.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = Number(row.id);
    await appendAudit(trx, opts.actor, { action: 'hazard.enterprise.create', entityType: 'safety_enterprise', entityId: id, after: auditView });
  } else {
    id = opts.id;
    const before = await trx
      .selectFrom('safety_enterprises as e')
      .select(['e.name', 'e.sector_id', 'e.township_unit_id', 'e.regulator_unit_id', 'e.risk_grade'])
      .where('e.id', '=', id)
      .where(enterpriseVisibleSql(user, 'e'))
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND');
    // the form shows personal data masked: a personal field left empty on a change keeps what is stored
    const kept = {
      ...values,
      ...(input.legalRepName === undefined ? { legal_rep_name_enc: undefined, legal_rep_name_masked: undefined } : {}),
      ...(input.legalRepPhone === undefined ? { legal_rep_phone_enc: undefined, legal_rep_phone_masked: undefined } : {}),
      ...(input.contactPhone === undefined ? { contact_phone_enc: undefined, contact_phone_masked: undefined } : {}),
    };
    await trx.updateTable('safety_enterprises').set(kept).where('id', '=', id).execute();
    await trx.deleteFrom('safety_licences').where('enterprise_id', '=', id).execute();
    await appendAudit(trx, opts.actor, { action: 'hazard.enterprise.update', entityType: 'safety_enterprise', entityId: id, before, after: auditView });
    // its open hazards follow it to the new 属地 township / 行业主管部门; closed ones keep their history
    await moveOpenHazards(trx, {
      enterpriseId: id,
      before: {
        townshipUnitId: Number(before.township_unit_id),
        regulatorUnitId: before.regulator_unit_id === null ? null : Number(before.regulator_unit_id),
      },
      after: { townshipUnitId: input.townshipUnitId, regulatorUnitId: input.regulatorUnitId ?? null },
      actor: opts.actor,
      now: opts.now,
    });
  }
  if (input.licences.length > 0) {
    await trx
      .insertInto('safety_licences')
      .values(input.licences.map((l) => ({ enterprise_id: id, name: l.name, number: l.number ?? null, expires_on: l.expiresOn })))
      .execute();
  }
  return { id };
}

export const REVEAL_FIELDS = { legalRepName: '第一责任人姓名', legalRepPhone: '第一责任人电话', contactPhone: '联系电话' } as const;
export type RevealField = keyof typeof REVEAL_FIELDS;

/** Shows one protected value of an enterprise in full, with the stated reason audited (never the value). */
export async function revealEnterpriseValue(
  db: Kysely<DB>,
  opts: { id: number; field: RevealField; reason: string; user: SessionUser; actor: Actor; keys: PersonalDataKeys },
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('safety_enterprises as e')
      .select(['e.legal_rep_name_enc', 'e.legal_rep_phone_enc', 'e.contact_phone_enc'])
      .where('e.id', '=', opts.id)
      .where(enterpriseVisibleSql(opts.user, 'e'))
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    const stored = { legalRepName: row.legal_rep_name_enc, legalRepPhone: row.legal_rep_phone_enc, contactPhone: row.contact_phone_enc }[opts.field];
    if (!stored) return null;
    return revealPersonalValue(trx, {
      keys: opts.keys,
      actor: opts.actor,
      entityType: 'safety_enterprise',
      entityId: opts.id,
      field: opts.field === 'legalRepName' ? 'name' : 'phone',
      stored,
      reason: opts.reason,
    });
  });
}
