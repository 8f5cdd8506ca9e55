import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { listPetitions, type ListQuery } from '../list-petitions.ts';
import { CHANNEL_NAMES, EVALUATION_NAMES, FLAG_NAMES, MATTER_NAMES } from './ledger-columns.ts';
import { readDecisions, type PetitionDecisions } from '../decisions.ts';

const PAGE = 200;
export const LEDGER_EXPORT_HEADERS = [
  '编号',
  '渠道',
  '类型',
  '分类',
  '标题',
  '属地',
  '状态',
  '标记',
  '信访人（脱敏）',
  '登记日期',
  '受理日期',
  '期限',
  '答复日期',
  '评价',
];

type Filters = Omit<ListQuery, 'page' | 'pageSize'>;
const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Category, decisions and masked petitioner names of one page of the list (the list itself stays the one scoped query). */
async function extras(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return new Map<number, { category: string; decisions: PetitionDecisions; people: string }>();
  const [rows, people] = await Promise.all([
    db
      .selectFrom('petitions as p')
      .innerJoin('petition_categories as c', 'c.id', 'p.category_id')
      .leftJoin('petition_categories as pc', 'pc.id', 'c.parent_id')
      .select(['p.id', 'p.decisions', 'c.name', 'pc.name as parent_name'])
      .where('p.id', 'in', ids)
      .execute(),
    db.selectFrom('petitioners').select(['petition_id', 'name_masked']).where('petition_id', 'in', ids).orderBy('id').execute(),
  ]);
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        category: r.parent_name ? `${r.parent_name}/${r.name}` : r.name,
        decisions: readDecisions(r.decisions),
        people: people
          .filter((x) => Number(x.petition_id) === Number(r.id))
          .map((x) => x.name_masked)
          .join('、'),
      },
    ]),
  );
}

/**
 * 台账导出: the same scoped, filtered list as GET /petitions, page by page into exceljs' streaming writer
 * (rows are committed as written, so memory stays flat on big ledgers). Personal data appears masked only.
 */
export function exportLedger(opts: { db: Kysely<DB>; user: SessionUser; filters: Filters; today: string }): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('信访台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = LEDGER_EXPORT_HEADERS.map((header, i) => ({ header, width: [22, 10, 12, 20, 30, 14, 12, 18, 14, 12, 12, 12, 12, 10][i] }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  void (async () => {
    for (let page = 1; ; page++) {
      const { items } = await listPetitions({ db: opts.db, user: opts.user, query: { ...opts.filters, page, pageSize: PAGE }, today: opts.today });
      const more = await extras(
        opts.db,
        items.map((i) => i.id),
      );
      for (const it of items) {
        const x = more.get(it.id);
        const flags = (Object.keys(FLAG_NAMES) as (keyof typeof FLAG_NAMES)[]).filter((k) => it.flags[k]).map((k) => FLAG_NAMES[k]);
        ws.addRow([
          it.caseNo,
          CHANNEL_NAMES[it.channel] ?? it.channel,
          MATTER_NAMES[it.matterType] ?? it.matterType,
          x?.category ?? '',
          it.title,
          it.placeUnitName,
          it.stateName,
          flags.join('、'),
          x?.people ?? '',
          day(it.receivedAt),
          str(x?.decisions.acceptance?.date),
          it.nearestDue ?? '',
          str(x?.decisions.reply?.date),
          EVALUATION_NAMES[str(x?.decisions.evaluation?.result)] ?? '',
        ]).commit();
      }
      if (items.length < PAGE) break;
    }
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
