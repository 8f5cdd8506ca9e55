import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import type { Actor } from '../../../core/audit/audit-chain.ts';
import { AppError } from '../../../core/errors.ts';
import { withoutUnsafeChars } from '../../../core/files/file-name.ts';
import type { ModuleCatalog } from '../../../kernel/catalog/index.ts';
import { importTemplate, parseDay, readSheet, type ImportColumn, type ImportDeclaration, type RowCheck, type SheetRow } from '../../../kernel/imports/index.ts';
import { findVisibleByRef } from '../../../kernel/links/index.ts';
import { isActionOffice } from './fields.ts';
import { actionArea, itemsInput, writeItems, type ItemsInput } from './write.ts';

type ItemRow = ItemsInput['items'][number];

/** The most rows one 问题清单 file may hold (the form's limit too). */
export const ACTION_IMPORT_MAX_ROWS = 200;

const COLUMNS: readonly ImportColumn[] = [
  { key: 'title', header: '问题描述', required: true, width: 40, note: '问题的概况，如“张某某反映征地补偿标准问题”，不超过 200 字' },
  { key: 'unit', header: '责任单位', required: true, width: 18, note: '县直部门或乡镇（街道）、村（社区）的名称；同名的村请写成“乡镇/村”，如“龙蚕镇/龙蚕村”' },
  { key: 'leader', header: '包案领导', required: true, width: 12, note: '县领导名单中的姓名' },
  { key: 'dueDate', header: '完成时限', required: true, width: 14, note: '日期，如 2026-12-31；不得早于行动开始日期和今天', format: 'date' },
  { key: 'standard', header: '销号标准', required: true, width: 36, note: '化解到什么程度可以销号，如“补偿款兑付到位，当事人签订息诉罢访承诺书”' },
  {
    key: 'linkedRefNo',
    header: '关联事项编号',
    required: false,
    width: 22,
    note: '已有事项（如积案的信访件）的编号，可不填；须是您能查看的事项',
    format: 'text',
  },
  { key: 'linkedModule', header: '关联事项类型', required: false, width: 14, note: '编号在不同类型的事项中重复时填写，如“信访”' },
];

type ActionItemsImport = ImportDeclaration<ItemRow> & {
  /** validate, with each row as the preview shows it */
  check(
    db: Kysely<DB>,
    rows: readonly SheetRow[],
    ctx: { user: SessionUser; today: string },
  ): Promise<{ check: RowCheck<ItemRow>; preview: ImportPreviewRow }[]>;
};

interface ActionForImport {
  id: number;
  name: string;
  periodFrom: string;
  periodTo: string;
  leadUnitId: number;
  status: string;
}

async function loadForImport(db: Kysely<DB>, user: SessionUser, actionId: number): Promise<ActionForImport> {
  const a = await db
    .selectFrom('sv_actions')
    .select(['id', 'name', 'period_from', 'period_to', 'lead_unit_id', 'status'])
    .where('id', '=', actionId)
    .executeTakeFirst();
  if (!a) throw new AppError('NOT_FOUND');
  if (!isActionOffice(user, Number(a.lead_unit_id))) throw new AppError('FORBIDDEN');
  if (a.status === 'ended') throw new AppError('SV_ACTION_ENDED', { name: a.name });
  return { id: Number(a.id), name: a.name, periodFrom: a.period_from, periodTo: a.period_to, leadUnitId: Number(a.lead_unit_id), status: a.status };
}

/** A checked row as the preview shows it: the names as resolved, the date as read. */
export interface ImportPreviewRow {
  row: number;
  ok: boolean;
  errors: string[];
  title: string;
  unitName: string;
  leaderName: string;
  dueDate: string;
  standard: string;
  linkedRefNo: string;
}

/**
 * The 问题清单 import of one action, declared for the kernel's import machinery (template with its 填写说明 sheet, the
 * upload guard, reading by header, every row checked): names of units and leaders resolved against the county's, the
 * 完成时限 a real day not before the action's start (nor today), the 责任单位 inside the lead township's area when a
 * township leads, the 关联事项编号 found among the items the importer may see. Written through writeItems — the form's path.
 */
