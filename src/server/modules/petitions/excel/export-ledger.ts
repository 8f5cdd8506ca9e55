import type { PassThrough } from 'node:stream';
import { exportList, type ExportColumn } from '../../../core/excel/list-export.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../../core/db/schema.ts';
import type { SessionUser } from '../../../core/auth/types.ts';
import { listPetitions, type ListQuery } from '../list-petitions.ts';
import { CHANNEL_NAMES, EVALUATION_NAMES, FLAG_NAMES, MATTER_NAMES } from './ledger-columns.ts';
import { readDecisions, type PetitionDecisions } from '../decisions.ts';

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

type ListItem = Awaited<ReturnType<typeof listPetitions>>['items'][number];
type LedgerRow = ListItem & { extra?: { category: string; decisions: PetitionDecisions; people: string } };
const flagsOf = (it: ListItem) =>
  (Object.keys(FLAG_NAMES) as (keyof typeof FLAG_NAMES)[])
    .filter((k) => it.flags[k])
    .map((k) => FLAG_NAMES[k])
    .join('、');

/** The columns of the 台账 export, in words (personal data masked). */
export const LEDGER_EXPORT_COLUMNS: ExportColumn<LedgerRow>[] = [
  { header: '编号', width: 22, value: (r) => r.caseNo },
  { header: '渠道', width: 10, value: (r) => CHANNEL_NAMES[r.channel] ?? r.channel },
  { header: '类型', width: 12, value: (r) => MATTER_NAMES[r.matterType] ?? r.matterType },
  { header: '分类', width: 20, value: (r) => r.extra?.category },
  { header: '标题', width: 30, value: (r) => r.title },
  { header: '属地', width: 14, value: (r) => r.placeUnitName },
  { header: '状态', width: 12, value: (r) => r.stateName },
  { header: '标记', width: 18, value: flagsOf },
  { header: '信访人（脱敏）', width: 14, value: (r) => r.extra?.people },
  { header: '登记日期', width: 12, kind: 'day', value: (r) => day(r.receivedAt) },
  { header: '受理日期', width: 12, kind: 'day', value: (r) => str(r.extra?.decisions.acceptance?.date) },
  { header: '期限', width: 12, kind: 'day', value: (r) => r.nearestDue ?? '' },
  { header: '答复日期', width: 12, kind: 'day', value: (r) => str(r.extra?.decisions.reply?.date) },
  { header: '评价', width: 10, value: (r) => EVALUATION_NAMES[str(r.extra?.decisions.evaluation?.result)] ?? '' },
];

/**
 * 台账导出 through the one list export (core/excel/list-export.ts): the same scoped, filtered list as GET /petitions,
 * page by page into the streaming writer; the first page is read before anything is sent, so a bad request or an
 * oversized ledger is an HTTP error, not a cut file. Personal data appears masked only.
 */
export function exportLedger(opts: { db: Kysely<DB>; user: SessionUser; filters: Filters; today: string }): Promise<PassThrough> {
  return exportList<LedgerRow>({
    sheetName: '信访台账',
    columns: LEDGER_EXPORT_COLUMNS,
    fetchPage: async (page, pageSize) => {
      const { items, total } = await listPetitions({ db: opts.db, user: opts.user, query: { ...opts.filters, page, pageSize }, today: opts.today });
      const more = await extras(
        opts.db,
        items.map((i) => i.id),
      );
      return { total, items: items.map((it) => ({ ...it, extra: more.get(it.id) })) };
    },
  });
}
