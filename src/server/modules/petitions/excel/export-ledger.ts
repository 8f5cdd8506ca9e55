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

interface Extra {
  category: string;
  decisions: PetitionDecisions;
  people: string;
  /** 主办 unit(s) of the active 交办 */
  leadUnits: string;
  /** 包案领导 */
  leaders: string;
}

/** Category, decisions, masked petitioner names and the active 主办 and 包案领导 of one page of the list (the list itself stays the one scoped query). */
async function extras(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return new Map<number, Extra>();
  const [rows, people, parties] = await Promise.all([
    db
      .selectFrom('petitions as p')
      .innerJoin('petition_categories as c', 'c.id', 'p.category_id')
      .leftJoin('petition_categories as pc', 'pc.id', 'c.parent_id')
      .select(['p.id', 'p.decisions', 'c.name', 'pc.name as parent_name'])
      .where('p.id', 'in', ids)
      .execute(),
    db.selectFrom('petitioners').select(['petition_id', 'name_masked']).where('petition_id', 'in', ids).orderBy('id').execute(),
    db
      .selectFrom('case_parties as cp')
      .leftJoin('units as u', 'u.id', 'cp.unit_id')
      .leftJoin('leaders as l', 'l.id', 'cp.leader_id')
      .select(['cp.work_item_id', 'cp.role', 'u.name as unit_name', 'l.name as leader_name', 'l.title as leader_title'])
      .where('cp.work_item_id', 'in', ids)
      .where('cp.active', '=', true)
      .where('cp.role', 'in', ['lead', 'leader'])
      .orderBy('cp.id')
      .execute(),
  ]);
  const partiesOf = (id: number, role: 'lead' | 'leader') =>
    parties
      .filter((x) => Number(x.work_item_id) === id && x.role === role)
      .map((x) => (role === 'lead' ? x.unit_name : `${x.leader_name ?? ''}${x.leader_title ? `（${x.leader_title}）` : ''}`))
      .filter((x): x is string => !!x)
      .join('、');
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
        leadUnits: partiesOf(Number(r.id), 'lead'),
        leaders: partiesOf(Number(r.id), 'leader'),
      },
    ]),
  );
}

type ListItem = Awaited<ReturnType<typeof listPetitions>>['items'][number];
type LedgerRow = ListItem & { extra?: Extra };
const WARNING_NAMES: Record<ListItem['warningLevel'], string> = { normal: '正常', approaching: '临期', overdue: '超期', severe: '严重超期' };
const flagsOf = (it: ListItem) =>
  (Object.keys(FLAG_NAMES) as (keyof typeof FLAG_NAMES)[])
    .filter((k) => it.flags[k])
    .map((k) => FLAG_NAMES[k])
    .join('、');

/** The columns of the 台账 export, in words (personal data masked). */
export const LEDGER_EXPORT_COLUMNS: ExportColumn<LedgerRow>[] = [
  { header: '编号', width: 22, value: (r) => r.caseNo },
  // what a clerk sorts the ledger by first: how close the nearest deadline is
  { header: '预警', width: 10, value: (r) => (r.nearestDue ? WARNING_NAMES[r.warningLevel] : '') },
  { header: '期限', width: 12, kind: 'day', value: (r) => r.nearestDue ?? '' },
  { header: '渠道', width: 10, value: (r) => CHANNEL_NAMES[r.channel] ?? r.channel },
  { header: '类型', width: 12, value: (r) => MATTER_NAMES[r.matterType] ?? r.matterType },
  { header: '分类', width: 20, value: (r) => r.extra?.category },
  { header: '标题', width: 36, value: (r) => r.title },
  { header: '属地', width: 14, value: (r) => r.placeUnitName },
  { header: '主办单位', width: 18, value: (r) => r.extra?.leadUnits },
  { header: '包案领导', width: 16, value: (r) => r.extra?.leaders },
  { header: '状态', width: 12, value: (r) => r.stateName },
  { header: '标记', width: 18, value: flagsOf },
  { header: '信访人（脱敏）', width: 14, value: (r) => r.extra?.people },
  { header: '登记日期', width: 12, kind: 'day', value: (r) => day(r.receivedAt) },
  { header: '受理日期', width: 12, kind: 'day', value: (r) => str(r.extra?.decisions.acceptance?.date) },
  { header: '答复日期', width: 12, kind: 'day', value: (r) => str(r.extra?.decisions.reply?.date) },
  { header: '评价', width: 10, value: (r) => EVALUATION_NAMES[str(r.extra?.decisions.evaluation?.result)] ?? '' },
];

/**
 * 台账导出 through the one list export (core/excel/list-export.ts): the same scoped, filtered list as GET /petitions,
 * page by page into the streaming writer; the first page is read before anything is sent, so a bad request or an
 * oversized ledger is an HTTP error, not a cut file. Personal data appears masked only.
 */
export function exportLedger(opts: {
  db: Kysely<DB>;
  user: SessionUser;
  filters: Filters;
  today: string;
  personIds?: readonly number[];
}): Promise<PassThrough> {
  return exportList<LedgerRow>({
    sheetName: '信访台账',
    columns: LEDGER_EXPORT_COLUMNS,
    fetchPage: async (page, pageSize) => {
      const { items, total } = await listPetitions({
        db: opts.db,
        user: opts.user,
        query: { ...opts.filters, page, pageSize },
        today: opts.today,
        personIds: opts.personIds,
      });
      const more = await extras(
        opts.db,
        items.map((i) => i.id),
      );
      return { total, items: items.map((it) => ({ ...it, extra: more.get(it.id) })) };
    },
  });
}