export function actionItemsImport(a: ActionForImport, modules: ModuleCatalog): ActionItemsImport {
  const decl: ActionItemsImport = {
    kind: 'sv_action_items',
    name: '问题清单',
    sheetName: '问题清单',
    columns: COLUMNS,
    rules: `每一行是一个问题，列入后成为交办责任单位的督办事项，由包案领导督导、按销号标准销号。所有行都检查无误才一并列入；任何一行有误则一行也不列入，并逐行逐列说明问题。一次最多 ${ACTION_IMPORT_MAX_ROWS} 行。`,
    maxRows: ACTION_IMPORT_MAX_ROWS,
    auditAction: 'supervision.action.items',
    mayImport: (user) => isActionOffice(user, a.leadUnitId),
    async validate(db, rows, ctx) {
      return (await decl.check(db, rows, ctx)).map((r) => r.check);
    },
    async check(db, rows, ctx) {
      const [units, leaders, area] = await Promise.all([
        db.selectFrom('units').select(['id', 'name', 'short_name', 'path', 'parent_id']).where('disabled', '=', false).execute(),
        db.selectFrom('leaders').select(['id', 'name', 'title']).where('disabled', '=', false).execute(),
        actionArea(db, a.leadUnitId),
      ]);
      const unitName = new Map(units.map((u) => [Number(u.id), u.name]));
      const findUnits = (text: string) => {
        const t = text.replace(/\s/g, '');
        const slash = t.split(/[/／]/);
        if (slash.length === 2)
          return units.filter(
            (u) => (u.name === slash[1] || u.short_name === slash[1]) && u.parent_id !== null && unitName.get(Number(u.parent_id)) === slash[0],
          );
        return units.filter((u) => u.name === t || u.short_name === t);
      };
      const findLeaders = (text: string) => {
        const m = /^(.+?)[（(](.+)[）)]$/.exec(text.replace(/\s/g, ''));
        return m ? leaders.filter((l) => l.name === m[1] && l.title === m[2]) : leaders.filter((l) => l.name === text.replace(/\s/g, ''));
      };
      const moduleByName = new Map(modules.modules.map((m) => [m.name, m.kind]));
      const header = (key: string) => COLUMNS.find((c) => c.key === key)?.header ?? key;
      const out: { check: RowCheck<ItemRow>; preview: ImportPreviewRow }[] = [];
      for (const { row, cells } of rows) {
        const c = (k: string) => (cells[k] ?? '').trim();
        const errors: string[] = [];
        const err = (key: string, message: string) => errors.push(`${header(key)}：${message}`);
        let unit: (typeof units)[number] | undefined;
        if (c('unit')) {
          const found = findUnits(c('unit'));
          if (found.length === 0) err('unit', `没有名为“${c('unit')}”的单位（或已停用）`);
          else if (found.length > 1) err('unit', `有 ${found.length} 个名为“${c('unit')}”的单位，请写成“乡镇/村”的形式`);
          else unit = found[0];
          if (unit && Number(unit.id) === a.leadUnitId) err('unit', `${unit.name}是本行动的牵头单位，不能交办给自己`);
          else if (unit && area.kind === 'area' && !unit.path.startsWith(area.path))
            err('unit', `${unit.name}不在${area.name}辖区内，本行动只能列入辖区内村（社区）和站所的问题`);
        }
        let leader: (typeof leaders)[number] | undefined;
        if (c('leader')) {
          const found = findLeaders(c('leader'));
          if (found.length === 0) err('leader', `县领导名单中没有“${c('leader')}”（或已停用）`);
          else if (found.length > 1)
            err('leader', `县领导名单中有 ${found.length} 位“${c('leader')}”，请写成“姓名（职务）”，如“${found[0]!.name}（${found[0]!.title}）”`);
          else leader = found[0];
        }
        const due = c('dueDate') ? parseDay(c('dueDate')) : null;
        if (c('dueDate') && !due) err('dueDate', `“${c('dueDate')}”不是有效日期，请写成 2026-12-31 的形式`);
        else if (due && due < a.periodFrom) err('dueDate', `${due} 早于行动开始日期 ${a.periodFrom}`);
        else if (due && due < ctx.today) err('dueDate', `${due} 早于今天（交办日期）`);
        let linkedModule: string | undefined;
        if (c('linkedModule')) {
          linkedModule = moduleByName.get(c('linkedModule'));
          if (!linkedModule) err('linkedModule', `没有“${c('linkedModule')}”这类事项，可填：${[...moduleByName.keys()].join('、')}`);
        }
        if (c('linkedRefNo') && (!c('linkedModule') || linkedModule)) {
          try {
            await findVisibleByRef(db, modules, ctx.user, { refNo: c('linkedRefNo'), module: linkedModule });
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            // an item out of the importer's sight reads as one that does not exist
            if (e.code === 'LINK_TARGET_AMBIGUOUS')
              err('linkedRefNo', `编号 ${c('linkedRefNo')} 对应多个事项（${String(e.params.modules)}），请在“关联事项类型”列填写类型`);
            else err('linkedRefNo', `没有找到编号为 ${c('linkedRefNo')} 的事项`);
          }
        }
        const candidate = {
          title: c('title'),
          unitId: unit ? Number(unit.id) : 1,
          leaderId: leader ? Number(leader.id) : 1,
          dueDate: due ?? '2000-01-01',
          standard: c('standard'),
          linkedRefNo: c('linkedRefNo') || undefined,
          linkedModule,
        };
        const parsed = itemsInput.shape.items.element.safeParse(candidate);
        if (!parsed.success)
          for (const issue of parsed.error.issues) {
            const key = String(issue.path[0] ?? '');
            if (['title', 'standard', 'linkedRefNo'].includes(key)) err(key, issue.message);
          }
        for (const k of ['title', 'unit', 'leader', 'dueDate', 'standard']) if (!c(k) && !errors.some((e) => e.startsWith(`${header(k)}：`))) err(k, '必填');
        const preview: ImportPreviewRow = {
          row,
          ok: errors.length === 0,
          errors,
          title: c('title'),
          unitName: unit?.name ?? c('unit'),
          leaderName: leader ? leader.name : c('leader'),
          dueDate: due ?? c('dueDate'),
          standard: c('standard'),
          linkedRefNo: c('linkedRefNo'),
        };
        out.push({ check: errors.length === 0 && parsed.success ? { row, ok: true, errors: [], value: parsed.data } : { row, ok: false, errors }, preview });
      }
      return out;
    },
    async write(trx, row, ctx) {
      const { ids } = await writeItems(trx, { user: ctx.user, actor: ctx.actor, now: ctx.now, modules, actionId: a.id, input: { items: [row] } });
      return { id: ids[0]!, no: row.title };
    },
  };
  return decl;
}

