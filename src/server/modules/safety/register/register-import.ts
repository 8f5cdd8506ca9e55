import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import { isCountyWide } from '../../../core/access/scope.ts';
import type { ImportDeclaration } from '../../../kernel/imports/index.ts';
import { listSectors } from './sectors.ts';
import { saveEnterprise } from './enterprises.ts';
import { enterpriseInput, RISK_GRADE_SHORT, type EnterpriseInput, type RiskGrade } from './enterprise-input.ts';
import { mayEditRegister } from './scope.ts';

const GRADE_BY_WORD = new Map<string, RiskGrade>(
  Object.entries(RISK_GRADE_SHORT).flatMap(([code, word]) => [
    [word, code as RiskGrade],
    [`${word}色`, code as RiskGrade],
  ]),
);

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : Number(s.trim()));

/**
 * The Excel import of an existing register (企业登记册) through the kernel's import mechanism: every row checked
 * (names of sectors, townships and departments looked up, the same rules as the form), all or nothing, one per-row
 * report. A row may carry one licence; more are added on the enterprise's page.
 */
export const SAFETY_REGISTER_IMPORT: ImportDeclaration<EnterpriseInput> = {
  kind: 'safety_register',
  name: '企业（场所）登记册',
  sheetName: '企业登记册',
  columns: [
    { key: 'name', header: '企业（场所）名称', required: true, width: 30, note: '2–100 字，同一乡镇内不重复' },
    { key: 'creditCode', header: '统一社会信用代码', required: false, width: 22, note: '18 位', format: 'text' },
    { key: 'sector', header: '行业领域', required: true, width: 22, note: '登记册中的行业领域名称，如“危险化学品”或“危险化学品 / 加油加气站”' },
    { key: 'township', header: '属地乡镇（街道）', required: true, width: 16, note: '乡镇（街道）名称' },
    { key: 'regulator', header: '行业主管部门', required: false, width: 22, note: '县直部门全称，如“青岚县应急管理局”' },
    { key: 'legalRepName', header: '第一责任人', required: false, width: 12, note: '法定代表人或主要负责人姓名' },
    { key: 'legalRepPhone', header: '第一责任人电话', required: false, width: 16, note: '手机或固定电话', format: 'text' },
    { key: 'contactName', header: '安全联系人', required: false, width: 12, note: '' },
    { key: 'contactPhone', header: '联系电话', required: false, width: 16, note: '', format: 'text' },
    { key: 'address', header: '地址', required: false, width: 30, note: '' },
    { key: 'longitude', header: '经度', required: false, width: 12, note: '如 104.123456' },
    { key: 'latitude', header: '纬度', required: false, width: 12, note: '如 30.123456' },
    { key: 'riskGrade', header: '风险等级', required: false, width: 10, note: '红、橙、黄、蓝', choices: ['红', '橙', '黄', '蓝'] },
    { key: 'employees', header: '从业人数', required: false, width: 10, note: '整数' },
    { key: 'licenceName', header: '证照名称', required: false, width: 20, note: '如“危险化学品经营许可证”' },
    { key: 'licenceNumber', header: '证照编号', required: false, width: 20, note: '', format: 'text' },
    { key: 'licenceExpiresOn', header: '证照有效期至', required: false, width: 14, note: 'YYYY-MM-DD', format: 'date' },
  ],
  rules: '每一行都检查无误后才全部导入；任何一行有误则一行也不导入，并逐行说明问题。同名企业（同一乡镇）或相同统一社会信用代码已在登记册中的，不重复登记。',
  maxRows: 2000,
  auditAction: 'hazard.register.import',
  mayImport: mayEditRegister,
  detailHref: (id) => `/safety/enterprises/${id}`,
  async validate(db: Kysely<DB>, rows, ctx) {
    const [sectors, units, existing] = await Promise.all([
      listSectors(db),
      db.selectFrom('units').select(['id', 'name', 'short_name', 'kind', 'path']).where('disabled', '=', false).execute(),
      db.selectFrom('safety_enterprises').select(['name', 'township_unit_id', 'credit_code']).execute(),
    ]);
    const sectorByName = new Map<string, number>();
    for (const s of sectors) {
      sectorByName.set(s.fullName, s.id);
      sectorByName.set(s.fullName.replace(/\s/g, ''), s.id);
      if (!sectorByName.has(s.name)) sectorByName.set(s.name, s.id);
    }
    const unitBy = (name: string, kinds: string[]) => {
      const found = units.filter((u) => kinds.includes(u.kind) && (u.name === name || u.short_name === name));
      return found.length === 1 ? found[0] : undefined;
    };
    const taken = new Set(existing.map((e) => `${e.name}|${e.township_unit_id}`));
    const takenCodes = new Set(existing.map((e) => e.credit_code).filter(Boolean));
    const seen = new Map<string, number>();
    return rows.map(({ row, cells }) => {
      const errors: string[] = [];
      const c = (k: string) => (cells[k] ?? '').trim();
      const sectorId = sectorByName.get(c('sector')) ?? sectorByName.get(c('sector').replace(/\s/g, ''));
      if (!sectorId) errors.push(`行业领域：登记册中没有“${c('sector')}”`);
      const township = c('township') ? unitBy(c('township'), ['township', 'street']) : undefined;
      if (!township) errors.push(`属地乡镇（街道）：没有名为“${c('township')}”的乡镇（街道）`);
      const regulator = c('regulator') ? unitBy(c('regulator'), ['department']) : undefined;
      if (c('regulator') && !regulator) errors.push(`行业主管部门：没有名为“${c('regulator')}”的县直部门`);
      const grade = c('riskGrade') ? GRADE_BY_WORD.get(c('riskGrade')) : undefined;
      if (c('riskGrade') && !grade) errors.push('风险等级：应为红、橙、黄、蓝之一');
      const licence =
        c('licenceName') || c('licenceExpiresOn')
          ? [{ name: c('licenceName'), number: c('licenceNumber') || undefined, expiresOn: c('licenceExpiresOn') }]
          : [];
      if (township && !isCountyWide(ctx.user) && !township.path.startsWith(ctx.user.unitPath) && !(regulator && regulator.path.startsWith(ctx.user.unitPath)))
        errors.push('只能导入属地为本乡镇（街道）或由本部门主管的企业');
      const parsed = enterpriseInput.safeParse({
        name: c('name'),
        creditCode: c('creditCode') || undefined,
        sectorId: sectorId ?? 1,
        townshipUnitId: township ? Number(township.id) : 1,
        regulatorUnitId: regulator ? Number(regulator.id) : null,
        legalRepName: c('legalRepName') || undefined,
        legalRepPhone: c('legalRepPhone') || undefined,
        contactName: c('contactName') || undefined,
        contactPhone: c('contactPhone') || undefined,
        address: c('address') || undefined,
        longitude: num(cells.longitude) ?? null,
        latitude: num(cells.latitude) ?? null,
        riskGrade: grade ?? null,
        employees: num(cells.employees) ?? null,
        licences: licence,
      });
      if (!parsed.success) {
        const header = (path: PropertyKey[]) => {
          const key = String(path[0] ?? '');
          const col =
            key === 'licences'
              ? SAFETY_REGISTER_IMPORT.columns.find((x) => x.key === `licence${String(path[2] ?? 'Name').replace(/^./, (m) => m.toUpperCase())}`)
              : SAFETY_REGISTER_IMPORT.columns.find((x) => x.key === key);
          return col?.header ?? key;
        };
        for (const issue of parsed.error.issues) errors.push(`${header(issue.path)}：${issue.message}`);
      }
      if (township) {
        const key = `${c('name')}|${township.id}`;
        if (taken.has(key)) errors.push(`企业（场所）名称：“${c('name')}”已在${township.name}的登记册中`);
        if (seen.has(key)) errors.push(`企业（场所）名称：与第 ${seen.get(key)} 行重复`);
        else seen.set(key, row);
      }
      if (c('creditCode') && takenCodes.has(c('creditCode').toUpperCase())) errors.push('统一社会信用代码：已在登记册中');
      return errors.length === 0 && parsed.success ? { row, ok: true, errors: [], value: parsed.data } : { row, ok: false, errors };
    });
  },
  async write(trx, input, ctx) {
    const { id } = await saveEnterprise(trx, { input, user: ctx.user, actor: ctx.actor, keys: ctx.keys, now: ctx.now });
    return { id, no: input.name };
  },
};