/** The template of the action's 问题清单 (columns, date formats, 填写说明 with the rules). */
export async function actionImportTemplate(
  db: Kysely<DB>,
  user: SessionUser,
  modules: ModuleCatalog,
  actionId: number,
): Promise<{ bytes: Buffer; name: string }> {
  const a = await loadForImport(db, user, actionId);
  return { bytes: await importTemplate(actionItemsImport(a, modules)), name: a.name };
}

export interface ActionImportResult {
  rows: ImportPreviewRow[];
  /** rows listed (0 on a preview, or when any row has an error) */
  imported: number;
  ids: number[];
}

/**
 * Upload → preview (confirm false: every row checked, nothing written) → confirm (checked again against the state of
 * now, then every row listed in ONE transaction through the form's path — all or nothing, one audit naming the file).
 */
export async function importActionItems(
  db: Kysely<DB>,
  modules: ModuleCatalog,
  opts: { user: SessionUser; actor: Actor; now: Date; today: string; actionId: number; file: Buffer; filename?: string; confirm: boolean },
): Promise<ActionImportResult> {
  const a = await loadForImport(db, opts.user, opts.actionId);
  const decl = actionItemsImport(a, modules);
  const checked = await decl.check(db, await readSheet(decl, opts.file), { user: opts.user, today: opts.today });
  const rows = checked.map((r) => r.preview);
  if (checked.some((r) => !r.check.ok) || !opts.confirm) return { rows, imported: 0, ids: [] };
  const items = checked.map((r) => r.check.value!);
  try {
    const { ids } = await db.transaction().execute((trx) =>
      writeItems(trx, {
        user: opts.user,
        actor: opts.actor,
        now: opts.now,
        modules,
        actionId: a.id,
        input: { items },
        importedFrom: opts.filename ? withoutUnsafeChars(opts.filename) : 'Excel',
      }),
    );
    return { rows, imported: ids.length, ids };
  } catch (e) {
    // a row refused while written (state changed since the check): name its Excel row, nothing was written
    const m = e instanceof AppError ? /^(?:items|tasks)\.(\d+)\./.exec(String(e.data?.field ?? '')) : null;
    if (!m || !(e instanceof AppError)) throw e;
    const n = Number(m[1]);
    return { rows: rows.map((r, i) => (i === n ? { ...r, ok: false, errors: [e.message] } : r)), imported: 0, ids: [] };
  }
}
